/**
 * Governance actions as JSON, for proposals written in a file (`superchain proposal create
 * --actions <file>`): the {@link GovernanceAction} union with integers as decimal strings or JSON
 * numbers, addresses in any case, the ordering policy by name or number. Checked strictly:
 * an unknown kind or field is refused, not ignored.
 */
import { z } from "zod";

import { addressSchema } from "../../chains/manifest.ts"; // not the index: it reads files, and this codec runs in the browser too
import { OrderingPolicy, ORDERING_POLICY_NAME_LIST, orderingPolicyFromName } from "../parameters.ts";
import type { GovernanceAction } from "./types.ts";

const uint = z
  .union([z.string().regex(/^(?:0|[1-9][0-9]*)$/, { error: "must be a non-negative integer (a decimal string)" }), z.int().nonnegative()])
  .transform((value) => BigInt(value));
const small = z.int().nonnegative();
const activation = { requestedActivation: uint.default(0n) };

const parameterChanges = z
  .strictObject({
    blockTimeMs: small,
    maxTxPerBlock: small,
    maxBlockGas: uint,
    orderingPolicy: z.union([
      z.enum(ORDERING_POLICY_NAME_LIST).transform(orderingPolicyFromName),
      z.union([z.literal(OrderingPolicy.Fifo), z.literal(OrderingPolicy.PriorityFee)]),
    ]),
    minPriorityFeeWei: uint,
    maxTxBytes: small,
    maxPendingPerSender: small,
    commitmentInterval: small,
  })
  .partial()
  .refine((changes) => Object.keys(changes).length > 0, { error: "must change at least one parameter" });

const actionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("setParameters"), chainId: uint, changes: parameterChanges, ...activation }),
  z.strictObject({
    kind: z.literal("approveRelease"),
    release: z.strictObject({
      major: small,
      minor: small,
      patch: small,
      kind: z.enum(["recommended", "required"]),
      digest: z.string().regex(/^0x[0-9a-fA-F]{64}$/, { error: "must be a 32-byte sha-256 digest (0x and 64 hex digits)" }).transform((d) => d as `0x${string}`),
    }),
    ...activation,
  }),
  z.strictObject({ kind: z.literal("replaceCouncil"), council: addressSchema, ...activation }),
  z.strictObject({ kind: z.literal("replaceOperator"), chainId: uint, operator: addressSchema, ...activation }),
  z.strictObject({ kind: z.literal("cancelChange"), changeId: uint }),
  z.strictObject({ kind: z.literal("unpause"), chainId: uint }),
  z.strictObject({ kind: z.literal("updateMinActivationDelay"), seconds: uint }),
  z.strictObject({ kind: z.literal("updateApprovalWindow"), seconds: uint }),
  z.strictObject({ kind: z.literal("addChain"), chainId: uint, name: z.string().min(1), operator: addressSchema, ...activation }),
  z.strictObject({ kind: z.literal("removeChain"), chainId: uint, ...activation }),
  z.strictObject({ kind: z.literal("setVotingDelay"), seconds: uint }),
  z.strictObject({ kind: z.literal("setVotingPeriod"), seconds: uint }),
  z.strictObject({ kind: z.literal("setProposalThreshold"), amount: uint }),
  z.strictObject({ kind: z.literal("updateQuorumNumerator"), percent: uint }),
  z.strictObject({ kind: z.literal("setLateQuorumVoteExtension"), seconds: uint }),
  z.strictObject({ kind: z.literal("setProposalGuardian"), guardian: addressSchema }),
  z.strictObject({ kind: z.literal("setVoteSource"), chainId: uint, source: addressSchema }),
]);

/** A proposal's actions as JSON: a non-empty array of actions. */
export const governanceActionsJsonSchema = z.array(actionSchema).min(1, { error: "must list at least one action" });

/**
 * The actions a JSON value describes.
 *
 * @throws {z.ZodError} listing every field at fault.
 * @example
 * parseGovernanceActions([{ kind: "setParameters", chainId: "901", changes: { blockTimeMs: 1000 } }])
 */
export function parseGovernanceActions(json: unknown): GovernanceAction[] {
  return governanceActionsJsonSchema.parse(json) as GovernanceAction[];
}
