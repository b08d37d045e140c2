import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  type Address,
  type Block,
  type Chain,
  type Hash,
  type Hex,
  type LocalAccount,
  type PublicClient,
} from "viem";

import { hubStateOracleAbi, outputOracleAbi } from "../contracts/index.ts";
import { revertName } from "../rpc/revertName.ts";
import { sleep, systemClock, type SequencerClock } from "./clock.ts";
import type { GovernedConfig } from "./config/governedConfig.ts";
import type { BlockHead, BuiltBlock } from "./engine/types.ts";
import type { Logger } from "./log.ts";
import type { SequencerMetrics } from "./metrics/index.ts";

export interface CommitmentPosterOptions {
  chainId: number;
  hub: { chain: Chain; rpcUrl: string; outputOracle: Address };
  /** The member chain's HubStateOracle; hub state roots are not posted without it. */
  hubStateOracle?: Address | undefined;
  /** Reads the member chain (its HubStateOracle's last accepted hub block and rules). */
  member: Pick<PublicClient, "readContract" | "getBlock">;
  /** The chain's registered operator: the only account the OutputOracle accepts outputs from. */
  operator: LocalAccount;
  /** Submits a signed member-chain transaction through the sequencer's own admission. */
  submit: (raw: Hex) => Promise<Hex>;
  /** The operator's next nonce on the member chain, counting its pending transactions. */
  pendingNonce: (address: Address) => Promise<bigint>;
  /** The member chain's head: its clock (hub states must not be stamped after it) and base fee. */
  memberHead: () => Promise<Pick<BlockHead, "timestamp" | "baseFeePerGas">>;
  metrics: SequencerMetrics;
  /** Runs after each committed output, in the same queue (e.g. relaying tallies proven against it). */
  afterOutput?: () => Promise<void>;
  /** The timers of its waits: for the hub's clock, between wind-down tries ({@link systemClock} when absent). */
  clock?: SequencerClock;
  log?: Logger;
}

const HUB_STATE_GAS = 250_000n;
/** The longest the poster waits for the hub's clock to reach an output's block timestamp. */
const MAX_CLOCK_WAIT_MS = 30_000;
/** Tries at the wind-down output of a removed chain (1 + 2 + 4 + 8 s between them). */
const WIND_DOWN_ATTEMPTS = 5;

type HubBlock = Pick<Block<bigint, false, "latest">, "number" | "hash" | "stateRoot" | "timestamp">;

/**
 * The hub's newest final block: `finalized`, else `safe`, else `latest` (a node without those tags;
 * EDR answers all three with its head, which is final on a single-node devnet).
 */
export async function finalHubBlock(hub: Pick<PublicClient, "getBlock">): Promise<HubBlock> {
  for (const blockTag of ["finalized", "safe"] as const) {
    try {
      return await hub.getBlock({ blockTag });
    } catch {
      // not supported by this node: try the next tag
    }
  }
  return hub.getBlock({ blockTag: "latest" });
}

/**
 * The hub block to post to a member chain's HubStateOracle, or undefined when none can be yet: the
 * newest final hub block, but at most `maxBlockStep` past the oracle's last accepted one (so a
 * poster that fell behind catches up step by step), and stamped no later than the member chain's
 * clock (`memberTime`, where the post will land). Hub timestamps strictly increase, so stepping
 * back by the seconds the block is ahead always lands at or before the member's clock.
 */
export async function hubBlockToPost(
  hub: Pick<PublicClient, "getBlock">,
  { floor, maxBlockStep, memberTime }: { /** The lowest block number the oracle accepts. */ floor: bigint; maxBlockStep: bigint; memberTime: bigint },
): Promise<HubBlock | undefined> {
  const head = await finalHubBlock(hub);
  const ceiling = (floor === 0n ? 0n : floor - 1n) + maxBlockStep;
  let block: HubBlock = head.number > ceiling ? await hub.getBlock({ blockNumber: ceiling }) : head;
  if (block.timestamp > memberTime) {
    const back = block.timestamp - memberTime;
    if (block.number - back < floor) return undefined;
    block = await hub.getBlock({ blockNumber: block.number - back });
  }
  return block.number >= floor && block.timestamp <= memberTime ? block : undefined;
}

