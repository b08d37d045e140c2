/**
 * `superchain relay` on bad input, as users run it (bin/superchain in a child process), against
 * manifests written to a temporary folder: nothing here needs a node, since every case is refused
 * before the hub is asked. The relay itself is covered end to end by
 * test/lib/crosschain/crosschain.devnet.test.ts.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";

import { buildManifest, lowercaseAddress } from "../../helpers/manifest.ts";

const BIN = resolve(import.meta.dirname, "../../../bin/superchain");
const dir = mkdtempSync(join(tmpdir(), "superchain-relay-"));

type Loose = any;

function manifestFile(name: string, mutate: (manifest: Loose) => void = () => {}): string {
  const manifest: Loose = buildManifest();
  manifest.contracts.outputOracle = lowercaseAddress(0xa6);
  manifest.members[0].hubStateOracle = lowercaseAddress(0xd0);
  manifest.members[0].spoke = { pool: lowercaseAddress(0xd1), token: lowercaseAddress(0xd2), aggregator: lowercaseAddress(0xd3), verifier: lowercaseAddress(0xd4) };
  // A port nothing listens on: a case that reached the hub would fail differently.
  manifest.hub.rpcUrl = "http://127.0.0.1:9";
  mutate(manifest);
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(manifest));
  return path;
}

function superchain(manifest: string, args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, SUPERCHAIN_DEVNET_DIR: join(dir, "devnet"), SUPERCHAIN_MANIFEST: manifest, FORCE_COLOR: "0", ...extraEnv };
  for (const name of ["SUPERCHAIN_RELAYER_KEY", "SUPERCHAIN_RELAYER_KEYSTORE", "SUPERCHAIN_RELAYER_PASSWORD_FILE"]) delete (env as Record<string, string | undefined>)[name];
  Object.assign(env, extraEnv);
  return new Promise((done) => {
    execFile(BIN, ["relay", ...args], { env, cwd: dir, timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error === null ? 0 : typeof error.code === "number" ? error.code : -1, stdout, stderr });
    });
  });
}

describe("superchain relay: bad input", { concurrency: true }, () => {
  after(() => rmSync(dir, { recursive: true, force: true }));
  const voting = manifestFile("voting");

  it("--help shows both options and exits 0", async () => {
    const { code, stdout } = await superchain(voting, ["--help"]);
    assert.equal(code, 0);
    assert.match(stdout, /Usage: superchain relay \[options\]/);
    assert.match(stdout, /--proposal <id>/);
    assert.match(stdout, /--chain <chain>/);
  });

  it("a malformed proposal id is a usage error (exit 2), naming the value", async () => {
    for (const bad of ["--proposal=abc", "--proposal=-1", "--proposal=12e3"]) {
      const { code, stderr } = await superchain(voting, [bad]);
      assert.equal(code, 2, bad);
      assert.match(stderr, /--proposal must be a proposal id: a decimal or 0x-hex uint256/, bad);
      assert.match(stderr, /Usage: superchain relay/);
    }
    const zero = await superchain(voting, ["--proposal", "0"]);
    assert.equal(zero.code, 2);
    assert.match(zero.stderr, /--proposal must be a proposal id: a non-zero uint256, got 0/);
    const huge = await superchain(voting, ["--proposal", (2n ** 256n).toString()]);
    assert.equal(huge.code, 2);
    assert.match(huge.stderr, /non-zero uint256/);
  });

  it("an unknown option or a missing value is a usage error (exit 2)", async () => {
    const unknown = await superchain(voting, ["--chains", "901"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option --chains/);
    const missing = await superchain(voting, ["--chain"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--chain needs a value/);
  });

  it("an unknown chain exits 1 and lists the member chains", async () => {
    const { code, stderr } = await superchain(voting, ["--chain", "999"]);
    assert.equal(code, 1);
    assert.match(stderr, /999/);
    assert.match(stderr, /base-local/);
    const hub = await superchain(voting, ["--chain", "hub"]);
    assert.equal(hub.code, 1, "the hub is not a member chain: its votes need no relay");
  });

  it("a member without cross-chain voting exits 1, naming those with it", async () => {
    const { code, stderr } = await superchain(voting, ["--chain", "zora-local"]);
    assert.equal(code, 1);
    assert.match(stderr, /Chain 902 \(zora-local\) has no cross-chain voting contracts/);
    assert.match(stderr, /901 \(base-local\)/);
  });

  it("nothing to relay when no member has cross-chain voting (exit 1)", async () => {
    const none = manifestFile("none", (m) => {
      delete m.members[0].spoke;
    });
    const { code, stderr } = await superchain(none, []);
    assert.equal(code, 1);
    assert.match(stderr, /nothing to relay: no member chain of the manifest has cross-chain voting contracts/);
  });

  it("outside a devnet it needs a keystore (exit 1); on a devnet a malformed SUPERCHAIN_RELAYER_KEY is refused (exit 1)", async () => {
    const testnet = manifestFile("testnet", (m) => {
      m.network = "testnet";
    });
    const missing = await superchain(testnet, []);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /set SUPERCHAIN_RELAYER_KEYSTORE \(or pass --keystore\) to the keystore of the account that sends relays on testnet/);
    const malformed = await superchain(voting, [], { SUPERCHAIN_RELAYER_KEY: "0x1234" });
    assert.equal(malformed.code, 1);
    assert.match(malformed.stderr, /SUPERCHAIN_RELAYER_KEY is not a private key/);
    assert.doesNotMatch(malformed.stderr, /0x1234/);
  });

  it("a missing manifest exits 1 and says how to create one", async () => {
    const { code, stderr } = await superchain(join(dir, "absent.json"), []);
    assert.equal(code, 1);
    assert.match(stderr, /No deployment manifest/);
  });
});
