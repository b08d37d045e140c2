import { getAddress, isAddressEqual, type Address, type Hash, type Hex } from "viem";

import { CouncilSignatureBytesError } from "../../../council/errors.ts";
import type { CheckOwnerSignatureReturnType } from "../../../council/managers/checkSafeSignature.ts";
import { includesAddress } from "../../../council/managers/signatures.ts";
import { parseSafeSignatures, type OwnerSignature } from "../../../council/safeSignatures.ts";
import { VETOABLE_STATES } from "../../../council/proposalVeto.ts";
import { reviewCouncilTransaction } from "../../../council/typedData.ts";
import type { CouncilSafeState, SafeTxData } from "../../../council/types.ts";
import type { ProposalStateName } from "../../../governance/votes.ts";
import type { CouncilAction, CouncilChain } from "../actions.ts";
import { CouncilStoreDuplicateError } from "../errors.ts";
import { callSafeTx, councilSafeTx, safeTxToJson } from "../safeTx.ts";
import type { CouncilSignatures, StoredCouncilSignature } from "../store.ts";
import { TransactionServiceError } from "./errors.ts";

/** How far past the Safe's nonce the queue reaches: decisions signed for n, n + 1, … n + this. */
export const QUEUE_DEPTH = 64n;

/** One chain the council Safe lives on, with the reads accepting a signature needs there. */
export interface ServiceChain extends CouncilChain {
  /** The Safe's owners, threshold and nonce on this chain, now. */
  readState(): Promise<Pick<CouncilSafeState, "owners" | "threshold" | "nonce">>;
  /**
   * The Safe's own verdict on one standalone owner signature (`checkOwnerSignature`: its
   * `checkNSignatures(hash, data, signature, 1)` as an `eth_call`), so an EIP-1271 owner's
   * contract signature and an `approveHash` approval are judged by exactly the code that will
   * judge them at execution.
   */
  checkSignature(txHashData: Hex, signature: OwnerSignature): Promise<CheckOwnerSignatureReturnType>;
}

/** What accepting confirmations needs to know, passed in so tests can swap the chain reads. */
export interface ServiceContext {
  /** The council Safe (one address on every chain) and the hub's registry, from the manifest. */
  safe: Address;
  registry: Address;
  chain: ServiceChain;
  /** Every chain the council signs on, for refusals that name them. */
  chainIds: readonly number[];
  store: CouncilSignatures;
  /** The hub governor's state of a proposal now; `undefined` when it has no such proposal. */
  proposalState: (proposalId: bigint) => Promise<ProposalStateName | undefined>;
}

/** What a council transaction is: one of this deployment's decisions, or the Safe's on-chain rejection of a queued one. */
export type QueuedCouncilCall = { kind: "decision"; action: CouncilAction } | { kind: "rejection" };

/**
 * Safe{Wallet}'s "reject": a call from the Safe to itself with no value and no data at a nonce
 * that holds a queued transaction. Executing it uses up the nonce, so nothing queued there can
 * run any more.
 */
export function isOnChainRejection(safe: Address, tx: SafeTxData): boolean {
  return sameTx(tx, callSafeTx({ to: safe, data: "0x" }, tx.nonce));
}

const sameTx = (a: SafeTxData, b: SafeTxData) =>
  (Object.keys(a) as Array<keyof SafeTxData>).every((key) => String(a[key]).toLowerCase() === String(b[key]).toLowerCase());

/**
 * What `safeTx` is for this deployment, or a refusal: a decision collected on this chain (plain
 * call, no value, gas refund or delegatecall; a veto must cancel a proposal the governor has that
 * can still be executed), or an on-chain rejection at a nonce something else is queued at.
 */
