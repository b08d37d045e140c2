import { isAddressEqual, parseSignature, type Address, type PublicClient } from "viem";

import { superchainTokenAbi } from "../../../contracts/index.ts";
import { delegationTypedData, domainOf } from "../../../governance/bySignature.ts";
import { requireVotingMember } from "../../provenCalls/http.ts";
import type { RelayDelegationRequest } from "../../relay/wire.ts";
import type { Deployment } from "../deployment.ts";
import { refuseRelay, RelayApiError } from "./errors.ts";
import type { RelayCall } from "./send.ts";

/**
 * Checks a signed delegation against the token on its chain — the hub's SuperchainToken or a
 * member chain's SpokeToken, both OpenZeppelin Votes — (not expired, the delegator's current
 * nonce, the delegator's own signature, a change of delegate) and gives the `delegateBySig` call.
 *
 * @throws {RelayApiError} `unknown_chain`, `no_spoke`, `expired`, `stale_nonce`, `future_nonce`,
 *   `invalid_signature`, `already_delegated`, `chain_unreachable`.
 */
export async function prepareRelayedDelegation(deployment: Deployment, request: RelayDelegationRequest): Promise<RelayCall> {
  const { chainId, delegator, delegatee, nonce, expiry, signature } = request;
  const hub = chainId === deployment.manifest.hub.chainId;
  const token: Address = hub ? deployment.manifest.contracts.token : requireVotingMember(deployment, chainId, refuseRelay, "no_spoke").spoke.token;
  const client = deployment.client(chainId);
  // SpokeToken shares SuperchainToken's Votes interface: one ABI reads both.
  const contract = { address: token, abi: superchainTokenAbi } as const;
  const [current, delegated, domain, block] = await Promise.all([
    client.readContract({ ...contract, functionName: "nonces", args: [delegator] }),
    client.readContract({ ...contract, functionName: "delegates", args: [delegator] }),
    client.readContract({ ...contract, functionName: "eip712Domain" }),
    client.getBlock(),
  ]).catch((cause: unknown) => {
    throw new RelayApiError("chain_unreachable", `Could not read the token on chain ${chainId}.`, { cause });
  });
  if (expiry < block.timestamp) throw new RelayApiError("expired", `The delegation expired at ${expiry}; the chain's time is ${block.timestamp}. Sign it again.`);
  if (nonce < current) throw new RelayApiError("stale_nonce", `The delegation was signed with nonce ${nonce}, but ${delegator}'s nonce is ${current}: that signature was used or replaced.`);
  if (nonce > current) throw new RelayApiError("future_nonce", `The delegation was signed with nonce ${nonce}, but ${delegator}'s nonce is ${current}.`);
  const typedData = delegationTypedData(domainOf(domain), { delegatee, nonce, expiry });
  // delegateBySig recovers an ECDSA signer only (no ERC-1271): so does this check.
  const valid = await client.verifyTypedData({ address: delegator, signature, ...typedData } as unknown as Parameters<PublicClient["verifyTypedData"]>[0]).catch(() => false);
  if (!valid) throw new RelayApiError("invalid_signature", `The signature is not ${delegator}'s over a delegation to ${delegatee} with nonce ${nonce} and expiry ${expiry} on chain ${chainId}.`);
  if (isAddressEqual(delegated, delegatee)) throw new RelayApiError("already_delegated", `${delegator} already delegates to ${delegatee} on chain ${chainId}.`);
  const { v, r, s, yParity } = parseSignature(signature);
  return {
    chainId,
    dedupeKey: `delegate:${chainId}:${token}:${delegator}:${nonce}`,
    write: { address: token, abi: superchainTokenAbi, functionName: "delegateBySig", args: [delegatee, nonce, expiry, Number(v ?? BigInt(yParity + 27)), r, s] },
  };
}
