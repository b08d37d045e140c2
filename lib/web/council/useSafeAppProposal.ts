"use client";

import { useCallback, useEffect, useState } from "react";
import type { Address, Hex } from "viem";
import { useConfig, useConnection } from "wagmi";
import { call, sendTransaction } from "wagmi/actions";

import { explainError, type ExplainedError } from "../errors.ts";
import { SAFE_CONNECTOR_TYPE } from "../wagmi.ts";
import { safeAppStanding, type SafeAppStanding } from "./safeApp.ts";

/** Where a proposal to the Safe's queue is. */
export type SafeAppProposalState =
  | { status: "idle" }
  | { status: "checking" }
  /** Safe{Wallet} shows the transaction for the owner to review and queue. */
  | { status: "proposing" }
  | { status: "proposed"; safeTxHash: Hex }
  | { status: "failed"; error: ExplainedError };

/**
 * The Safe the app runs in, when it runs as a Safe App (connected through wagmi's Safe
 * connector): that Safe's address and chain. `undefined` for any other wallet or none.
 */
export function useSafeAppConnection(): { safe: Address; chainId: number } | undefined {
  const { connector, address, chainId, status } = useConnection();
  if (status !== "connected" || connector?.type !== SAFE_CONNECTOR_TYPE || !address) return undefined;
  return { safe: address, chainId };
}

export interface UseSafeAppProposalParameters {
  /** The council Safe and the chain the decision is made on. */
  council: Address;
  chainId: number;
  /** The decision's call: the same target, calldata and value the owners' signature flow signs. */
  call: { to: Address; data: Hex; value: bigint };
}

/**
 * Proposes a council decision into the Safe's own queue when the app runs inside Safe{Wallet} as
 * the council Safe: the decision's call goes out as the Safe's transaction (the Safe connector
 * turns it into the SDK's `sendTransactions`), Safe{Wallet} queues it for the owners to confirm
 * there, and answers with its safeTxHash. The call is first made as the Safe, so one that would
 * revert now (the change expired, the chain is already paused…) is explained and not proposed.
 */
export function useSafeAppProposal({ council, chainId, call: decisionCall }: UseSafeAppProposalParameters) {
  const config = useConfig();
  const connection = useSafeAppConnection();
  const standing: SafeAppStanding | undefined = connection && safeAppStanding(connection, { council, chainId });
  const [state, setState] = useState<SafeAppProposalState>({ status: "idle" });
  // Another Safe or chain: the previous outcome is not this one's.
  useEffect(() => setState({ status: "idle" }), [connection?.safe, connection?.chainId]);

  const { to, data, value } = decisionCall;
  const propose = useCallback(async () => {
    if (standing?.kind !== "council") return;
    setState({ status: "checking" });
    try {
      await call(config, { chainId, account: council, to, data, value });
    } catch (error) {
      setState({ status: "failed", error: explainError(error) });
      return;
    }
    setState({ status: "proposing" });
    try {
      // Through the Safe connector this returns the safeTxHash Safe{Wallet} answered, not a transaction hash.
      const safeTxHash = await sendTransaction(config, { chainId, to, data, value });
      setState({ status: "proposed", safeTxHash });
    } catch (error) {
      setState({ status: "failed", error: explainError(error) });
    }
  }, [config, standing?.kind, chainId, council, to, data, value]);

  const busy = state.status === "checking" || state.status === "proposing";
  return { connection, standing, state, propose, busy };
}
