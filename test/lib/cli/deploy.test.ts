/**
 * `superchain deploy` as an operator runs it against networks that are not the devnet: bare EDR
 * nodes with other chain ids, a fresh deployer key kept only in hardhat-keystore's encrypted
 * keystore and funded once per chain, the password from a file. Interrupted midway, then resumed:
 * Ignition sends nothing twice and the manifest checks out. Bad input is refused before any key
 * is touched.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";

import type { Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { loadManifest } from "../../../lib/chains/index.ts";
import { devAccount } from "../../../lib/devnet/accounts.ts";
import { stopProcess, type RunningNode } from "../../../lib/devnet/nodes.ts";
import { SUPERCHAIN_BIN, superchainCli } from "../../helpers/cli.ts";
import { createDeployerKeystore } from "../../helpers/deployerKeystore.ts";
import { fund, nonceOn, startRehearsalChains } from "../../helpers/rehearsal.ts";

const PASSWORD = "a deployer's long password";

describe("superchain deploy (Hardhat Ignition, encrypted deployer key)", () => {
  const dir = mkdtempSync(join(tmpdir(), "deploy-cli-"));
  const configHome = join(dir, "config");
  const key: Hex = generatePrivateKey();
  const deployer = privateKeyToAccount(key).address;
  let nodes: RunningNode[] = [];
  const { CI: _ci, ...withoutCi } = process.env; // hardhat-keystore reads no keystore when CI is set
  const env = { ...withoutCi, XDG_CONFIG_HOME: configHome };
  const cli = superchainCli(env, dir, { timeoutMs: 240_000 });

  before(async () => {
    nodes = await startRehearsalChains(dir);
    mkdirSync(join(dir, "deployments"));
    await createDeployerKeystore({ configHome, password: PASSWORD, key });
    writeFileSync(join(dir, "password.txt"), `${PASSWORD}\n`, { mode: 0o600 });
    writeFileSync(join(dir, "wrong-password.txt"), "not the password\n", { mode: 0o600 });
    // Funded once per chain, from a dev account the rehearsal otherwise never uses.
    await Promise.all(nodes.map((node) => fund(node, deployer)));
    writeParams("rehearsal", {
      hub: { name: nodes[0]!.name, chainId: nodes[0]!.chainId, rpcUrl: nodes[0]!.rpcUrl },
      members: nodes.slice(1).map((node, i) => ({ name: node.name, chainId: node.chainId, rpcUrl: node.rpcUrl, operator: devAccount(3 + i).address })),
      council: { owners: [devAccount(1).address, devAccount(2).address, devAccount(5).address], threshold: 2 },
      governor: { votingDelay: 60, votingPeriod: 600, lateQuorumVoteExtension: 60 },
      timelockDelay: "60",
    });
  });
  after(() => {
    for (const node of nodes) stopProcess(node.pid);
  });

  const writeParams = (name: string, params: unknown) => {
    writeFileSync(join(dir, "deployments", `${name}.params.json`), JSON.stringify(params), { flag: "w" });
  };

  it("deploys hub and members, interrupted midway and resumed without sending anything twice", async () => {
    // Interrupted: killed as soon as the hub is deployed, before the member chains.
    const first = spawn(SUPERCHAIN_BIN, ["deploy", "--network", "rehearsal", "--password-file", "password.txt"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] });
    let printed = "";
    const hubLine = await new Promise<string>((resolve, reject) => {
      first.stdout.on("data", (chunk: Buffer) => {
        printed += chunk.toString();
        const line = printed.split("\n").find((text) => text.startsWith("hub deployed"));
        if (line) {
          first.kill("SIGKILL");
          resolve(line);
        }
      });
      first.once("exit", (code) => reject(new Error(`deploy exited (${code}) before the hub was deployed:\n${printed}`)));
    });
    assert.doesNotMatch(printed, new RegExp(key.slice(2), "i"), "the key is never printed");
    const hubNonce = await nonceOn(nodes[0]!, deployer);

    const resumed = await cli("deploy", "--network", "rehearsal", "--password-file", "password.txt");
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stdout, /rehearsal-hub\s+Hub#SuperchainGovernor\s+done/, "the plan shows what the interrupted run deployed");
    assert.match(resumed.stdout, /rehearsal-one\s+Member#SpokeToken\s+to do/);
    assert.ok(resumed.stdout.includes(hubLine), "the hub's contracts are the ones deployed before the interruption");
    assert.doesNotMatch(resumed.stdout + resumed.stderr, new RegExp(key.slice(2), "i"));
    assert.match(resumed.stdout, /✓ \d+ powers checked in \d+ ms: no externally owned account holds any power/, "every deploy ends with the handover verified");
    assert.match(resumed.stdout, new RegExp(`deployer: ${deployer}`, "i"));
    // On the hub, the resumed run sent only the pools' bindings (one per member).
    assert.equal(await nonceOn(nodes[0]!, deployer), hubNonce + 2);

    const manifest = await loadManifest({ path: join(dir, "deployments", "rehearsal.json") });
    assert.equal(manifest.network, "rehearsal");
    assert.deepEqual(manifest.members.map((member) => member.chainId), [7_101, 7_102]);
    assert.equal(manifest.council.threshold, 2);
    for (const member of manifest.members) assert.ok(member.spoke && member.hubStateOracle, `${member.name} lists its contracts`);

    // Governance has not appointed the pools as vote sources yet: only a verify expecting them says so.
    const appointed = await cli("deploy", "verify", "--manifest", "deployments/rehearsal.json");
    assert.equal(appointed.code, 1);
    assert.match(appointed.stdout, /voteSource\(7101\)/);
    const pending = await cli("deploy", "verify", "--manifest", "deployments/rehearsal.json", "--vote-sources", "pending");
    assert.equal(pending.code, 0, pending.stdout);

    // Run again: everything is done, nothing is sent.
    const noop = await cli("deploy", "--network", "rehearsal", "--password-file", "password.txt");
    assert.equal(noop.code, 0, noop.stderr);
    assert.doesNotMatch(noop.stdout, /to do/);
    assert.equal(await nonceOn(nodes[0]!, deployer), hubNonce + 2);
  });

  it("refuses a plaintext deployer key, a missing password source, the devnet's name and bad parameters", async () => {
    const plaintext = await superchainCli({ ...env, SUPERCHAIN_DEPLOYER_KEY: key }, dir)("deploy", "--network", "rehearsal", "--password-file", "password.txt");
    assert.equal(plaintext.code, 2);
    assert.match(plaintext.stderr, /never read in plain text/);
    assert.doesNotMatch(plaintext.stdout + plaintext.stderr, new RegExp(key.slice(2), "i"));

    const noPassword = await cli("deploy", "--network", "rehearsal");
    assert.equal(noPassword.code, 2);
    assert.match(noPassword.stderr, /--password-file/);

    const wrongPassword = await cli("deploy", "--network", "rehearsal", "--password-file", "wrong-password.txt");
    assert.notEqual(wrongPassword.code, 0);

    const devnet = await cli("deploy", "--network", "devnet");
    assert.equal(devnet.code, 2);
    assert.match(devnet.stderr, /devnet up/);

    const missing = await cli("deploy", "--network", "nowhere", "--password-file", "password.txt");
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no deployment parameters at .*nowhere\.params\.json/);

    writeFileSync(join(dir, "deployments", "broken.params.json"), "{ not json");
    const broken = await cli("deploy", "--network", "broken", "--password-file", "password.txt");
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /is not JSON/);

    const params = JSON.parse(readFileSync(join(dir, "deployments", "rehearsal.params.json"), "utf8")) as { members: Array<{ chainId: number }> };
    writeParams("twice", { ...params, members: [params.members[0], params.members[0]] });
    const twice = await cli("deploy", "--network", "twice", "--password-file", "password.txt");
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /members: lists a chain id twice/);

    const badName = await cli("deploy", "--network", "Not A Name");
    assert.equal(badName.code, 2);
  });
});
