import {
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  http,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type LocalAccount,
} from "viem";

import { hubStateOracleAbi, outputOracleAbi } from "../contracts/index.ts";
import type { GovernedConfig } from "./config/governedConfig.ts";
import type { BuiltBlock } from "./engine/types.ts";
import type { SequencerMetrics } from "./metrics/index.ts";

export interface CommitmentPosterOptions {
  chainId: number;
  hub: { chain: Chain; rpcUrl: string; outputOracle: Address };
  /** The member chain's HubStateOracle; hub state roots are not posted without it. */
  hubStateOracle?: Address | undefined;
  /** The chain's registered operator: the only account the OutputOracle accepts outputs from. */
  operator: LocalAccount;
  /** Submits a signed member-chain transaction through the sequencer's own admission. */
  submit: (raw: Hex) => Promise<Hex>;
  /** The operator's next nonce on the member chain, counting its pending transactions. */
  pendingNonce: (address: Address) => Promise<bigint>;
  memberBaseFee: () => Promise<bigint>;
  metrics: SequencerMetrics;
  /** Runs after each committed output, in the same queue (e.g. relaying tallies proven against it). */
  afterOutput?: () => Promise<void>;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

const HUB_STATE_GAS = 200_000n;

/**
 * Posts a chain's commitments every `commitmentInterval` blocks: the block's output (number,
 * hash, state root, and the configuration version it was built under) to the hub's OutputOracle,
 * and the hub's latest state root to the chain's HubStateOracle — the latter as an ordinary
 * transaction through the sequencer's own admission, so it is sequenced like any other. Posts
 * run one at a time per chain, off the block loop; a failure is logged and retried at the next
 * interval.
 */
export function commitmentPoster(options: CommitmentPosterOptions) {
  const transport = http(options.hub.rpcUrl);
  const hubWallet = createWalletClient({ account: options.operator, chain: options.hub.chain, transport });
  const hubClient = createPublicClient({ chain: options.hub.chain, transport });
  let queue: Promise<void> = Promise.resolve();

  const postOutput = async (block: BuiltBlock, config: GovernedConfig) => {
    const hash: Hash = await hubWallet.writeContract({
      address: options.hub.outputOracle,
      abi: outputOracleAbi,
      functionName: "postOutput",
      args: [BigInt(options.chainId), block.number, block.hash, block.stateRoot, config.version, Number(block.timestamp)],
    });
    const receipt = await hubClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`postOutput reverted in ${hash}`);
    options.metrics.commitmentPosted(options.chainId, block.number);
    options.log?.("output-posted", { chainId: options.chainId, blockNumber: block.number, configVersion: config.version, hubTransaction: hash });
  };

  const postHubState = async (config: GovernedConfig) => {
    if (!options.hubStateOracle) return;
    const hub = await hubClient.getBlock();
    const baseFee = await options.memberBaseFee();
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
    options.log?.("hub-state-submitted", { chainId: options.chainId, hubBlock: hub.number, transaction: hash });
  };

  return {
    /** Called after every block; posts when the block number is a multiple of the interval. */
    onBlock(block: BuiltBlock, config: GovernedConfig) {
      if (config.commitmentInterval <= 0 || block.number % BigInt(config.commitmentInterval) !== 0n) return;
      queue = queue
        .then(() => postOutput(block, config))
        .then(() => postHubState(config))
        .then(() => options.afterOutput?.())
        .catch((error: unknown) =>
          options.log?.("commitment-failed", { chainId: options.chainId, blockNumber: block.number, error: error instanceof Error ? error.message.split("\n")[0] : String(error) }),
        );
    },
    /** Waits for posts in flight (graceful shutdown). */
    drain: () => queue,
  };
}

