import { formatUtc } from "../../governance/codec/describe.ts";
import { PARAMETER_LABELS, PARAMETER_NAMES, type ParameterName } from "../../governance/parameters.ts";
import { diffConfigs, type GovernedConfig, type RunningChainConfig, type ValueDiff } from "../../operator/index.ts";

/** One line of the side-by-side table, already in words. */
export interface ComparisonRow {
  key: ParameterName | "version" | "activatedAt" | "paused";
  label: string;
  governed: string;
  /** `undefined` when the sequencer's side is not known (unreachable, chain not served or not loaded). */
  running: string | undefined;
  differs: boolean;
}

/**
 * Governed vs running for one chain: `match` when every value agrees, `drift` when any differs,
 * `unknown` when there is nothing to compare with (`reason` says why).
 */
export interface ConfigComparison {
  status: "match" | "drift" | "unknown";
  reason?: "unreachable" | "notServed" | "notLoaded";
  differences: number;
  /** Version, activation and pause first, then every parameter in the contract's field order. */
  rows: ComparisonRow[];
}

const pauseText = (paused: boolean) => (paused ? "paused" : "running");
const versionText = (version: bigint) => `v${version}`;

function row<T>(key: ComparisonRow["key"], label: string, diff: ValueDiff<T> | undefined, governed: T, format: (value: T) => string): ComparisonRow {
  if (diff === undefined) return { key, label, governed: format(governed), running: undefined, differs: false };
  if (diff.equal) return { key, label, governed: format(diff.value), running: format(diff.value), differs: false };
  return { key, label, governed: format(diff.governed), running: format(diff.running), differs: true };
}

/**
 * The governed configuration next to the one the sequencer reports, every value formatted the way
 * proposals word it (`PARAMETER_LABELS`), each row flagged when the sides differ. Pure: built on
 * `diffConfigs`, so the web app and `superchain config diff` agree on what drift is.
 *
 * @param running The chain's entry of the sequencer's `/healthz`; `null` when the sequencer did not
 *   answer, `undefined` when it answered but does not serve the chain.
 * @example
 * const comparison = compareConfigs(governed, running.chains.find((c) => c.chainId === 901) ?? null)
 * comparison.rows.filter((row) => row.differs)
 */
export function compareConfigs(governed: GovernedConfig, running: RunningChainConfig | null | undefined): ConfigComparison {
  const [diff] = running === null ? [] : diffConfigs([governed], running === undefined ? [] : [running]).chains;
  const compared = diff?.kind === "compared" ? diff : undefined;
  const rows: ComparisonRow[] = [
    row("version", "configuration version", compared?.version, governed.version, versionText),
    row("activatedAt", "in force since", compared?.activatedAt, governed.activatedAt, formatUtc),
    row("paused", "sequencing", compared?.paused, governed.paused, pauseText),
    ...PARAMETER_NAMES.map((name) => {
      const { label, format } = PARAMETER_LABELS[name];
      return row<bigint | number>(name, label, compared?.parameters[name], governed.parameters[name], format);
    }),
  ];
  if (compared === undefined) {
    const reason = diff?.kind === "missingRunning" ? diff.reason : "unreachable";
    return { status: "unknown", reason, differences: 0, rows };
  }
  const differences = rows.filter((r) => r.differs).length;
  return { status: differences === 0 ? "match" : "drift", differences, rows };
}
