import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";

import { devnetDown, devnetUp, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";

const BIN = resolve(import.meta.dirname, "../../../bin/superchain");

describe("superchain config … against a devnet with the sequencer", () => {
  const dir = mkdtempSync(join(tmpdir(), "operator-cli-"));
  const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "deployments", "devnet.json"), logDir: join(dir, "logs") };
  const cli = (args: string[], manifest = paths.manifestFile) => {
    const result = spawnSync(BIN, args, {
      encoding: "utf8",
      env: { ...process.env, SUPERCHAIN_MANIFEST: manifest, SUPERCHAIN_DEVNET_DIR: dir },
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  before(async () => {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
    await devnetUp(paths, { ports });
  });
  after(async () => {
    await devnetDown(paths);
  });

  // First, while the devnet is fresh: its sequencer posts base-local's first output 10 blocks of
  // 2 s after it starts, and from then on `config verify` has commitments to check.
  it("config verify fails clearly while no commitments can be checked", () => {
    const { code, stdout, stderr } = cli(["config", "verify", "--last", "5"]);
    assert.notEqual(code, 0);
    // Until commitments are wired: the oracle is either not in the manifest or has no outputs yet.
    assert.match(stdout, /✗ commitments of base-local \(chain 901\): (OutputOracle not deployed|no outputs posted yet)/);
    assert.match(stdout, /release: /);
    assert.match(stderr, /checks? failed/);
  });

  it("config show 901 prints the governed parameters with labels and units", () => {
    const { code, stdout } = cli(["config", "show", "901"]);
    assert.equal(code, 0);
    assert.match(stdout, /^base-local \(chain 901\)/);
    assert.match(stdout, /block time\s+[\d,]+ ms/);
    assert.match(stdout, /activated\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    assert.match(stdout, /paused\s+no/);
    assert.doesNotMatch(stdout, /zora-local/);
  });

  it("config show 999 exits 1 and names the known chains", () => {
    const { code, stderr } = cli(["config", "show", "999"]);
    assert.equal(code, 1);
    assert.match(stderr, /901 \(base-local\), 902 \(zora-local\)/);
  });

  it("config diff exits 0 when the running sequencer matches governance", () => {
    const { code, stdout, stderr } = cli(["config", "diff"]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /matches governance/);
  });

  it("config diff exits 1 with a clear error when the sequencer is unreachable", async () => {
    const manifest = JSON.parse(readFileSync(paths.manifestFile, "utf8")) as { members: { sequencerRpcUrl?: string }[] };
    const closed = await freePort();
    for (const member of manifest.members) member.sequencerRpcUrl = `http://127.0.0.1:${closed}/x`;
    const elsewhere = join(dir, "unreachable.json");
    writeFileSync(elsewhere, JSON.stringify(manifest));
    const { code, stderr } = cli(["config", "diff"], elsewhere);
    assert.equal(code, 1);
    assert.match(stderr, /sequencer at http:\/\/127\.0\.0\.1:\d+ is unreachable/);
  });

});
