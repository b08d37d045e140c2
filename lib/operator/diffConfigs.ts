import { PARAMETER_NAMES, type ParameterName, type SequencerParameters } from "../governance/parameters.ts";
import type { GovernedConfig, RunningChainConfig } from "./types.ts";

/** One value on both sides: equal, or what governance says vs what the sequencer runs. */
export type ValueDiff<T> = { equal: true; value: T } | { equal: false; governed: T; running: T };

export type ChainConfigDiff =
  | {
      kind: "compared";
      chainId: number;
      /** True when version, activation, pause and every parameter agree. */
      identical: boolean;
      version: ValueDiff<bigint>;
      activatedAt: ValueDiff<bigint>;
      paused: ValueDiff<boolean>;
      parameters: { [K in ParameterName]: ValueDiff<SequencerParameters[K]> };
    }
  /** Governed, but the sequencer does not serve the chain (`notServed`) or has no config for it yet (`notLoaded`). */
  | { kind: "missingRunning"; chainId: number; reason: "notServed" | "notLoaded" }
  /** Served by the sequencer, but not among the governed chains asked about. */
  | { kind: "missingGoverned"; chainId: number };

export interface DiffConfigsReturnType {
  identical: boolean;
  /** Governed chains first (in their order), then chains only the sequencer serves. */
  chains: ChainConfigDiff[];
  /** How many values (or whole chains) differ. */
  differences: number;
}

function valueDiff<T extends bigint | number | boolean>(governed: T, running: T): ValueDiff<T> {
  return governed === running ? { equal: true, value: governed } : { equal: false, governed, running };
}

/**
 * Compares governed and running configurations chain by chain and parameter by parameter. Pure.
 *
 * @example
 * const diff = diffConfigs(governed, running.chains)
 * if (!diff.identical) for (const chain of diff.chains) …
 */
export function diffConfigs(governed: readonly GovernedConfig[], running: readonly RunningChainConfig[]): DiffConfigsReturnType {
  const runningById = new Map(running.map((chain) => [chain.chainId, chain]));
  const chains: ChainConfigDiff[] = governed.map((want): ChainConfigDiff => {
    const have = runningById.get(want.chainId);
    if (have === undefined) return { kind: "missingRunning", chainId: want.chainId, reason: "notServed" };
    if (have.config === undefined) return { kind: "missingRunning", chainId: want.chainId, reason: "notLoaded" };
    const config = have.config;
    const parameters = Object.fromEntries(
      PARAMETER_NAMES.map((name) => [name, valueDiff<bigint | number>(want.parameters[name], config.parameters[name])]),
    ) as Extract<ChainConfigDiff, { kind: "compared" }>["parameters"];
    const version = valueDiff(want.version, config.version);
    const activatedAt = valueDiff(want.activatedAt, config.activatedAt);
    const paused = valueDiff(want.paused, have.paused);
    const identical = version.equal && activatedAt.equal && paused.equal && PARAMETER_NAMES.every((name) => parameters[name].equal);
    return { kind: "compared", chainId: want.chainId, identical, version, activatedAt, paused, parameters };
  });
  const governedIds = new Set(governed.map((chain) => chain.chainId));
  for (const chain of running) {
    if (!governedIds.has(chain.chainId)) chains.push({ kind: "missingGoverned", chainId: chain.chainId });
  }
  const differences = chains.reduce((sum, chain) => sum + countDifferences(chain), 0);
  return { identical: differences === 0, chains, differences };
}

function countDifferences(chain: ChainConfigDiff): number {
  if (chain.kind !== "compared") return 1;
  const values = [chain.version, chain.activatedAt, chain.paused, ...PARAMETER_NAMES.map((name) => chain.parameters[name])];
  return values.filter((value) => !value.equal).length;
}
