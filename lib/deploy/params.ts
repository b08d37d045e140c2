/**
 * A deployment's parameters (`deployments/<name>.params.json`): the chains it spans, the council,
 * and the governance settings it starts with. Everything but the chains has a production default
 * ({@link DEPLOYMENT_DEFAULTS}); numbers too large for JSON are decimal strings.
 */
import { z } from "zod";

import { addressSchema } from "../chains/index.ts";
import { OrderingPolicy } from "../governance/parameters.ts";

const decimal = z
  .union([z.string().regex(/^(?:0|[1-9][0-9]*)$/, { error: "must be a decimal string" }), z.int().nonnegative()])
  .transform((value) => BigInt(value));
const seconds = z.int().positive();
const name = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be a kebab-case name (e.g. base-sepolia)" });
const rpcUrl = z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" });

const chainSchema = z.strictObject({ name, chainId: z.int().positive(), rpcUrl });

/** Production defaults: voting over days, a two-day timelock, six-hour challenge windows (docs/DEPLOY.md). */
export const DEPLOYMENT_DEFAULTS = {
  token: { name: "Superchain", symbol: "SUP", supply: 1_000_000_000n * 10n ** 18n },
  governor: { votingDelay: 86_400, votingPeriod: 5 * 86_400, proposalThreshold: 100_000n * 10n ** 18n, quorumNumerator: 4n, lateQuorumVoteExtension: 86_400 },
  timelockDelay: 2n * 86_400n,
  sequencer: {
    defaults: {
      blockTimeMs: 2_000,
      maxTxPerBlock: 500,
      maxBlockGas: 30_000_000n,
      orderingPolicy: OrderingPolicy.Fifo,
      minPriorityFeeWei: 0n,
      maxTxBytes: 131_072,
      maxPendingPerSender: 64,
      commitmentInterval: 10,
    },
    minActivationDelay: 86_400,
    approvalWindow: 7 * 86_400,
  },
  roots: {
    outputs: { challengeWindow: 21_600, maxBlockStep: 1_000_000n },
    hubStates: { challengeWindow: 21_600, maxBlockStep: 1_000_000n },
    minChallengeWindow: 600,
  },
  /** Seconds before a proposal's deadline when member-chain votes close, so their tally can reach the hub. */
  closingMargin: 3_600,
} as const;

const d = DEPLOYMENT_DEFAULTS;
const rules = (defaults: { challengeWindow: number; maxBlockStep: bigint }) =>
  z.strictObject({ challengeWindow: seconds.default(defaults.challengeWindow), maxBlockStep: decimal.default(defaults.maxBlockStep) }).default(defaults);

export const deploymentParamsSchema = z.strictObject({
  hub: chainSchema,
  members: z
    .array(chainSchema.extend({ operator: addressSchema, sequencerRpcUrl: rpcUrl.optional() }))
    .min(1, { error: "must list at least one member chain" })
    .refine((members) => new Set(members.map((m) => m.chainId)).size === members.length, { error: "lists a chain id twice" }),
  /** A new council Safe (owners, threshold) made through protocol-kit on every chain, or an existing one. */
  council: z.union([
    z.strictObject({ owners: z.array(addressSchema).min(1), threshold: z.int().positive(), saltNonce: decimal.default(0n) }),
    z.strictObject({ safe: addressSchema }),
  ]),
  token: z.strictObject({ name: z.string().min(1).default(d.token.name), symbol: z.string().min(1).default(d.token.symbol), supply: decimal.default(d.token.supply), holder: addressSchema.optional() }).default(d.token),
  governor: z
    .strictObject({
      votingDelay: seconds.default(d.governor.votingDelay),
      votingPeriod: seconds.default(d.governor.votingPeriod),
      proposalThreshold: decimal.default(d.governor.proposalThreshold),
      quorumNumerator: decimal.default(d.governor.quorumNumerator),
      lateQuorumVoteExtension: seconds.default(d.governor.lateQuorumVoteExtension),
    })
    .default(d.governor),
  timelockDelay: decimal.default(d.timelockDelay),
  sequencer: z
    .strictObject({
      minActivationDelay: seconds.default(d.sequencer.minActivationDelay),
      approvalWindow: seconds.default(d.sequencer.approvalWindow),
      blockTimeMs: z.int().positive().default(d.sequencer.defaults.blockTimeMs),
    })
    .default({ minActivationDelay: d.sequencer.minActivationDelay, approvalWindow: d.sequencer.approvalWindow, blockTimeMs: d.sequencer.defaults.blockTimeMs }),
  roots: z
    .strictObject({ outputs: rules(d.roots.outputs), hubStates: rules(d.roots.hubStates), minChallengeWindow: seconds.default(d.roots.minChallengeWindow) })
    .default(d.roots),
  closingMargin: seconds.default(d.closingMargin),
});

export type DeploymentParams = z.output<typeof deploymentParamsSchema>;
export type DeploymentParamsInput = z.input<typeof deploymentParamsSchema>;
