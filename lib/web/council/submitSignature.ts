import { getAddress, isAddressEqual, recoverAddress, type Address } from "viem";
import { z } from "zod";

import { addressSchema } from "../../chains/manifest.ts";
import { VETOABLE_STATES, type ProposalVeto } from "../../council/proposalVeto.ts";
import {
  CouncilDuplicateSignatureError,
  CouncilNotOwnerError,
  CouncilSignatureMismatchError,
  CouncilStaleNonceError,
} from "../../council/errors.ts";
import { normalizeSignature, verifyCouncilSignature } from "../../council/managers/signatures.ts";
import { reviewCouncilTransaction } from "../../council/typedData.ts";
import type { CouncilSafeState, SafeTxData } from "../../council/types.ts";
import type { ProposalStateName } from "../../governance/votes.ts";
import type { CouncilChain } from "./actions.ts";
import { CouncilSignatureRequestError, CouncilStoreDuplicateError } from "./errors.ts";
import { councilSafeTx, safeTxToJson } from "./safeTx.ts";
import type { CouncilSignatures, StoredCouncilSignature } from "./store.ts";

const UINT256_MAX = (1n << 256n) - 1n;

const uint256 = z
  .union([z.string().regex(/^(0|[1-9][0-9]{0,77})$/, { error: "must be a decimal integer string" }), z.int().nonnegative()])
  .transform((value) => BigInt(value))
  .refine((value) => value <= UINT256_MAX, { error: "must fit in uint256" });

const hexBytes = (maxBytes: number) =>
  z
    .string({ error: "must be a 0x-prefixed hex string" })
    .regex(/^0x(?:[0-9a-fA-F]{2})*$/, { error: "must be 0x-prefixed hex of whole bytes" })
    .max(2 + 2 * maxBytes, { error: `must be at most ${maxBytes} bytes` })
    .transform((value) => value as `0x${string}`);

/** The body of `POST /api/council/signatures`. Unknown keys are refused so typos surface. */
export const councilSignatureRequestSchema = z.strictObject({
  /** The Safe and chain the owner signed for (the EIP-712 domain); must be the manifest's council. */
  safe: addressSchema,
  chainId: z.int({ error: "must be an integer" }).positive({ error: "must be positive" }),
  safeTx: z.strictObject({
    to: addressSchema,
    value: uint256,
    data: hexBytes(4_096),
    operation: z.union([z.literal(0), z.literal(1)], { error: "must be 0 (call) or 1 (delegatecall)" }),
    safeTxGas: uint256,
    baseGas: uint256,
    gasPrice: uint256,
    gasToken: addressSchema,
    refundReceiver: addressSchema,
    nonce: uint256,
  }),
  /** 65 bytes r ‖ s ‖ v of the owner's EIP-712 signature of the safeTxHash. */
  signature: hexBytes(65),
  /** Optional: who claims the signature; refused unless it is who the signature recovers to. */
  signer: addressSchema.optional(),
});
export type CouncilSignatureRequest = z.input<typeof councilSignatureRequestSchema>;

/** One chain the council Safe signs on: what is collected there, and how to read the Safe there. */
export interface CouncilSignatureChain extends CouncilChain {
  /** Reads the Safe's owners and nonce on this chain, now. */
  readState: () => Promise<Pick<CouncilSafeState, "owners" | "nonce">>;
}

/** What accepting a signature needs to know, passed in so tests can swap the chain reads. */
export interface SubmitCouncilSignatureContext {
  /** The council Safe (the same address on the hub and every member chain) and the hub's registry, from the manifest. */
  safe: Address;
  registry: Address;
  /** The hub and the member chains, each with what the store collects there (see `councilChains`). */
  chains: readonly CouncilSignatureChain[];
  /** The store, scoped to the deployment the Safe belongs to. */
  store: CouncilSignatures;
  /** The hub governor's state of a proposal now; `undefined` when it has no such proposal. */
  proposalState: (proposalId: bigint) => Promise<ProposalStateName | undefined>;
}

const sameTx = (a: SafeTxData, b: SafeTxData) =>
  (Object.keys(a) as Array<keyof SafeTxData>).every((key) => String(a[key]).toLowerCase() === String(b[key]).toLowerCase());

/**
 * Accepts one owner's signature of a council decision, or refuses with a
 * {@link CouncilSignatureRequestError} (nothing stored). The server trusts nothing it is sent: the
 * call must be one collected on the chain it names (registry decisions and output rejections on
 * the hub, hub-state rejections on a member chain, each on this deployment's contract; a veto
 * must cancel a proposal the hub governor has that can still be executed); it
 * recomputes the safeTxHash for the manifest's council Safe on that chain, reads the Safe's owners
 * and nonce on that chain, and stores the signature only if it recovers (EIP-712, v = 27/28 or
 * 0/1) to a current owner, for exactly that safeTxHash, at that Safe's current nonce, once per owner.
 * Resolves after the signature is committed to disk.
 *
 * @example
 * const stored = await submitCouncilSignature(context, await request.json())
 */
