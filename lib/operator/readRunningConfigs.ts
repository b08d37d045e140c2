import type { AppliedConfig, AppliedParameters, VersionedParameters } from "../governance/parameters.ts";
import { healthReportSchema, type ParsedHealthReport } from "../sequencer/health.ts";
import { SequencerHealthInvalidError, SequencerUnreachableError } from "./errors.ts";
import type { RunningChainConfig, RunningState } from "./types.ts";

export interface ReadRunningConfigsOptions {
  /** Give up after this long; default 5000 ms. */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}
export type ReadRunningConfigsReturnType = RunningState;
export type ReadRunningConfigsErrorType = SequencerUnreachableError | SequencerHealthInvalidError;

/**
 * A sequencer's (or one replica's) `GET /healthz`, parsed with the sequencer's own schema.
 *
 * @throws {SequencerUnreachableError} when it does not answer or answers with an HTTP error.
 * @throws {SequencerHealthInvalidError} when the body is not JSON or not a health report.
 */
export async function readHealthReport(sequencerBaseUrl: string, options: ReadRunningConfigsOptions = {}): Promise<ParsedHealthReport> {
  const url = new URL("/healthz", sequencerBaseUrl).toString();
  const doFetch = options.fetch ?? globalThis.fetch;
  let response: Response;
  let text: string;
  try {
    response = await doFetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 5000) });
    text = await response.text();
  } catch (error) {
    throw new SequencerUnreachableError({ url: sequencerBaseUrl, cause: error });
  }
  // 503 is how a degraded sequencer may still report its health; anything else non-2xx is no report.
  if (!response.ok && response.status !== 503) {
    throw new SequencerUnreachableError({ url: sequencerBaseUrl, cause: new Error(`GET /healthz answered HTTP ${response.status}`) });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SequencerHealthInvalidError({ url: sequencerBaseUrl, details: `not JSON: ${JSON.stringify(text.slice(0, 80))}`, cause: error });
  }
  const result = healthReportSchema.safeParse(json);
  if (!result.success) {
    const details = result.error.issues.map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`).join("\n");
    throw new SequencerHealthInvalidError({ url: sequencerBaseUrl, details, cause: result.error });
  }
  return result.data;
}

/**
 * What the running sequencer applies: its release and each chain's configuration, from its
 * `GET /healthz`, validated and reshaped into the governed configuration's types.
 *
 * @param sequencerBaseUrl The sequencer's origin (`http://127.0.0.1:7545`); the origin of any
 *   member's `sequencerRpcUrl`.
 * @throws {SequencerUnreachableError} when it does not answer or answers with an HTTP error.
 * @throws {SequencerHealthInvalidError} when the body is not JSON or not a health report.
 * @example
 * const running = await readRunningConfigs("http://127.0.0.1:7545")
 * running.chains[0]?.config?.version // 1n
 */
export async function readRunningConfigs(sequencerBaseUrl: string, options: ReadRunningConfigsOptions = {}): Promise<ReadRunningConfigsReturnType> {
  return runningState(sequencerBaseUrl, await readHealthReport(sequencerBaseUrl, options));
}

/** A health report reshaped into the governed configuration's types. */
export function runningState(sequencerBaseUrl: string, { release, chains }: ParsedHealthReport): RunningState {
  return {
    url: sequencerBaseUrl,
    release,
    chains: chains.map(
      (chain): RunningChainConfig => ({
        chainId: chain.chainId,
        name: chain.name,
        paused: chain.paused,
        hubReachable: chain.hubReachable,
        ...(chain.lastBlock ? { lastBlock: { number: chain.lastBlock.number, timestamp: chain.lastBlock.timestamp } } : {}),
        config: chain.config === null ? undefined : versioned(chain.config),
      }),
    ),
  };
}

/** The report's flat configuration as the registry nests it: version and activation beside the parameters. */
function versioned({ version, activatedAt, ...parameters }: AppliedConfig): VersionedParameters<AppliedParameters> {
  return { version, activatedAt, parameters };
}

/**
 * The sequencer origins of a manifest's member chains (`http://127.0.0.1:7545/901` →
 * `http://127.0.0.1:7545`), each once; members without a sequencer URL are left out.
 */
export function sequencerOrigins(members: readonly { sequencerRpcUrl?: string | undefined }[]): string[] {
  return [...new Set(members.flatMap((m) => (m.sequencerRpcUrl === undefined ? [] : [new URL(m.sequencerRpcUrl).origin])))];
}
