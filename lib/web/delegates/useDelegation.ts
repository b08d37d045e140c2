"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { zeroAddress, type Address } from "viem";
import { useConnection, useReadContracts } from "wagmi";

import { superchainTokenAbi } from "../../contracts/index.ts";
import { explainError, type ExplainedError } from "../errors.ts";
import { useTransaction } from "../useTransaction.ts";

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
 * delegate and voting power (three token reads, batched), and `delegate(to)` through
 * `useTransaction`. After a confirmed delegation the account's figures and the page's server
 * data (the ranking) are read again.
 *
 * @example
 * const delegation = useDelegation({ hubChainId: 900, token })
 * await delegation.delegate(delegation.account!) // delegate to oneself
 */
export function useDelegation({ hubChainId, token }: UseDelegationParameters) {
  const { address } = useConnection();
  const router = useRouter();
  const { state, send, busy } = useTransaction();
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
    async (delegatee: Address): Promise<boolean> => {
      const ok = await send({ chainId: hubChainId, address: token, abi: superchainTokenAbi, functionName: "delegate", args: [delegatee] });
      if (ok) {
        await refetch();
        router.refresh();
      }
      return ok;
    },
    [send, hubChainId, token, refetch, router],
  );

  const [balance, delegatee, votes] = reads.data ?? [];
  const position: DelegationPosition | undefined =
    balance !== undefined && delegatee !== undefined && votes !== undefined ? { balance, delegatee, votes } : undefined;
  const error: ExplainedError | undefined = reads.error ? explainError(reads.error) : undefined;
  return { account: address, position, error, delegate, state, busy };
}
