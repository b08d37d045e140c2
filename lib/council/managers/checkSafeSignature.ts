import { safe_1_4_1_ContractArtifacts } from "@safe-global/types-kit";
import {
  BaseError as ViemBaseError,
  ContractFunctionRevertedError,
  keccak256,
  slice,
  zeroAddress,
  type Address,
  type Chain,
  type Client,
  type Hex,
  type ReadContractErrorType,
  type Transport,
} from "viem";
import { readContract } from "viem/actions";

import { recoverSafeEcdsaSigner } from "../../safe/signatures.ts";
import { CouncilSignatureBytesError } from "../errors.ts";
import { toOwnerSignature, type OwnerSignature } from "../safeSignatures.ts";
import { reviewCouncilTransaction } from "../typedData.ts";
import type { SafeTxData } from "../types.ts";

/**
 * The transaction a signature is checked for: its Safe transaction (hashed here, as the Safe
 * hashes it), or the Safe's `encodeTransactionData` bytes directly (0x1901 ‖ domain ‖ struct).
 */
export type CheckOwnerSignatureSubject = { safe: Address } & ({ chainId: number; data: SafeTxData; txHashData?: never } | { txHashData: Hex; chainId?: never; data?: never });

/** Why the Safe would not count a signature; branch on `reason`, show `message`. */
export type OwnerSignatureRefusal =
  /** Not one well-formed standalone Safe signature of its kind (wrong length, bad offset, unknown v, …). */
  | "malformed"
  /** The bytes are not for this Safe on this chain: their domain is not the Safe's `domainSeparator()`. */
  | "wrong_domain"
  /** The owner it names is not a current owner of the Safe. */
  | "not_owner"
  /** An ECDSA signature that does not recover, over this safeTxHash, to the owner it is attributed to. */
  | "bad_signature"
  /** The contract owner's `isValidSignature` did not accept it (EIP-1271: GS024, or the owner reverted). */
  | "invalid_contract_signature"
  /** An approved-hash entry whose owner never called `approveHash` for this safeTxHash (GS025). */
  | "hash_not_approved";

export type CheckOwnerSignatureReturnType = { ok: true } | { ok: false; reason: OwnerSignatureRefusal; message: string };

/** Only transport and node failures throw; every refusal is a result. */
export type CheckOwnerSignatureErrorType = ReadContractErrorType;

/**
 * Checks ONE owner's standalone signature exactly as Safe 1.4.1 will at execution: an `eth_call`
 * of the Safe's own `checkNSignatures(safeTxHash, txHashData, signature, 1)`, so EIP-1271 owners
 * (nested Safes), `approveHash` owners and eth_sign / EIP-712 owners all pass or fail on the
 * chain's verdict, not a re-implementation. Called from the zero address, so an approved-hash
 * entry passes only through `approvedHashes(owner, hash)`, never because the caller is the
 * owner. The domain in `txHashData` must be the Safe's `domainSeparator()` (the check itself
 * would accept a signature of any hash). Checks before the call give precise reasons, in order:
 * the bytes' shape, the domain, whom an ECDSA signature recovers to, ownership.
 *
 * @example
 * const verdict = await checkOwnerSignature(publicClient, { safe, chainId, data }, ownerSignature)
 * if (!verdict.ok) refuse(verdict.reason, verdict.message)
 */
export async function checkOwnerSignature(
  client: Client<Transport, Chain | undefined>,
  subject: CheckOwnerSignatureSubject,
  signature: OwnerSignature,
): Promise<CheckOwnerSignatureReturnType> {
  const txHashData = (subject.txHashData ?? reviewCouncilTransaction({ safe: subject.safe, chainId: subject.chainId, data: subject.data }).txHashData).toLowerCase() as Hex;
  const safeTxHash = keccak256(txHashData);
  const shape = checkShape(signature);
  if (!shape.ok) return shape;

  const read = { address: subject.safe, abi: safe_1_4_1_ContractArtifacts.abi, account: zeroAddress } as const;
  const [domainSeparator, isOwner] = await Promise.all([
    readContract(client, { ...read, functionName: "domainSeparator" }),
    readContract(client, { ...read, functionName: "isOwner", args: [signature.owner] }),
  ]);
  if (txHashData.length !== 2 + 66 * 2 || slice(txHashData, 0, 2) !== "0x1901" || slice(txHashData, 2, 34) !== domainSeparator) {
    return refuse("wrong_domain", `The signed data is not a transaction of the Safe ${subject.safe} on this chain (domain ${domainSeparator}).`);
  }
  const signer = await checkSigner(safeTxHash, signature);
  if (!signer.ok) return signer;
  if (!isOwner) return refuse("not_owner", `${signature.owner} is not an owner of the Safe ${subject.safe}.`);
  try {
    await readContract(client, { ...read, functionName: "checkNSignatures", args: [safeTxHash, txHashData, signature.signature, 1n] });
    return { ok: true };
  } catch (error) {
    const reverted = error instanceof ViemBaseError ? error.walk((cause) => cause instanceof ContractFunctionRevertedError) : null;
    if (!(reverted instanceof ContractFunctionRevertedError)) throw error;
    return refusalOf(signature, reverted.reason);
  }
}

/** One well-formed standalone signature of the kind it claims, naming its owner where its kind does. */
function checkShape(signature: OwnerSignature): CheckOwnerSignatureReturnType {
  let standalone: OwnerSignature;
  try {
    standalone = toOwnerSignature(signature.owner, signature.signature);
  } catch (error) {
    if (error instanceof CouncilSignatureBytesError) return refuse("malformed", error.shortMessage);
    throw error;
  }
  if (standalone.kind !== signature.kind) return refuse("malformed", `${signature.owner}'s signature is a ${standalone.kind} signature, not a ${signature.kind} one.`);
  return { ok: true };
}

/** Whom an ECDSA signature recovers to over `safeTxHash`: the owner it is attributed to, or refused. */
async function checkSigner(safeTxHash: Hex, signature: OwnerSignature): Promise<CheckOwnerSignatureReturnType> {
  if (signature.kind !== "ecdsa" && signature.kind !== "ethSign") return { ok: true };
  const recovered = await recoverSafeEcdsaSigner(signature.signature, safeTxHash);
  if (recovered?.toLowerCase() !== signature.owner.toLowerCase()) {
    return refuse("bad_signature", recovered ? `The signature recovers to ${recovered}, not ${signature.owner}: it signs other data or comes from another key.` : "The signature does not recover to an address.");
  }
  return { ok: true };
}

/** A revert of `checkNSignatures` for an owner of the Safe, by kind and the Safe's GS code. */
function refusalOf({ owner, kind }: OwnerSignature, reason: string | undefined): CheckOwnerSignatureReturnType {
  const code = reason ?? "a revert without reason";
  switch (kind) {
    case "contract":
      // The owner's own revert (a nested Safe's GS0xx) surfaces here too: all mean "not accepted".
      return refuse("invalid_contract_signature", `The contract owner ${owner} did not accept the signature (${code}).`);
    case "approvedHash":
      return reason === "GS025"
        ? refuse("hash_not_approved", `${owner} has not approved this transaction's hash on-chain (GS025).`)
        : refuse("bad_signature", `The Safe refused ${owner}'s approval (${code}).`);
    default:
      return reason === "GS026" ? refuse("not_owner", `The signature does not name an owner of the Safe (GS026).`) : refuse("bad_signature", `The Safe refused ${owner}'s signature (${code}).`);
  }
}

const refuse = (reason: OwnerSignatureRefusal, message: string): CheckOwnerSignatureReturnType => ({ ok: false, reason, message });
