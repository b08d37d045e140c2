import type { SequencerParameters } from "../../lib/governance/index.ts";

/** The sequencer parameters the test deployments start from (what the devnet will use too). */
export const DEFAULT_PARAMETERS: SequencerParameters = {
  blockTimeMs: 2_000,
  maxTxPerBlock: 500,
  maxBlockGas: 30_000_000n,
  orderingPolicy: 0,
  minPriorityFeeWei: 0n,
  maxTxBytes: 131_072,
  maxPendingPerSender: 64,
  commitmentInterval: 10,
};
