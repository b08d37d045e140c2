"use client";

import { useCallback, useState } from "react";
import type { Address } from "viem";

import { spokeTokenAbi, spokeVotePoolAbi, superchainTokenAbi } from "../../contracts/index.ts";
import type { WebSpoke } from "../deployment.ts";
import { fetchProvenCall } from "../provenCalls/client.ts";
import { useTransaction, type TransactionState } from "../useTransaction.ts";
import type { TransferWithState } from "./transfers.ts";
import { fromPreparedJson, type PrepareRefusalCode } from "./wire.ts";

export interface UseBridgeActionsParameters {
  hubChainId: number;
  memberChainId: number;
  hubToken: Address;
  spoke: WebSpoke;
  /** The hub allowance the pool has now: an approval is asked only when it is short. */
  allowance: bigint | undefined;
  /** Reads balances and transfers again after a confirmed write. */
  refresh: () => Promise<unknown>;
}

/** A write's state and the label its status line shows (deposits go through two writes). */
export interface LabelledState {
  state: TransactionState;
  label: string;
  busy: boolean;
}

const REFUSAL_NAMES: Partial<Record<PrepareRefusalCode, string>> = { not_yet_provable: "NotYetProvable" };

/**
 * Every bridge write, each with its own status: `deposit` (approve the pool on the hub when the
 * allowance is short, then deposit), `withdraw` (burn on the member chain), `finalize` (fetch the
 * proven call from `/api/bridge/prepare`, then send it on the destination chain) and `delegate`
 * (on the member chain's SpokeToken, where deposits arrive undelegated). `useTransaction` switches
 * the wallet to each write's chain.
 */
export function useBridgeActions({ hubChainId, memberChainId, hubToken, spoke, allowance, refresh }: UseBridgeActionsParameters) {
  const depositTx = useTransaction();
  const withdrawTx = useTransaction();
  const finalizeTx = useTransaction();
  const delegateTx = useTransaction();
  const [depositLabel, setDepositLabel] = useState("Deposit");
  const [finalizing, setFinalizing] = useState<{ key: string; label: string; prepare?: TransactionState } | undefined>(undefined);

  const deposit = useCallback(
    async (amount: bigint, recipient: Address): Promise<boolean> => {
      if (allowance === undefined || allowance < amount) {
        setDepositLabel("Approval");
        const approved = await depositTx.send({ chainId: hubChainId, address: hubToken, abi: superchainTokenAbi, functionName: "approve", args: [spoke.pool, amount] });
        if (!approved) return false;
      }
      setDepositLabel("Deposit");
      const ok = await depositTx.send({ chainId: hubChainId, address: spoke.pool, abi: spokeVotePoolAbi, functionName: "deposit", args: [amount, recipient] });
      await refresh();
      return ok;
    },
    [allowance, depositTx, hubChainId, hubToken, spoke.pool, refresh],
  );

  const withdraw = useCallback(
    async (amount: bigint, recipient: Address): Promise<boolean> => {
      const ok = await withdrawTx.send({ chainId: memberChainId, address: spoke.token, abi: spokeTokenAbi, functionName: "withdraw", args: [amount, recipient] });
      await refresh();
      return ok;
    },
    [withdrawTx, memberChainId, spoke.token, refresh],
  );

  const finalize = useCallback(
    async (transfer: Pick<TransferWithState, "kind" | "id" | "chainId">): Promise<boolean> => {
      const key = `${transfer.kind}:${transfer.id}`;
      const label = `Finalize ${transfer.kind} #${transfer.id}`;
      finalizeTx.reset();
      setFinalizing({ key, label, prepare: { status: "simulating" } });
      const query = new URLSearchParams({ kind: transfer.kind, chainId: String(transfer.chainId), id: transfer.id.toString() });
      const fetched = await fetchProvenCall({
        url: `/api/bridge/prepare?${query}`,
        parse: fromPreparedJson,
        names: REFUSAL_NAMES,
        mismatch: "The server's answer was not a finalization of this transfer; nothing was sent.",
      });
      if (!fetched.ok) {
        setFinalizing({ key, label, prepare: fetched.state });
        return false;
      }
      const write = fetched.write;
      setFinalizing({ key, label });
      const ok = write.functionName === "finalizeDeposit" ? await finalizeTx.send(write) : await finalizeTx.send(write);
      await refresh();
      return ok;
    },
    [finalizeTx, refresh],
  );

  const delegate = useCallback(
    async (to: Address): Promise<boolean> => {
      const ok = await delegateTx.send({ chainId: memberChainId, address: spoke.token, abi: spokeTokenAbi, functionName: "delegate", args: [to] });
      await refresh();
      return ok;
    },
    [delegateTx, memberChainId, spoke.token, refresh],
  );

  const finalizeState = finalizing?.prepare ?? finalizeTx.state;
  const finalizeBusy = finalizing?.prepare?.status === "simulating" || finalizeTx.busy;
  return {
    deposit,
    withdraw,
    finalize,
    delegate,
    depositStatus: { state: depositTx.state, label: depositLabel, busy: depositTx.busy } satisfies LabelledState,
    withdrawStatus: { state: withdrawTx.state, label: "Withdrawal", busy: withdrawTx.busy } satisfies LabelledState,
    /** The transfer being (or last) finalized, by `kind:id`. */
    finalizingKey: finalizing?.key,
    finalizeStatus: { state: finalizeState, label: finalizing?.label ?? "Finalization", busy: finalizeBusy } satisfies LabelledState,
    delegateStatus: { state: delegateTx.state, label: "Delegation", busy: delegateTx.busy } satisfies LabelledState,
  };
}
