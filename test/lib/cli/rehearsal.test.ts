/**
 * A deployment rehearsed end to end on chains that are not the devnet, through the CLI and the
 * sequencer only: `superchain deploy` (Ignition, the deployer's key in hardhat-keystore), the
 * sequencer started on the new manifest with its operators' keystores, then governance's first
 * proposal — appoint the members' pools as vote sources and make one chain's blocks faster —
 * proposed, voted, queued and executed with `superchain proposal`, approved by two council owners
 * with `superchain council decide`, and in force on the running sequencer once it activates.
 * `deploy verify` then finds the handover complete with the vote sources appointed.
 */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { createPublicClient, http } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { loadManifest, type Manifest } from "../../../lib/chains/index.ts";
import { superchainGovernorAbi } from "../../../lib/contracts/index.ts";
import { devAccount } from "../../../lib/devnet/accounts.ts";
import { hdPrivateKey } from "../../../lib/devnet/keys.ts";
import { freePort, stopProcess, type RunningNode } from "../../../lib/devnet/nodes.ts";
import { startSequencerProcess, stopSequencerProcess, type SequencerProcess } from "../../../lib/devnet/sequencerProcess.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { writeKeystore } from "../../../lib/keys/index.ts";
import { healthReportSchema } from "../../../lib/sequencer/health.ts";
import { superchainCli } from "../../helpers/cli.ts";
import { createDeployerKeystore } from "../../helpers/deployerKeystore.ts";
import { fund, startRehearsalChains } from "../../helpers/rehearsal.ts";
import { tempFolder } from "../../helpers/tempFiles.ts";
import { until } from "../../helpers/replicaSet.ts";

const PASSWORD = "a rehearsal's long password";
const OWNERS = [1, 2, 5];
const OPERATORS = [3, 4];

