/**
 * The tally relayer's scan for learnt proposals: bounded ranges through a provider with
 * `eth_getLogs` limits, and a restarted relayer resuming from its saved checkpoint instead of
 * rescanning from the aggregator's deploy block. A real EDR node; the aggregator is a log echo
 * emitting `ProposalLearned`, the hub governor a stub answering "pending" (nothing to relay).
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { defineChain, encodeAbiParameters, encodeEventTopics, parseAbiParameters, zeroAddress, type Chain, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { spokeVoteAggregatorAbi } from "../../../lib/contracts/index.ts";
import { freePort, startNode, stopNode, type RunningNode } from "../../../lib/devnet/nodes.ts";
import { jsonRpcClient } from "../../../lib/rpc/jsonRpc.ts";
import { LogCheckpointStore } from "../../../lib/rpc/logCheckpoints.ts";
import { tallyRelayer } from "../../../lib/sequencer/relayer.ts";
import { logCheckpointPath } from "../../../lib/sequencer/service.ts";
import { logEcho, mine } from "../../helpers/logEmitter.ts";
import { startLogLimitProxy, type LogLimitProxy } from "../../helpers/logLimitProxy.ts";

const AGGREGATOR = "0x00000000000000000000000000000000000a6601";
const GOVERNOR = "0x00000000000000000000000000000000000a6602";
/** Returns 0 (ProposalState.Pending) to any call: the relayer has nothing to relay yet. */
const PENDING_GOVERNOR_CODE: Hex = "0x600060005260206000f3";

describe("the tally relayer's proposal scan", () => {
  const dir = mkdtempSync(join(tmpdir(), "relayer-scan-"));
  const checkpointFile = join(dir, "sequencer.log-checkpoints.sqlite");
  let node: RunningNode;
  let proxy: LogLimitProxy;
  let chain: Chain;
  let learn: (proposalId: bigint) => Promise<void>;

  const relayerWith = (checkpoints?: LogCheckpointStore) =>
    tallyRelayer({
      chainId: 900,
      hub: { chain, rpcUrl: node.rpcUrl, outputOracle: zeroAddress, governor: GOVERNOR },
      member: { chain, rpcUrl: proxy.url, aggregator: AGGREGATOR, pool: zeroAddress, fromBlock: 0n },
      relayer: privateKeyToAccount(`0x${"11".repeat(32)}`),
      ...(checkpoints ? { checkpoints } : {}),
    });
  const head = async () => BigInt(await jsonRpcClient(node.rpcUrl).request<string>("eth_blockNumber"));

  before(async () => {
    node = await startNode({ name: "hub", chainId: 900, chainType: "l1", port: await freePort(), logFile: join(dir, "node.log") });
    proxy = await startLogLimitProxy(node.rpcUrl, { maxSpan: 1_000 });
    chain = defineChain({ id: 900, name: "edr", nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [node.rpcUrl] } } });
    await jsonRpcClient(node.rpcUrl).request("hardhat_setCode", [GOVERNOR, PENDING_GOVERNOR_CODE]);
    const emit = await logEcho(node.rpcUrl, AGGREGATOR);
    learn = async (proposalId) => {
      const topics = encodeEventTopics({ abi: spokeVoteAggregatorAbi, eventName: "ProposalLearned", args: { proposalId, proposer: zeroAddress } }) as Hex[];
      await emit(topics, encodeAbiParameters(parseAbiParameters("uint48, uint48, uint48, uint256"), [1, 2, 3, 4n]));
    };
    await learn(1n);
    await mine(node.rpcUrl, 30_000);
    await learn(2n);
    await mine(node.rpcUrl, 10_000);
  });
  after(async () => {
    await proxy?.close();
    if (node) await stopNode(node);
    rmSync(dir, { recursive: true, force: true });
  });

  it("learns every proposal in ranges the provider answers, and a restart resumes from its checkpoint", async () => {
    let checkpoints = LogCheckpointStore.open(checkpointFile);
    const first = relayerWith(checkpoints);
    await first.relayOpen();
    assert.deepEqual(first.learnedProposals(), [1n, 2n]);
    assert.equal(proxy.getLogs[0]![0], 0n);
    const scannedTo = await head();
    checkpoints.close();

    // A restarted process: new store handle, new relayer, new logs after the checkpoint.
    await mine(node.rpcUrl, 3_000);
    await learn(3n);
    proxy.getLogs.length = 0;
    checkpoints = LogCheckpointStore.open(checkpointFile);
    const restarted = relayerWith(checkpoints);
    await restarted.relayOpen();
    assert.deepEqual(restarted.learnedProposals(), [1n, 2n, 3n]);
    assert.ok(proxy.getLogs.length > 0);
    assert.ok(
      proxy.getLogs.every(([from]) => from > scannedTo),
      `no rescan below ${scannedTo}: ${proxy.getLogs.map(([from, to]) => `${from}-${to}`).join(", ")}`,
    );
    checkpoints.close();
  });

  it("starts over when the checkpoint's block is no longer the chain's (a reset or reorg)", async () => {
    const checkpoints = LogCheckpointStore.open(checkpointFile);
    const saved = checkpoints.load<bigint[]>("relayer:900:0x00000000000000000000000000000000000a6601:ProposalLearned");
    assert.ok(saved, "the relayer saved a checkpoint");
    checkpoints.save("relayer:900:0x00000000000000000000000000000000000a6601:ProposalLearned", { ...saved, blockHash: `0x${"ab".repeat(32)}`, state: [99n] });
    proxy.getLogs.length = 0;
    const relayer = relayerWith(checkpoints);
    await relayer.relayOpen();
    assert.deepEqual(relayer.learnedProposals(), [1n, 2n, 3n], "the stale checkpoint's proposals are forgotten");
    assert.equal(proxy.getLogs[0]![0], 0n);
    checkpoints.close();
  });

  it("without a checkpoint store, scans from the deploy block each start", async () => {
    proxy.getLogs.length = 0;
    const relayer = relayerWith();
    await relayer.relayOpen();
    assert.deepEqual(relayer.learnedProposals(), [1n, 2n, 3n]);
    assert.equal(proxy.getLogs[0]![0], 0n);
    assert.ok(proxy.getLogs.every(([from, to]) => to - from < 2_000n));
  });
});

describe("logCheckpointPath", () => {
  it("puts the relayers' checkpoints beside the sequencer's store", () => {
    assert.equal(logCheckpointPath("/data/sequencer.sqlite"), "/data/sequencer.log-checkpoints.sqlite");
    assert.equal(logCheckpointPath("/data/store"), "/data/store.log-checkpoints.sqlite");
  });
});
