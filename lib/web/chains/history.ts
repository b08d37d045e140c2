import { PARAMETER_NAMES, type ParameterName, type SequencerParameters } from "../../governance/parameters.ts";

/** One `ConfigScheduled` event of the registry: a scope's complete state from `activatesAt` on. */
export interface ConfigPoint {
  /** 0n: the global default; else a chain's overrides. */
  scope: bigint;
  /** Registry-wide, increasing in approval order. */
  version: bigint;
  /** Unix seconds. */
  activatesAt: bigint;
  /** For a chain scope, the fields it sets itself (bit i = `PARAMETER_NAMES[i]`); ignored for the default. */
  overrides: number;
  parameters: SequencerParameters;
}

/**
 * Where an entry stands at `now`: the one the chain runs under, an earlier one, one that never
 * took effect (a later approval of the same scope activates at the same second), or a future one.
 */
export type ConfigEntryState = "inForce" | "past" | "superseded" | "scheduled";

/** The chain's effective configuration from one point of either scope on. */
export interface ConfigHistoryEntry {
  /** The chain's version from then on: the larger of the default's and its overrides' (as `configAt`). */
  version: bigint;
  /** The version of the event itself. */
  pointVersion: bigint;
  activatesAt: bigint;
  /** Which scope's change this is. */
  source: "default" | "chain";
  /** The merged parameters the chain runs under from `activatesAt` on. */
  parameters: SequencerParameters;
  /** Parameters whose effective value differs from the entry before (empty for the first). */
  changed: ParameterName[];
  state: ConfigEntryState;
}

/**
 * A chain's parameters from the default and its overrides, field by field as the registry's
 * `SequencerParameters.merge` does: bit i of `mask` takes field i from `own`.
 *
 * @example
 * mergeParameters(defaults, { ...defaults, blockTimeMs: 1000 }, 0b1).blockTimeMs // 1000
 */
export function mergeParameters(base: SequencerParameters, own: SequencerParameters, mask: number): SequencerParameters {
  const merged: Record<ParameterName, unknown> = { ...base };
  PARAMETER_NAMES.forEach((name, i) => {
    if (mask & (1 << i)) merged[name] = own[name];
  });
  return merged as SequencerParameters;
}

const byActivation = (a: ConfigPoint, b: ConfigPoint): number =>
  a.activatesAt === b.activatesAt ? Number(a.version - b.version) : a.activatesAt < b.activatesAt ? -1 : 1;

/**
 * A chain's configuration history, newest first, rebuilt from the registry's `ConfigScheduled`
 * events of the default (scope 0) and of the chain alone, the way `configAt` answers: at any time
 * the default in force merged with the chain's overrides in force, versioned by the larger of the
 * two. Points of other scopes are ignored, so callers may pass one log query's result as is.
 *
 * @param now Unix seconds: what counts as in force versus scheduled.
 * @example
 * const history = buildConfigHistory(points, { chainId: 901n, now })
 * history.find((entry) => entry.state === "inForce")?.version
 */
export function buildConfigHistory(points: readonly ConfigPoint[], { chainId, now }: { chainId: bigint; now: bigint }): ConfigHistoryEntry[] {
  const ordered = points.filter((p) => p.scope === 0n || p.scope === chainId).sort(byActivation);
  let global: ConfigPoint | undefined;
  let own: ConfigPoint | undefined;
  let previous: SequencerParameters | undefined;
  const entries: ConfigHistoryEntry[] = [];
  for (const point of ordered) {
    if (point.scope === 0n) global = point;
    else own = point;
    // Before the default's first point the chain has no configuration (`configAt` reverts).
    if (global === undefined) continue;
    const parameters = own === undefined ? global.parameters : mergeParameters(global.parameters, own.parameters, own.overrides);
    const version = own === undefined || global.version > own.version ? global.version : own.version;
    const changed = previous === undefined ? [] : PARAMETER_NAMES.filter((name) => parameters[name] !== previous?.[name]);
    entries.push({
      version,
      pointVersion: point.version,
      activatesAt: point.activatesAt,
      source: point.scope === 0n ? "default" : "chain",
      parameters,
      changed,
      state: point.activatesAt > now ? "scheduled" : "past",
    });
    previous = parameters;
  }
  markStates(entries, ordered);
  return entries.reverse();
}

/** The last entry already active is in force; an entry outdone by its own scope in the same second never was. */
function markStates(entries: ConfigHistoryEntry[], ordered: readonly ConfigPoint[]): void {
  const lastOfScopeAt = new Map<string, bigint>();
  for (const point of ordered) lastOfScopeAt.set(`${point.scope}@${point.activatesAt}`, point.version);
  const scopeOf = new Map(ordered.map((point) => [point.version, point.scope]));
  let inForce = -1;
  entries.forEach((entry, i) => {
    if (entry.state !== "scheduled") inForce = i;
    const last = lastOfScopeAt.get(`${scopeOf.get(entry.pointVersion)}@${entry.activatesAt}`);
    if (last !== undefined && last !== entry.pointVersion) entry.state = "superseded";
  });
  const current = entries[inForce];
  if (current !== undefined && current.state === "past") current.state = "inForce";
}
