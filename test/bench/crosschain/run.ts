/**
 * Cross-chain voting benchmark, on a devnet as `devnet up` leaves it (shared sequencer, 2 s
 * blocks, commitments every 10 blocks):
 *   1. gas of a deposit finalization, a proposal learnt by proof, a spoke vote and a tally relay,
 *      each with the proof verification's share: `verifyStorage` alone on the same proof, as the
 *      baseline (minus the 21,000 intrinsic gas; calldata counts in both);
 *   2. relay latency: from sending a spoke vote to its count on the hub (vote included → the next
 *      output covering it posted to the hub → relay sent and mined, by us or by the sequencer's own
 *      relayer, whichever is first), vs the target of two
 *      commitment intervals in time (2 × commitmentInterval × blockTimeMs, read from governance).
 *
 *   node test/bench/crosschain/run.ts          # BENCH_SAMPLES=8 by default
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { decodeFunctionData, encodeFunctionData, keccak256, parseEther, toBytes, type Hex } from "viem";

import { loadManifest, type ChainEntry, type Manifest } from "../../../lib/chains/index.ts";
import { hubStateOracleAbi, outputOracleAbi, sequencerConfigRegistryAbi, spokeVoteAggregatorAbi, spokeVotePoolAbi, stateProofVerifierAbi, superchainGovernorAbi, superchainTokenAbi } from "../../../lib/contracts/index.ts";
import { prepareFinalizeDeposit, prepareLearnProposal, prepareRelayTally } from "../../../lib/crosschain/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { devnetDown, devnetUp, readDevnetState, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { nodeClient, send, waitFor, waitForHubState, waitForOutput } from "../../lib/crosschain/helpers.ts";

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 8);
const INTRINSIC = 21_000n;

const dir = mkdtempSync(join(tmpdir(), "bench-crosschain-"));
const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };

/** `verifyStorage` alone, as a transaction would cost it (estimateGas includes the intrinsic 21,000). */
async function verifyAlone(client: ReturnType<typeof nodeClient>, verifier: Hex, root: Hex, account: Hex, slot: Hex, accountProof: readonly Hex[], storageProof: readonly Hex[]) {
  return client.estimateGas({
    to: verifier,
    data: encodeFunctionData({ abi: stateProofVerifierAbi, functionName: "verifyStorage", args: [root, account, slot, accountProof, storageProof] }),
  });
}