export async function classifyCouncilTransaction(context: ServiceContext, safeTx: SafeTxData): Promise<QueuedCouncilCall> {
  const { chain } = context;
  if (isOnChainRejection(context.safe, safeTx)) {
    const queued = await context.store.transactions({ safe: context.safe, chainId: chain.chainId, nonce: safeTx.nonce });
    if (!queued.some((entry) => !isOnChainRejection(context.safe, jsonToSafeTx(entry.safeTx)))) {
      throw new TransactionServiceError("nothing_to_reject", `Nothing is queued at nonce ${safeTx.nonce} on ${chain.name}: an on-chain rejection (a call from the Safe to itself with no data) only replaces a queued transaction.`);
    }
    return { kind: "rejection" };
  }
  const action = chain.decode(safeTx);
  if (!action || !sameTx(safeTx, councilSafeTx(context.registry, action, safeTx.nonce))) {
    throw new TransactionServiceError(
      "not_council_decision",
      `On ${chain.name} (chain ${chain.chainId}) only ${chain.accepts} are collected, each as a plain call with no value, gas refund or delegatecall; and on-chain rejections of a queued transaction.`,
    );
  }
  if (action.kind === "vetoProposal") {
    let state: ProposalStateName | undefined;
    try {
      state = await context.proposalState(action.proposalId);
    } catch (cause) {
      throw new TransactionServiceError("chain_unreachable", "Could not read the proposal's state on the hub.", { cause });
    }
    if (state === undefined) {
      throw new TransactionServiceError("unknown_proposal", `The governor has no proposal ${action.proposalId}: the cancel call must carry a proposal's exact targets, values, calldatas and description hash.`);
    }
    if (!VETOABLE_STATES.has(state)) throw new TransactionServiceError("proposal_final", `Proposal ${action.proposalId} is ${state}: it can no longer be executed, so there is nothing to veto.`);
  }
  return { kind: "decision", action };
}

/** The stored JSON form back as `SafeTxData`. */
export function jsonToSafeTx(json: ReturnType<typeof safeTxToJson>): SafeTxData {
  return {
    ...json,
    to: getAddress(json.to),
    value: BigInt(json.value),
    safeTxGas: BigInt(json.safeTxGas),
    baseGas: BigInt(json.baseGas),
    gasPrice: BigInt(json.gasPrice),
    gasToken: getAddress(json.gasToken),
    refundReceiver: getAddress(json.refundReceiver),
    nonce: BigInt(json.nonce),
  };
}

export interface AcceptConfirmationsParameters {
  safeTx: SafeTxData;
  /** The Safe signatures blob: one owner's signature, or several (entries, then contract data). */
  signatures: Hex;
  /** Proposing: the owner who proposes, whose signature must be among `signatures`. */
  sender?: Address;
  origin?: string;
  /** Proposing: the safeTxHash the proposer computed (`contractTransactionHash`), which must be ours. */
  expectedHash?: Hash;
}

/**
 * Accepts owners' signatures of one council transaction, or refuses them all with a
 * {@link TransactionServiceError} (nothing stored). The server trusts nothing it is sent: the
 * transaction must be a council decision of this deployment on this chain (or an on-chain
 * rejection of a queued one), at a nonce from the Safe's current one to {@link QUEUE_DEPTH} past
 * it; the safeTxHash is recomputed for the manifest's Safe on this chain; every signature must be
 * a current owner's, checked as the Safe checks it (ECDSA and `eth_sign` recovered here, an
 * `approveHash` approval and an EIP-1271 contract signature by the Safe's `checkNSignatures`);
 * one owner counts once. Re-sending a signature already stored is accepted and changes nothing.
 * Resolves after the signatures are committed.
 *
 * @example
 * const { safeTxHash, accepted } = await acceptConfirmations(context, { safeTx, signatures: signature, sender })
 */
