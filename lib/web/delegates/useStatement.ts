"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState } from "react";
import type { Address } from "viem";
import { useConnection, useSignTypedData } from "wagmi";

import { explainError, type ExplainedError } from "../errors.ts";
import { delegateStatementTypedData, statementProblem, type StatementScope } from "./statement.ts";

/** Where a statement is: being signed by the wallet, then handed to the server. */
export type StatementState =
  | { status: "idle" }
  | { status: "signing" }
  | { status: "submitting" }
  | { status: "stored" }
  | { status: "failed"; error: ExplainedError };

/** The API's refusal (`{ error: { code, message } }`) as the app shows errors. */
async function refusal(response: Response): Promise<ExplainedError> {
  const body = (await response.json().catch(() => undefined)) as { error?: { code?: string; message?: string } } | undefined;
  return { name: body?.error?.code ?? `HTTP ${response.status}`, sentence: body?.error?.message ?? "The server refused the statement." };
}

/**
 * Signing and publishing the connected delegate's statement: the typed data is built here, in the
 * browser, from what the delegate typed (see `delegateStatementTypedData`), signed by the wallet
 * (EIP-712), then `PUT /api/delegates/[address]/statement`; the page's server data is refreshed
 * once it is stored. `issuedAt` is the browser's clock: a newer statement replaces the last.
 *
 * @example
 * const { publish, state } = useStatement({ scope: { hubChainId: 900, governor }, delegate })
 * await publish("# Why me", ["fees"])
 */
export function useStatement({ scope, delegate }: { scope: StatementScope; delegate: Address }) {
  const router = useRouter();
  const signTypedData = useSignTypedData();
  const { address } = useConnection();
  const [state, setState] = useState<StatementState>({ status: "idle" });
  // Another account in the wallet: the previous account's outcome is not this one's.
  useEffect(() => setState({ status: "idle" }), [address]);

  const publish = useCallback(
    async (statement: string, topics: readonly string[]): Promise<boolean> => {
      const problem = statementProblem(statement, topics);
      if (problem) {
        setState({ status: "failed", error: { name: "InvalidStatement", sentence: problem } });
        return false;
      }
      try {
        setState({ status: "signing" });
        const issuedAt = Math.floor(Date.now() / 1000);
        const signature = await signTypedData.mutateAsync(delegateStatementTypedData(scope, { delegate, statement, topics, issuedAt: BigInt(issuedAt) }));
        setState({ status: "submitting" });
        const response = await fetch(`/api/delegates/${delegate}/statement`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ statement, topics, issuedAt, signature }),
        });
        if (!response.ok) {
          setState({ status: "failed", error: await refusal(response) });
          return false;
        }
        setState({ status: "stored" });
        router.refresh();
        return true;
      } catch (error) {
        setState({ status: "failed", error: explainError(error) });
        return false;
      }
    },
    [signTypedData, scope, delegate, router],
  );

  return { publish, state, busy: state.status === "signing" || state.status === "submitting" };
}