/**
 * Posts a chain's commitments every `commitmentInterval` blocks: the block's output (number,
 * hash, state root, and the configuration version it was built under) to the hub's OutputOracle,
 * and the hub's newest final state root ({@link hubBlockToPost}) to the chain's HubStateOracle —
 * the latter as an ordinary transaction through the sequencer's own admission, so it is sequenced
 * like any other. Both roots are usable only after their challenge window; the relay that runs
 * after each output ({@link CommitmentPosterOptions.afterOutput}) proves against the newest
 * usable output, so it naturally waits the window out. Posts run one at a time per chain, off the
 * block loop; a failure is logged and retried at the next interval.
 */
export function commitmentPoster(options: CommitmentPosterOptions) {
  const transport = http(options.hub.rpcUrl);
  const hubWallet = createWalletClient({ account: options.operator, chain: options.hub.chain, transport });
  const hubClient = createPublicClient({ chain: options.hub.chain, transport });
  const clock = options.clock ?? systemClock;
  let queue: Promise<void> = Promise.resolve();

  const sendOutput = (block: BlockHead, config: GovernedConfig) =>
    hubWallet.writeContract({
      address: options.hub.outputOracle,
      abi: outputOracleAbi,
      functionName: "postOutput",
      args: [BigInt(options.chainId), block.number, block.hash, block.stateRoot, config.version, Number(block.timestamp)],
    });

  const postOutput = async (block: BlockHead, config: GovernedConfig) => {
    let hash: Hash;
    try {
      hash = await sendOutput(block, config);
    } catch (error) {
      // The member block is stamped ahead of the hub's clock: the oracle refuses it until the hub catches up.
      if (revertName(error) !== "RootTimestampInFuture") throw error;
      const hubNow = (await hubClient.getBlock()).timestamp;
      await sleep(clock, Math.min(MAX_CLOCK_WAIT_MS, Number(block.timestamp - hubNow + 1n) * 1_000));
      hash = await sendOutput(block, config);
    }
    const receipt = await hubClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`postOutput reverted in ${hash}`);
    options.metrics.commitmentPosted(options.chainId, block.number);
    options.log?.info("output-posted", { chainId: options.chainId, blockNumber: block.number, configVersion: config.version, hubTransaction: hash });
  };

  /** The lowest hub block the member oracle accepts next, and its maximum step. */
  const memberOracleState = async (oracle: Address) => {
    const read = { address: oracle, abi: hubStateOracleAbi } as const;
    const [count, roles, anchor] = await Promise.all([
      options.member.readContract({ ...read, functionName: "hubStateCount" }),
      options.member.readContract({ ...read, functionName: "roles" }),
      options.member.readContract({ ...read, functionName: "anchor" }),
    ]);
    const floor = count === 0n ? anchor : BigInt((await options.member.readContract({ ...read, functionName: "latestHubState" })).blockNumber) + 1n;
    return { floor, maxBlockStep: roles.rules.maxBlockStep };
  };

  const postHubState = async (config: GovernedConfig) => {
    if (!options.hubStateOracle) return;
    const memberHead = await options.memberHead();
    const hub = await hubBlockToPost(hubClient, { ...(await memberOracleState(options.hubStateOracle)), memberTime: memberHead.timestamp });
    if (!hub) return; // nothing final and newer, or not yet within the member's clock: next interval
    const baseFee = memberHead.baseFeePerGas;
    const tip = config.minPriorityFeeWei > 0n ? config.minPriorityFeeWei : 1n;
    const raw = await options.operator.signTransaction({
      type: "eip1559",
      chainId: options.chainId,
      nonce: Number(await options.pendingNonce(options.operator.address)),
      to: options.hubStateOracle,
      data: encodeFunctionData({
        abi: hubStateOracleAbi,
        functionName: "postHubState",
        args: [hub.number, hub.hash, hub.stateRoot, Number(hub.timestamp)],
      }),
      gas: HUB_STATE_GAS,
      maxFeePerGas: baseFee * 2n + tip,
      maxPriorityFeePerGas: tip,
    });
    const hash = await options.submit(raw);
    options.log?.info("hub-state-submitted", { chainId: options.chainId, hubBlock: hub.number, transaction: hash });
  };

  const logFailure = (what: string, blockNumber: bigint) => (error: unknown) =>
    options.log?.error(what, { chainId: options.chainId, blockNumber, err: error });

  return {
    /** Called after every block; posts when the block number is a multiple of the interval. */
    onBlock(block: BuiltBlock, config: GovernedConfig) {
      if (config.commitmentInterval <= 0 || block.number % BigInt(config.commitmentInterval) !== 0n) return;
      // The two feeds fail independently: a refused output does not hold back the hub state.
      queue = queue
        .then(() => postOutput(block, config).then(() => options.afterOutput?.()))
        .catch(logFailure("commitment-failed", block.number))
        .then(() => postHubState(config))
        .catch(logFailure("hub-state-failed", block.number));
    },
    /**
     * A replica that just came to lead the chain: the last interval boundary before `block` gets
     * its output if no output covers it yet (its leader died between building and posting it). A
     * boundary the old leader did post is not posted again: the oracle takes each block once.
     */
    onTakeover(block: BuiltBlock, config: GovernedConfig) {
      const interval = BigInt(config.commitmentInterval);
      if (interval <= 0n) return;
      const boundary = ((block.number - 1n) / interval) * interval;
      if (boundary === 0n) return;
      const catchUp = async () => {
        const latest = await hubClient
          .readContract({ address: options.hub.outputOracle, abi: outputOracleAbi, functionName: "latestOutput", args: [BigInt(options.chainId)] })
          .catch(() => undefined); // no accepted output yet
        if (latest && BigInt(latest.blockNumber) >= boundary) return;
        const missed = await options.member.getBlock({ blockNumber: boundary });
        await postOutput({ number: boundary, hash: missed.hash, stateRoot: missed.stateRoot, timestamp: missed.timestamp } as BlockHead, config);
        options.log?.info("missed-output-posted", { chainId: options.chainId, blockNumber: boundary });
        await options.afterOutput?.();
      };
      queue = queue.then(catchUp).catch(logFailure("commitment-failed", boundary));
    },
    /**
     * The wind-down of a removed chain: commits its last block unless an output already covers it,
     * so every withdrawal made before the removal can be proven (the oracle accepts blocks from
     * the chain's membership after its removal).
     */
    onRemoved(lastBlock: BlockHead, config: GovernedConfig) {
      const windDown = async () => {
        const latest = await hubClient
          .readContract({ address: options.hub.outputOracle, abi: outputOracleAbi, functionName: "latestOutput", args: [BigInt(options.chainId)] })
          .catch(() => undefined); // no accepted output yet
        if (lastBlock.number === 0n || (latest && BigInt(latest.blockNumber) >= lastBlock.number)) return;
        await postOutput(lastBlock, config);
        options.log?.info("wind-down-output-posted", { chainId: options.chainId, blockNumber: lastBlock.number });
        await options.afterOutput?.();
      };
      // No later block will commit a removed chain: a failed wind-down (the hub busy or briefly
      // unreachable) is tried again, 1 s, 2 s, 4 s, … apart, before it is given up.
      queue = queue.then(async () => {
        for (let attempt = 1; ; attempt++) {
          try {
            return await windDown();
          } catch (error) {
            const last = attempt === WIND_DOWN_ATTEMPTS;
            options.log?.error("wind-down-failed", { chainId: options.chainId, blockNumber: lastBlock.number, attempt, willRetry: !last, err: error });
            if (last) return;
            await sleep(clock, 1_000 * 2 ** (attempt - 1));
          }
        }
      });
    },
    /** Waits for posts in flight (graceful shutdown). */
    drain: () => queue,
  };
}