export async function acceptConfirmations(
  context: ServiceContext,
  { safeTx, signatures: blob, sender, origin, expectedHash }: AcceptConfirmationsParameters,
): Promise<{ safeTxHash: Hash; accepted: StoredCouncilSignature[] }> {
  const { chain, safe } = context;
  await classifyCouncilTransaction(context, safeTx);
  const review = reviewCouncilTransaction({ safe, chainId: chain.chainId, data: safeTx });
  const { safeTxHash } = review;
  if (expectedHash !== undefined && expectedHash.toLowerCase() !== safeTxHash) {
    throw new TransactionServiceError("hash_mismatch", `Contract-transaction-hash=${safeTxHash} does not match provided contract-tx-hash=${expectedHash}.`, {
      details: `The council Safe ${safe} on chain ${chain.chainId} hashes this transaction to ${safeTxHash}: the proposal was built for another Safe, chain or nonce, or with other fields.`,
    });
  }

  let submitted: OwnerSignature[];
  try {
    submitted = await parseSafeSignatures(safeTxHash, blob);
  } catch (error) {
    if (!(error instanceof CouncilSignatureBytesError)) throw error;
    throw new TransactionServiceError("bad_signature", `The signature is not a Safe signature of safeTxHash ${safeTxHash}: ${error.shortMessage}`);
  }

  let state: Pick<CouncilSafeState, "owners" | "threshold" | "nonce">;
  try {
    state = await chain.readState();
  } catch (cause) {
    throw new TransactionServiceError("chain_unreachable", `Could not read the council Safe on chain ${chain.chainId}.`, { cause });
  }
  if (safeTx.nonce < state.nonce) {
    throw new TransactionServiceError("stale_nonce", `Nonce ${safeTx.nonce} already executed: the council Safe on ${chain.name} is at nonce ${state.nonce}.`);
  }
  if (safeTx.nonce > state.nonce + QUEUE_DEPTH) {
    throw new TransactionServiceError("future_nonce", `Nonce ${safeTx.nonce} is more than ${QUEUE_DEPTH} past the council Safe's nonce ${state.nonce} on ${chain.name}.`);
  }
  if (sender) {
    if (!includesAddress(state.owners, sender)) throw new TransactionServiceError("not_owner", `Sender ${sender} is not an owner of the council Safe.`);
    if (!submitted.some(({ owner }) => isAddressEqual(owner, sender))) {
      throw new TransactionServiceError("sender_mismatch", `The signature is not ${sender}'s signature of safeTxHash ${safeTxHash}.`, {
        details: `It is ${submitted.map(({ owner, kind }) => `${owner} (${kind})`).join(", ")}'s: it signs other data (another Safe, chain, nonce or call) or comes from another key.`,
      });
    }
  }
  for (const signature of submitted) await checkOwner(chain, state.owners, signature, review.txHashData);

  const stored = await context.store.signatures(safeTxHash);
  const fresh = submitted.filter(({ owner, signature }) => {
    const previous = stored.find((entry) => isAddressEqual(entry.owner, owner));
    if (previous === undefined) return true;
    if (previous.signature.toLowerCase() === signature.toLowerCase()) return false;
    throw duplicate(owner);
  });
  if (fresh.length === 0) return { safeTxHash, accepted: [] };
  try {
    const accepted = await context.store.addAll(
      { safe, chainId: chain.chainId, safeTxHash, safeTx: safeTxToJson(safeTx), ...(sender ? { proposer: sender } : {}), ...(origin ? { origin } : {}) },
      fresh.map(({ owner, signature, kind }) => ({ owner, signature, kind })),
    );
    return { safeTxHash, accepted };
  } catch (error) {
    if (error instanceof CouncilStoreDuplicateError) throw duplicate(error.owner);
    throw error;
  }
}

const duplicate = (owner: Address) => new TransactionServiceError("duplicate_signature", `${owner} has already signed this transaction; one owner counts once.`);

async function checkOwner(chain: ServiceChain, owners: readonly Address[], signature: OwnerSignature, txHashData: Hex): Promise<void> {
  const { owner, kind } = signature;
  if (!includesAddress(owners, owner)) {
    throw new TransactionServiceError("not_owner", `The signature is ${owner}'s, which is not an owner of the council Safe.`, {
      details: "Only current council owners can sign; anyone can execute once enough owners have.",
    });
  }
  // An ECDSA or eth_sign signature recovered to a current owner is what the Safe accepts; the
  // other kinds depend on contract state only the Safe can judge.
  if (kind === "ecdsa" || kind === "ethSign") return;
  let verdict: CheckOwnerSignatureReturnType;
  try {
    verdict = await chain.checkSignature(txHashData, signature);
  } catch (cause) {
    throw new TransactionServiceError("chain_unreachable", `Could not check ${owner}'s signature with the council Safe on chain ${chain.chainId}.`, { cause });
  }
  if (!verdict.ok) throw new TransactionServiceError(verdict.reason === "not_owner" ? "not_owner" : "bad_signature", verdict.message, { details: `The council Safe refuses ${owner}'s ${kind} signature (${verdict.reason}).` });
}
