import { z } from "zod";

import { OrderingPolicy } from "../governance/parameters.ts";
import { SequencerHealthInvalidError, SequencerUnreachableError } from "./errors.ts";
import type { RunningChainConfig, RunningState } from "./types.ts";

const decimal = z.string().regex(/^(?:0|[1-9][0-9]*)$/, { error: "must be a decimal string" }).transform((v) => BigInt(v));
const uint = z.int().nonnegative();

/** The sequencer's `GET /healthz` body, as far as the operator reads it (unknown fields pass). */
export const healthReportSchema = z.object({
  status: z.string(),
  release: z.object({
    version: z.string().min(1),
    digest: z.string().regex(/^0x[0-9a-fA-F]{64}$/, { error: "must be a 32-byte hex digest" }).transform((v) => v as `0x${string}`),
    state: z.string(),
    message: z.string(),
  }),
  chains: z.array(
    z.object({
      chainId: z.int().positive(),
      name: z.string(),
      config: z
        .object({
          version: decimal,
          activatedAt: decimal,
          blockTimeMs: uint,
          maxTxPerBlock: uint,
          maxBlockGas: decimal,
          orderingPolicy: z.enum(["fifo", "priorityFee"]),
          minPriorityFeeWei: decimal,
          maxTxBytes: uint,
          maxPendingPerSender: uint,
          commitmentInterval: uint,
        })
        .nullable(),
      paused: z.boolean(),
      hubReachable: z.boolean(),
      lastBlock: z.object({ number: decimal, timestamp: decimal }).nullable().optional(),
    }),
  ),
});

export interface ReadRunningConfigsOptions {
  /** Give up after this long; default 5000 ms. */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}
export type ReadRunningConfigsReturnType = RunningState;
export type ReadRunningConfigsErrorType = SequencerUnreachableError | SequencerHealthInvalidError;

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
  const { release, chains } = result.data;
  return {
    url: sequencerBaseUrl,
    release,
    chains: chains.map(
      (chain): RunningChainConfig => ({
        chainId: chain.chainId,
        name: chain.name,
        paused: chain.paused,
        hubReachable: chain.hubReachable,
        ...(chain.lastBlock ? { lastBlock: chain.lastBlock } : {}),
        config:
          chain.config === null
            ? undefined
            : {
                version: chain.config.version,
                activatedAt: chain.config.activatedAt,
                parameters: {
                  blockTimeMs: chain.config.blockTimeMs,
                  maxTxPerBlock: chain.config.maxTxPerBlock,
                  maxBlockGas: chain.config.maxBlockGas,
                  orderingPolicy: chain.config.orderingPolicy === "priorityFee" ? OrderingPolicy.PriorityFee : OrderingPolicy.Fifo,
                  minPriorityFeeWei: chain.config.minPriorityFeeWei,
                  maxTxBytes: chain.config.maxTxBytes,
                  maxPendingPerSender: chain.config.maxPendingPerSender,
                  commitmentInterval: chain.config.commitmentInterval,
                },
              },
      }),
    ),
  };
}

/**
 * The sequencer origins of a manifest's member chains (`http://127.0.0.1:7545/901` →
 * `http://127.0.0.1:7545`), each once; members without a sequencer URL are left out.
 */
export function sequencerOrigins(members: readonly { sequencerRpcUrl?: string | undefined }[]): string[] {
  return [...new Set(members.flatMap((m) => (m.sequencerRpcUrl === undefined ? [] : [new URL(m.sequencerRpcUrl).origin])))];
}