describe("a rehearsal on chains that are not the devnet: deploy, then governance's first change in force through the CLI and the sequencer", () => {
  const { dir, file } = tempFolder("superchain-rehearsal-");
  const passwordFile = file("password", `${PASSWORD}\n`);
  const voterKey = generatePrivateKey();
  const voter = privateKeyToAccount(voterKey).address;
  const { CI: _ci, ...withoutCi } = process.env; // hardhat-keystore reads no keystore when CI is set
  const cli = superchainCli({ ...withoutCi, XDG_CONFIG_HOME: join(dir, "config"), FORCE_COLOR: "0" }, dir, { timeoutMs: 240_000 });
  const keystore = (name: string) => join(dir, `${name}.json`);
  let nodes: RunningNode[] = [];
  let sequencer: SequencerProcess | undefined;
  let manifest: Manifest;
  const manifestFile = join(dir, "deployments", "rehearsal.json");
  const signed = (name: string) => ["--keystore", keystore(name), "--password-file", passwordFile, "--manifest", manifestFile];
  const advance = (seconds: bigint) => advanceTime(nodes, seconds);

  before(async () => {
    nodes = await startRehearsalChains(dir);
    const deployerKey = generatePrivateKey();
    await createDeployerKeystore({ configHome: join(dir, "config"), password: PASSWORD, key: deployerKey });
    // One funder per chain: its transfers go one after the other (an automining node takes no nonce gaps).
    await Promise.all(nodes.map(async (node) => {
      await fund(node, privateKeyToAccount(deployerKey).address);
      await fund(node, voter);
    }));
    // Web3 Secret Storage keystores for the voter (holds the supply), council owners and operators; small scrypt cost for the test's own files.
    await Promise.all([
      writeKeystore({ out: keystore("voter"), privateKey: voterKey, password: PASSWORD, scryptN: 1 << 10 }),
      ...OWNERS.map((i) => writeKeystore({ out: keystore(`owner-${i}`), privateKey: hdPrivateKey(i), password: PASSWORD, scryptN: 1 << 10 })),
      ...OPERATORS.map((i) => writeKeystore({ out: keystore(`operator-${i}`), privateKey: hdPrivateKey(i), password: PASSWORD, scryptN: 1 << 10 })),
    ]);
    mkdirSync(join(dir, "deployments"));
    writeFileSync(
      join(dir, "deployments", "rehearsal.params.json"),
      JSON.stringify({
        hub: { name: nodes[0]!.name, chainId: nodes[0]!.chainId, rpcUrl: nodes[0]!.rpcUrl },
        members: nodes.slice(1).map((node, i) => ({ name: node.name, chainId: node.chainId, rpcUrl: node.rpcUrl, operator: devAccount(OPERATORS[i]!).address })),
        council: { owners: OWNERS.map((i) => devAccount(i).address), threshold: 2 },
        token: { holder: voter },
        governor: { votingDelay: 60, votingPeriod: 600, lateQuorumVoteExtension: 60 },
        timelockDelay: "60",
        sequencer: { minActivationDelay: 600 },
      }),
    );
    const deployed = await cli("deploy", "--network", "rehearsal", "--password-file", "password");
    assert.equal(deployed.code, 0, deployed.stdout + deployed.stderr);
    manifest = await loadManifest({ path: manifestFile });
  });
  after(async () => {
    if (sequencer) await stopSequencerProcess(sequencer);
    for (const node of nodes) stopProcess(node.pid);
  });

  it("proposes, votes, queues, executes, approves, and the sequencer applies the change", async () => {
    sequencer = await startSequencerProcess({
      manifestFile,
      port: await freePort(),
      storeFile: join(dir, "sequencer.sqlite"),
      logFile: join(dir, "sequencer.log"),
      childFile: join(dir, "sequencer-process.json"),
      operatorKeystores: Object.fromEntries(manifest.members.map((member, i) => [member.chainId, keystore(`operator-${OPERATORS[i]}`)])),
      passwordFile,
    });
    const blockTimeOf = async (chainId: number) => {
      const health = healthReportSchema.parse(await (await fetch(`${sequencer!.url}/healthz`)).json());
      return health.chains.find((chain) => chain.chainId === chainId)?.config?.blockTimeMs;
    };
    await until(async () => ((await blockTimeOf(7_101)) === 2_000 ? true : undefined), "the sequencer running the deployed defaults", 60_000);

    const delegated = await cli("token", "delegate", voter, ...signed("voter"));
    assert.equal(delegated.code, 0, delegated.stderr);
    const actions = file(
      "actions.json",
      JSON.stringify([
        ...manifest.members.map((member) => ({ kind: "setVoteSource", chainId: String(member.chainId), source: member.spoke!.pool })),
        { kind: "setParameters", chainId: "7101", changes: { blockTimeMs: 1000 } },
      ]),
    );
    const created = await cli("proposal", "create", "--actions", actions, "--description", "Appoint the member pools; faster blocks on rehearsal-one", ...signed("voter"));
    assert.equal(created.code, 0, created.stderr);
    const id = /proposal (\d+) created/.exec(created.stdout)![1]!;
    await advance(61n);
    const vote = await cli("proposal", "vote", id, "--support", "for", ...signed("voter"));
    assert.equal(vote.code, 0, vote.stderr);
    await advance(601n);
    assert.equal((await cli("proposal", "queue", id, ...signed("voter"))).code, 0);
    await advance(61n);
    const executed = await cli("proposal", "execute", id, ...signed("voter"));
    assert.equal(executed.code, 0, executed.stderr);

    const hub = createPublicClient({ transport: http(manifest.hub.rpcUrl) });
    const source = await hub.readContract({ address: manifest.contracts.governor, abi: superchainGovernorAbi, functionName: "voteSource", args: [7_101n] });
    assert.equal(source, manifest.members[0]!.spoke!.pool);
    const approved = await cli("council", "decide", "approve-change", "0", "--keystore", keystore("owner-1"), "--keystore", keystore("owner-5"), "--password-file", passwordFile, "--manifest", manifestFile);
    assert.equal(approved.code, 0, approved.stderr);

    await advance(601n);
    await until(async () => ((await blockTimeOf(7_101)) === 1_000 ? true : undefined), "the change in force on the sequencer", 60_000);
    assert.equal(await blockTimeOf(7_102), 2_000, "the other chain keeps its block time");

    const verified = await cli("deploy", "verify", "--manifest", manifestFile);
    assert.equal(verified.code, 0, verified.stdout);
  });
});