async function main() {
  const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
  console.log("starting a devnet (shared sequencer, spoke delegates bridged)…");
  await devnetUp(paths, { ports });
  const manifest: Manifest = await loadManifest({ path: paths.manifestFile });
  const hub = manifest.hub;
  const [base, zora] = manifest.members as [ChainEntry, ChainEntry];
  const h = nodeClient(hub);
  const governor = { address: manifest.contracts.governor, abi: superchainGovernorAbi } as const;
  const config = await h.readContract({ address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "currentConfig", args: [BigInt(base.chainId)] });
  const { commitmentInterval, blockTimeMs } = config.parameters;
  const targetMs = 2 * Number(commitmentInterval) * Number(blockTimeMs);
  const deployer = devAccount(DEV_ROLES.deployer);
  const rows: Array<[string, bigint, bigint | undefined]> = [];

  // 1a. A deposit finalization on base-local.
  const amount = parseEther("1000");
  const recipient = devAccount(DEV_ROLES.delegates[9]).address;
  await send(hub, deployer, { address: manifest.contracts.token, abi: superchainTokenAbi, functionName: "approve", args: [base.spoke!.pool, amount] });
  const depositId = await h.readContract({ address: base.spoke!.pool, abi: spokeVotePoolAbi, functionName: "depositCount" });
  const deposit = await send(hub, deployer, { address: base.spoke!.pool, abi: spokeVotePoolAbi, functionName: "deposit", args: [amount, recipient] });
  const posted = await waitForHubState(base, deposit.blockNumber);
  const finalize = await prepareFinalizeDeposit(
    { hub: h, member: nodeClient(base) },
    { pool: base.spoke!.pool, token: base.spoke!.token, hubStateOracle: base.hubStateOracle!, depositId },
  );
  const finalized = await send(base, deployer, finalize);
  const [, , , , depositAccountProof, depositStorageProof] = finalize.args as [bigint, Hex, bigint, bigint, Hex[], Hex[]];
  const depositSlot = await h.readContract({ address: base.spoke!.pool, abi: spokeVotePoolAbi, functionName: "depositSlot", args: [depositId] });
  rows.push(["finalizeDeposit (member chain)", finalized.gasUsed, await verifyAlone(nodeClient(base), base.spoke!.verifier, posted.stateRoot, base.spoke!.pool, depositSlot, depositAccountProof, depositStorageProof)]);

  // 1b. Proposals, learnt on both members by proof (one per latency sample pair).
  const proposals: bigint[] = [];
  let lastBlock = 0n;
  const rounds = Math.max(1, Math.ceil(SAMPLES / 4));
  for (let i = 0; i < rounds; i++) {
    const description = `Cross-chain benchmark #${i + 1}`;
    const calldata = encodeFunctionData({ abi: superchainGovernorAbi, functionName: "setProposalThreshold", args: [parseEther("100000")] });
    const args = [[manifest.contracts.governor], [0n], [calldata], description] as const;
    ({ blockNumber: lastBlock } = await send(hub, devAccount(DEV_ROLES.delegates[4]), { ...governor, functionName: "propose", args }));
    proposals.push(await h.readContract({ ...governor, functionName: "hashProposal", args: [args[0], args[1], args[2], keccak256(toBytes(description))] }));
  }
  for (const member of [base, zora]) {
    await waitForHubState(member, lastBlock);
    for (const proposalId of proposals) {
      const learn = await prepareLearnProposal(
        { hub: h, member: nodeClient(member) },
        { governor: manifest.contracts.governor, aggregator: member.spoke!.aggregator, hubStateOracle: member.hubStateOracle!, proposalId },
      );
      const learnt = await send(member, deployer, learn);
      if (member === base && proposalId === proposals[0]) {
        const state = await nodeClient(base).readContract({ address: base.hubStateOracle!, abi: hubStateOracleAbi, functionName: "hubStateRoot", args: [learn.args[1] as bigint] });
        const slot = await nodeClient(base).readContract({ address: base.spoke!.aggregator, abi: spokeVoteAggregatorAbi, functionName: "proposalSlot", args: [proposalId] });
        rows.push(["learnProposal (member chain)", learnt.gasUsed, await verifyAlone(nodeClient(base), base.spoke!.verifier, state, manifest.contracts.governor, slot, learn.args[2] as Hex[], learn.args[3] as Hex[])]);
      }
    }
  }
  await advanceTime(readDevnetState(paths)!.nodes, 301n);

  // 2. Spoke votes, each relayed on its own: vote → next output → relay → counted.
  const voters: Array<[ChainEntry, number]> = [
    [base, DEV_ROLES.spokeDelegates[0]],
    [zora, DEV_ROLES.spokeDelegates[2]],
    [base, DEV_ROLES.spokeDelegates[1]],
    [zora, DEV_ROLES.spokeDelegates[3]],
  ];
  const latencies: Array<{ total: number; included: number; committed: number; relayed: number }> = [];
  let firstRelay: bigint | undefined;
  let laterRelay: bigint | undefined;
  let spokeVote: bigint | undefined;
  let relayVerify: bigint | undefined;
  for (let i = 0; i < SAMPLES; i++) {
    const proposalId = proposals[Math.floor(i / voters.length)]!;
    const [member, voter] = voters[i % voters.length]!;
    // Vote at a varied phase of the commitment cycle.
    await new Promise((r) => setTimeout(r, Math.random() * Number(blockTimeMs) * Number(commitmentInterval)));
    const vote = await send(member, devAccount(voter), { address: member.spoke!.aggregator, abi: spokeVoteAggregatorAbi, functionName: "castVote", args: [proposalId, 1] });
    spokeVote ??= vote.gasUsed;
    const output = await waitForOutput(manifest, member, vote.blockNumber, 120_000);
    const committedAt = performance.now();
    // Relay it ourselves; the sequencer's own relayer may have been first (then nothing is left to relay).
    const relay = await prepareRelayTally(
      { hub: h, member: nodeClient(member) },
      { pool: member.spoke!.pool, aggregator: member.spoke!.aggregator, outputOracle: manifest.contracts.outputOracle!, proposalId },
    ).catch((error: Error) => {
      if (error.name === "NothingToRelayError") return undefined;
      throw error;
    });
    if (relay) await send(hub, deployer, relay).catch((error: Error) => console.warn(`  (our relay lost a race: ${error.message.split("\n")[0]})`));
    // Counted: the pool's relayed tally reached the committed one.
    const expected = await nodeClient(member).readContract({ address: member.spoke!.aggregator, abi: spokeVoteAggregatorAbi, functionName: "proposalVotes", args: [proposalId], blockNumber: output.blockNumber });
    await waitFor("the vote counted on the hub", async () => {
      const [tally] = await h.readContract({ address: member.spoke!.pool, abi: spokeVotePoolAbi, functionName: "relayedTally", args: [proposalId] });
      return tally.forVotes >= expected[1] ? true : undefined;
    }, 60_000, 100);
    const countedAt = performance.now();
    latencies.push({ total: countedAt - vote.sentAt, included: vote.minedAt - vote.sentAt, committed: committedAt - vote.minedAt, relayed: countedAt - committedAt });
    // The gas of whichever relay counted it.
    const [relayedLog] = (await h.getContractEvents({ address: member.spoke!.pool, abi: spokeVotePoolAbi, eventName: "TallyRelayed", args: { proposalId }, fromBlock: 0n, strict: true })).slice(-1);
    const relayGas = (await h.getTransactionReceipt({ hash: relayedLog!.transactionHash })).gasUsed;
    if (i < 2) firstRelay ??= relayGas;
    else laterRelay ??= relayGas;
    const relayArgs = (relay?.args ?? (await h.getTransaction({ hash: relayedLog!.transactionHash }).then((tx) => decodeFunctionData({ abi: spokeVotePoolAbi, data: tx.input }).args))) as readonly unknown[];
    const relayBlock = relayArgs[1] as bigint;
    if (relayVerify === undefined) {
      const root = await h.readContract({ address: manifest.contracts.outputOracle!, abi: outputOracleAbi, functionName: "stateRootAt", args: [BigInt(member.chainId), relayBlock] });
      const slot = await nodeClient(member).readContract({ address: member.spoke!.aggregator, abi: spokeVoteAggregatorAbi, functionName: "tallySlot", args: [proposalId] });
      relayVerify = await verifyAlone(h, manifest.contracts.stateProofVerifier!, root, member.spoke!.aggregator, slot, relayArgs[3] as Hex[], relayArgs[4] as Hex[]);
    }
    process.stdout.write(`  sample ${i + 1}/${SAMPLES}: ${(latencies.at(-1)!.total / 1000).toFixed(1)} s\n`);
  }
  rows.push(["castVote (member chain)", spokeVote!, undefined]);
  rows.push(["relayTally, first relay of a chain's tally (hub)", firstRelay!, relayVerify]);
  if (laterRelay !== undefined) rows.push(["relayTally, a later relay (hub)", laterRelay, relayVerify]);

  console.log(`\n${"operation".padEnd(50)}${"gas".padStart(10)}${"verifyStorage alone".padStart(22)}${"verifier share".padStart(17)}`);
  for (const [name, gas, verify] of rows) {
    const share = verify === undefined ? "—" : `${((Number(verify - INTRINSIC) / Number(gas)) * 100).toFixed(0)} %`;
    console.log(`${name.padEnd(50)}${gas.toLocaleString("en-US").padStart(10)}${(verify === undefined ? "—" : verify.toLocaleString("en-US")).padStart(22)}${share.padStart(17)}`);
  }
  console.log("(verifyStorage alone: estimateGas of the verifier's call with the same proof, incl. 21,000 intrinsic gas and the proof's calldata; share = (alone − 21,000) / operation)");

  const sorted = latencies.map((l) => l.total).sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  const mean = (key: keyof (typeof latencies)[number]) => latencies.reduce((s, l) => s + l[key], 0) / latencies.length / 1000;
  const max = sorted.at(-1)!;
  console.log(`\n${"relay latency (spoke vote → counted on the hub)".padEnd(50)}${"value".padStart(10)}${"target".padStart(22)}${"verdict".padStart(17)}`);
  const line = (name: string, ms: number) =>
    console.log(`${name.padEnd(50)}${`${(ms / 1000).toFixed(1)} s`.padStart(10)}${`≤ ${(targetMs / 1000).toFixed(0)} s`.padStart(22)}${(ms <= targetMs ? "meets" : "MISSES").padStart(17)}`);
  line(`median of ${sorted.length}`, pct(50));
  line("p90", pct(90));
  line("max", max);
  console.log(
    `(target: 2 × commitmentInterval ${commitmentInterval} × blockTimeMs ${blockTimeMs}; mean split: vote included ${mean("included").toFixed(1)} s, ` +
      `until the covering output is on the hub ${mean("committed").toFixed(1)} s, relay ${mean("relayed").toFixed(1)} s)`,
  );
  return max <= targetMs ? 0 : 1;
}

let code = 1;
try {
  code = await main();
} finally {
  await devnetDown(paths);
  rmSync(dir, { recursive: true, force: true });
}
process.exit(code);
