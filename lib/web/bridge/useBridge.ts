"use client";

import { useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { zeroAddress, type Address } from "viem";
import { useConnection, usePublicClient, useReadContracts } from "wagmi";

import { spokeTokenAbi, superchainTokenAbi } from "../../contracts/index.ts";
import type { WebSpoke } from "../deployment.ts";
import { explainError, type ExplainedError } from "../errors.ts";
import { readTransfers, type ReadTransfersReturnType } from "./readTransfers.ts";

/** How often the page looks again while a transfer waits for a commitment (a commitment is ~20 s on the devnet). */
export const BRIDGE_POLL_MS = 3_000;

/** Poll only while a transfer waits for a commitment: ready and finalized ones change only by a write, which refreshes. */
const pollWhileWaiting = (data: ReadTransfersReturnType | undefined): number | false =>
  data?.transfers.some((transfer) => transfer.state === "initiated" || transfer.state === "waiting") ? BRIDGE_POLL_MS : false;

export interface UseBridgeParameters {
  /** Keys client state by deployment, so a restarted devnet starts fresh. */
  deploymentId: string;
  hubChainId: number;
  memberChainId: number;
  /** The hub's voting token (the one deposits escrow). */
  hubToken: Address;
  outputOracle: Address;
  spoke: WebSpoke;
}

/** The connected account on both sides of one bridge. */
export interface BridgeBalances {
  hub: bigint;
  /** What the pool may pull from the account on the hub (deposits approve up to the amount). */
  allowance: bigint;
  member: bigint;
  /** The account's delegate on the member chain: the zero address until it delegates there. */
  memberDelegate: Address;
  memberVotes: bigint;
}

/**
 * The connected account's side of one hub ↔ member bridge: balances on both chains (one
 * multicall per chain) and its transfers with their states (four log queries and the two newest
 * commitments, see `readTransfers`). Transfers are read again every few seconds while one waits
 * for a commitment, so it turns ready without a reload; everything is read again on `refresh()`
 * after a write, and when the window regains focus.
 */
export function useBridge({ deploymentId, hubChainId, memberChainId, hubToken, outputOracle, spoke }: UseBridgeParameters) {
  const { address } = useConnection();
  const account = address ?? zeroAddress;
  const hub = usePublicClient({ chainId: hubChainId });
  const member = usePublicClient({ chainId: memberChainId });
  const onHub = { address: hubToken, abi: superchainTokenAbi, chainId: hubChainId } as const;
  const onMember = { address: spoke.token, abi: spokeTokenAbi, chainId: memberChainId } as const;
  const reads = useReadContracts({
    contracts: [
      { ...onHub, functionName: "balanceOf", args: [account] },
      { ...onHub, functionName: "allowance", args: [account, spoke.pool] },
      { ...onMember, functionName: "balanceOf", args: [account] },
      { ...onMember, functionName: "delegates", args: [account] },
      { ...onMember, functionName: "getVotes", args: [account] },
    ],
    allowFailure: false,
    query: { enabled: Boolean(address) },
  });
  const transfers = useQuery<ReadTransfersReturnType>({
    queryKey: ["bridge-transfers", deploymentId, memberChainId, account],
    queryFn: () => readTransfers({ hub: hub!, member: member! }, { account, memberChainId, spoke, outputOracle }),
    enabled: Boolean(address && hub && member),
    refetchInterval: (query) => pollWhileWaiting(query.state.data),
  });

  const { refetch: refetchBalances } = reads;
  const { refetch: refetchTransfers } = transfers;
  const refresh = useCallback(async () => {
    await Promise.all([refetchBalances(), refetchTransfers()]);
  }, [refetchBalances, refetchTransfers]);

  const [hubBalance, allowance, memberBalance, memberDelegate, memberVotes] = reads.data ?? [];
  const balances: BridgeBalances | undefined =
    hubBalance !== undefined && allowance !== undefined && memberBalance !== undefined && memberDelegate !== undefined && memberVotes !== undefined
      ? { hub: hubBalance, allowance, member: memberBalance, memberDelegate, memberVotes }
      : undefined;
  const balancesError: ExplainedError | undefined = reads.error ? explainError(reads.error) : undefined;
  const transfersError: ExplainedError | undefined = transfers.error ? explainError(transfers.error) : undefined;
  return {
    account: address,
    balances,
    balancesError,
    transfers: transfers.data?.transfers,
    commitments: transfers.data?.commitments,
    transfersLoading: transfers.isPending && Boolean(address),
    transfersError,
    refresh,
  };
}
