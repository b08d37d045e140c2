import type { AppliedParameters, VersionedParameters } from "../governance/parameters.ts";

/** One member chain's configuration as the hub's SequencerConfigRegistry governs it now. */
export interface GovernedConfig extends VersionedParameters {
  chainId: number;
  paused: boolean;
}

/** One member chain's configuration as the running sequencer applies it (its `/healthz`). */
export interface RunningChainConfig {
  chainId: number;
  name: string;
  /** `undefined` while the sequencer has not loaded any configuration for the chain. */
  config: VersionedParameters<AppliedParameters> | undefined;
  paused: boolean;
  hubReachable: boolean;
  /** The newest block the sequencer built for the chain (chain time); absent before the first. */
  lastBlock?: { number: bigint; timestamp: bigint };
}

/** What the running sequencer reports about itself and every chain it serves. */
export interface RunningState {
  url: string;
  release: { version: string; digest: `0x${string}`; state: string; message: string };
  chains: readonly RunningChainConfig[];
}
