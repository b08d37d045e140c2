"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { zeroAddress, type Address } from "viem";
import { useConfig, useConnection, useReadContracts } from "wagmi";
import { getBlock, readContract, signTypedData } from "wagmi/actions";

import { superchainTokenAbi } from "../../contracts/index.ts";
import { delegationTypedData, domainOf } from "../../governance/bySignature.ts";
import { explainError, type ExplainedError } from "../errors.ts";
import type { SendRoute } from "../relay/client.ts";
import { useSignedRelay } from "../relay/useSignedRelay.ts";
import { useTransaction } from "../useTransaction.ts";

/** How long a signed delegation stays valid: long enough for the relay, short enough not to linger. */
const DELEGATION_SIGNATURE_LIFETIME_SECONDS = 3_600n;

export interface UseDelegationParameters {
  hubChainId: number;
  token: Address;
}

/** The connected account's position on the token: what it holds, whom it delegates to, its votes. */
export interface DelegationPosition {
  balance: bigint;
  /** The zero address while the account has never delegated. */
  delegatee: Address;
  votes: bigint;
}

/**
 * The connected account's delegation and the write that changes it, in one place: its balance,
 * delegate and voting power (three token reads, batched), and `delegate(to, route)`: the account's
 * own `delegate` transaction, or gasless — it signs a `Delegation` (EIP-712, its current nonce,
 * valid for an hour of chain time) and the app's relayer sends `delegateBySig`. After a confirmed
 * delegation the account's figures and the page's server data (the ranking) are read again.
 *
 * @example
 * const delegation = useDelegation({ hubChainId: 900, token })
 * await delegation.delegate(delegation.account!) // delegate to oneself
 */
export function useDelegation({ hubChainId, token }: UseDelegationParameters) {
  const { address } = useConnection();
  const router = useRouter();
  const config = useConfig();
  const own = useTransaction();
  const relayed = useSignedRelay();
  const contract = { address: token, abi: superchainTokenAbi, chainId: hubChainId } as const;
  const account = address ?? zeroAddress;
  const reads = useReadContracts({
    contracts: [
      { ...contract, functionName: "balanceOf", args: [account] },
      { ...contract, functionName: "delegates", args: [account] },
      { ...contract, functionName: "getVotes", args: [account] },
    ],
    allowFailure: false,
    query: { enabled: Boolean(address) },
  });
  const { refetch } = reads;

  const delegate = useCallback(
    async (delegatee: Address, route: SendRoute = "wallet"): Promise<boolean> => {
      const ok =
        route === "relay"
          ? await relayed.send(hubChainId, async (delegator) => {
              const contract = { chainId: hubChainId, address: token, abi: superchainTokenAbi } as const;
              const [nonce, domain, block] = await Promise.all([
                readContract(config, { ...contract, functionName: "nonces", args: [delegator] }),
                readContract(config, { ...contract, functionName: "eip712Domain" }),
                getBlock(config, { chainId: hubChainId }),
              ]);
              const expiry = block.timestamp + DELEGATION_SIGNATURE_LIFETIME_SECONDS;
              const signature = await signTypedData(config, { account: delegator, ...delegationTypedData(domainOf(domain), { delegatee, nonce, expiry }) });
              return {
                path: "/api/relay/delegate",
                body: { chainId: hubChainId, delegator, delegatee, nonce: nonce.toString(), expiry: expiry.toString(), signature },
              };
            })
          : await own.send({ chainId: hubChainId, address: token, abi: superchainTokenAbi, functionName: "delegate", args: [delegatee] });
      if (ok) {
        await refetch();
        router.refresh();
      }
      return ok;
    },
    [own.send, relayed.send, config, hubChainId, token, refetch, router],
  );

  const [balance, delegatee, votes] = reads.data ?? [];
  const position: DelegationPosition | undefined =
    balance !== undefined && delegatee !== undefined && votes !== undefined ? { balance, delegatee, votes } : undefined;
  const error: ExplainedError | undefined = reads.error ? explainError(reads.error) : undefined;
  return { account: address, position, error, delegate, own: own.state, relayed: relayed.state, busy: own.busy || relayed.busy };
}
