"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { Address, Hex } from "viem";
import { useConfig, useConnection, useSignTypedData } from "wagmi";
import { call } from "wagmi/actions";

import { reviewCouncilTransaction } from "../../council/typedData.ts";
import type { SafeTxData } from "../../council/types.ts";
import { explainError, type ExplainedError } from "../errors.ts";
import { useTransaction, type TransactionState } from "../useTransaction.ts";
import { normalizeSignature } from "../../council/managers/signatures.ts";
import { councilSafeAbi, encodeExecSignatures } from "./safeTx.ts";
import { proposeBody, proposeUrl } from "./transactionService/client.ts";

/** Where an off-chain signature is: asked of the wallet, then handed to the signature store. */
export type SignatureState =
  | { status: "idle" }
  | { status: "signing" }
  | { status: "submitting" }
  | { status: "stored" }
  | { status: "failed"; error: ExplainedError };

export interface UseCouncilDecisionParameters {
  safe: Address;
  chainId: number;
  safeTx: SafeTxData;
  /** Accepted signatures and on-chain approvals: what `execute` hands the Safe. */
  signatures: ReadonlyArray<{ owner: Address; signature: Hex }>;
  approvedOnChain: readonly Address[];
}

/** The transaction service's refusal (`{ nonFieldErrors: [message], reason }` or `{ detail, reason }`) as the app shows errors. */
async function serviceRefusal(response: Response): Promise<ExplainedError> {
  const body = (await response.json().catch(() => undefined)) as { nonFieldErrors?: string[]; detail?: string; reason?: string } | undefined;
  return { name: body?.reason ?? `HTTP ${response.status}`, sentence: body?.nonFieldErrors?.[0] ?? body?.detail ?? "The transaction service refused the signature." };
}

/**
 * Every council action on one Safe transaction, in one place: the review a signer checks (hashes
 * computed here, in the browser, from the very typed data the wallet is asked to sign), signing
 * (EIP-712 through the wallet, then proposed to the app's Safe Transaction Service–compatible API,
 * where api-kit and Safe{Wallet} users see it too), `approveHash` and
 * `execTransaction` (through `useTransaction`, after the inner call is checked on its own). The
 * page's server data is refreshed after each.
 */
export function useCouncilDecision({ safe, chainId, safeTx, signatures, approvedOnChain }: UseCouncilDecisionParameters) {
  const router = useRouter();
  const review = useMemo(() => reviewCouncilTransaction({ safe, chainId, data: safeTx }), [safe, chainId, safeTx]);
  const signTypedData = useSignTypedData();
  const [signature, setSignature] = useState<SignatureState>({ status: "idle" });
  const approval = useTransaction();
  const execution = useTransaction();
  // The inner call, checked before execTransaction is even simulated (see `execute`).
  const [innerCheck, setInnerCheck] = useState<TransactionState | undefined>();
  const config = useConfig();
  const { address } = useConnection();
  const { reset: resetApproval } = approval;
  // Another account in the wallet: the previous account's outcome is not this one's.
  useEffect(() => {
    setSignature({ status: "idle" });
    setInnerCheck(undefined);
    resetApproval();
  }, [address, resetApproval]);

  const sign = useCallback(async () => {
    try {
      setSignature({ status: "signing" });
      const signed = await signTypedData.mutateAsync(review.typedData);
      setSignature({ status: "submitting" });
      // Proposing a transaction the service already holds adds this owner's confirmation to it.
      const response = await fetch(proposeUrl(chainId, safe), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(proposeBody({ safeTx, safeTxHash: review.safeTxHash, sender: address!, signature: normalizeSignature(signed) ?? signed })),
      });
      if (!response.ok) {
        setSignature({ status: "failed", error: await serviceRefusal(response) });
        return;
      }
      setSignature({ status: "stored" });
      router.refresh();
    } catch (error) {
      setSignature({ status: "failed", error: explainError(error) });
    }
  }, [signTypedData, review, safe, chainId, safeTx, address, router]);

  const { send: sendApproval } = approval;
  const approveOnChain = useCallback(async () => {
    const ok = await sendApproval({ chainId, address: safe, abi: councilSafeAbi, functionName: "approveHash", args: [review.safeTxHash] });
    if (ok) router.refresh();
  }, [sendApproval, chainId, safe, review, router]);

  const { send: sendExecution } = execution;
  const execute = useCallback(async () => {
    // A council transaction has safeTxGas = gasPrice = 0, so when its call reverts the Safe
    // reverts with GS013 and hides why. Make the call as the Safe first: its own error (the
    // change expired, the chain is already paused…) is the one to show, and nothing is sent.
    setInnerCheck({ status: "simulating" });
    try {
      await call(config, { chainId, account: safe, to: safeTx.to, data: safeTx.data, value: safeTx.value });
    } catch (error) {
      setInnerCheck({ status: "failed", error: explainError(error) });
      return;
    }
    setInnerCheck(undefined);
    const packed = encodeExecSignatures([...signatures, ...approvedOnChain.map((owner) => ({ owner, onChain: true as const }))]);
    const { to, value, data, operation, safeTxGas, baseGas, gasPrice, gasToken, refundReceiver } = safeTx;
    const ok = await sendExecution({
      chainId,
      address: safe,
      abi: councilSafeAbi,
      functionName: "execTransaction",
      args: [to, value, data, operation, safeTxGas, baseGas, gasPrice, gasToken, refundReceiver, packed],
    });
    if (ok) router.refresh();
  }, [config, signatures, approvedOnChain, safeTx, sendExecution, chainId, safe, router]);

  return {
    review,
    signature,
    sign,
    approval,
    approveOnChain,
    execution: { ...execution, state: innerCheck ?? execution.state, busy: innerCheck?.status === "simulating" || execution.busy },
    execute,
  };
}