export async function submitCouncilSignature(context: SubmitCouncilSignatureContext, body: unknown): Promise<StoredCouncilSignature> {
  const parsed = councilSignatureRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"} ${issue.message}`);
    throw new CouncilSignatureRequestError("malformed", `The request is not a council signature: ${issues.slice(0, 5).join("; ")}.`);
  }
  const request = parsed.data;
  const chain = context.chains.find((entry) => entry.chainId === request.chainId);
  if (!isAddressEqual(request.safe, context.safe) || chain === undefined) {
    const chains = context.chains.map((entry) => entry.chainId).join(", ");
    throw new CouncilSignatureRequestError(
      "wrong_safe",
      `This store collects signatures for the council Safe ${context.safe} on chains ${chains}, not ${request.safe} on chain ${request.chainId}.`,
    );
  }
  const data: SafeTxData = { ...request.safeTx, operation: request.safeTx.operation };
  const decision = chain.decode(data);
  if (!decision || !sameTx(data, councilSafeTx(context.registry, decision, data.nonce))) {
    throw new CouncilSignatureRequestError(
      "not_council_decision",
      `On ${chain.name} (chain ${chain.chainId}) only ${chain.accepts} are collected, each as a plain call with no value, gas refund or delegatecall.`,
    );
  }
  if (decision.kind === "vetoProposal") await assertVetoable(context, decision);

  const transaction = { safe: context.safe, chainId: chain.chainId, data };
  const { safeTxHash } = reviewCouncilTransaction(transaction);
  const signature = normalizeSignature(request.signature);
  const recovered = signature && (await recoverAddress({ hash: safeTxHash, signature }).catch(() => undefined));
  if (!signature || !recovered) {
    throw new CouncilSignatureRequestError("bad_signature", "The signature is not a 65-byte ECDSA signature with v = 27 or 28 (or 0 or 1).");
  }
  if (request.signer && !isAddressEqual(request.signer, recovered)) {
    throw new CouncilSignatureRequestError("signature_mismatch", `The signature is not ${request.signer}'s signature of safeTxHash ${safeTxHash}.`, {
      details: `It recovers to ${getAddress(recovered)}: it signs other data (another Safe, chain, nonce or call) or comes from another key.`,
    });
  }

  let state: Pick<CouncilSafeState, "owners" | "nonce">;
  try {
    state = await chain.readState();
  } catch (cause) {
    throw new CouncilSignatureRequestError("chain_unreachable", `Could not read the council Safe on chain ${chain.chainId}.`, { cause });
  }
  const existing = (await context.store.signatures(safeTxHash)).map(({ owner, signature: stored }) => ({ signer: owner, signature: stored }));
  let accepted;
  try {
    accepted = await verifyCouncilSignature({ ...transaction, signatures: existing }, { signer: recovered, signature }, state);
  } catch (error) {
    throw refusal(error, recovered);
  }
  try {
    return await context.store.add({ ...transaction, safeTxHash, safeTx: safeTxToJson(data), owner: accepted.signer, signature: accepted.signature });
  } catch (error) {
    throw refusal(error, recovered);
  }
}

/**
 * A veto is collected only for a proposal the governor has (so a cancel with any other call —
 * another description, one target more — is refused) that can still be executed.
 */
async function assertVetoable(context: SubmitCouncilSignatureContext, veto: ProposalVeto): Promise<void> {
  let state: ProposalStateName | undefined;
  try {
    state = await context.proposalState(veto.proposalId);
  } catch (cause) {
    throw new CouncilSignatureRequestError("chain_unreachable", "Could not read the proposal's state on the hub.", { cause });
  }
  if (state === undefined) {
    throw new CouncilSignatureRequestError("unknown_proposal", `The governor has no proposal ${veto.proposalId}: the cancel call must carry a proposal's exact targets, values, calldatas and description hash.`);
  }
  if (!VETOABLE_STATES.has(state)) {
    throw new CouncilSignatureRequestError("proposal_final", `Proposal ${veto.proposalId} is ${state}: it can no longer be executed, so there is nothing to veto.`);
  }
}

/** lib/council's and the store's refusals as API refusals; anything else is re-thrown. */
function refusal(error: unknown, signer: Address): unknown {
  if (error instanceof CouncilStaleNonceError) {
    const stale = error.transactionNonce < error.safeNonce;
    return new CouncilSignatureRequestError(stale ? "stale_nonce" : "future_nonce", error.shortMessage, { ...(error.details ? { details: error.details } : {}) });
  }
  if (error instanceof CouncilNotOwnerError) {
    return new CouncilSignatureRequestError("not_owner", `The signature recovers to ${signer}, which is not an owner of the council Safe.`, {
      details: "Only current council owners can sign; anyone can execute once enough owners have.",
    });
  }
  if (error instanceof CouncilDuplicateSignatureError || error instanceof CouncilStoreDuplicateError) {
    return new CouncilSignatureRequestError("duplicate_signature", `${signer} has already signed this transaction; one owner counts once.`);
  }
  if (error instanceof CouncilSignatureMismatchError) {
    return new CouncilSignatureRequestError("signature_mismatch", error.shortMessage, { ...(error.details ? { details: error.details } : {}) });
  }
  return error;
}
