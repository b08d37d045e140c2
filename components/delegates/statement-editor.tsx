"use client";

import { useState, type FormEvent } from "react";
import { isAddressEqual, type Address } from "viem";
import { useConnection } from "wagmi";

import { ChainGate } from "@/components/wallet/chain-gate.tsx";
import { parseTopics, STATEMENT_LIMITS, type StatementScope } from "@/lib/web/delegates/statement.ts";
import { useStatement, type StatementState } from "@/lib/web/delegates/useStatement.ts";

type Props = {
  scope: StatementScope;
  delegate: Address;
  current: { statement: string; topics: readonly string[] } | undefined;
};

function Status({ state }: { state: StatementState }) {
  if (state.status === "idle") return null;
  if (state.status === "failed") {
    return (
      <p role="alert" className="text-sm font-medium text-red-700" data-statement-status="failed">
        Not published: {state.error.sentence}
      </p>
    );
  }
  const words = { signing: "Waiting for your wallet's signature…", submitting: "Publishing…", stored: "Published. Your statement is shown below and on the delegates list." } as const;
  return (
    <p role="status" className="text-sm text-muted" data-statement-status={state.status}>
      {words[state.status]}
    </p>
  );
}

/**
 * The connected delegate's own statement editor: Markdown and topics, signed with the wallet
 * (EIP-712, no transaction, no gas) and published. Shown only to the account the profile is for.
 */
export function StatementEditor({ scope, delegate, current }: Props) {
  const { address } = useConnection();
  const { publish, state, busy } = useStatement({ scope, delegate });
  const [statement, setStatement] = useState(current?.statement ?? "");
  const [topics, setTopics] = useState(current?.topics.join(", ") ?? "");
  if (!address || !isAddressEqual(address, delegate)) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await publish(statement, parseTopics(topics));
  };
  const bytes = new TextEncoder().encode(statement).byteLength;
  return (
    <section aria-labelledby="statement-editor-title" className="card space-y-3">
      <h2 id="statement-editor-title" className="text-lg font-semibold">
        {current ? "Edit your statement" : "Write your statement"}
      </h2>
      <p className="text-sm text-muted">
        Tell holders why to delegate to you. You sign it with your wallet (no transaction, no gas); it replaces your previous statement.
      </p>
      <ChainGate chainId={scope.hubChainId} action="sign your statement">
        <form noValidate onSubmit={submit} className="space-y-3">
          <div className="space-y-1">
            <label htmlFor="statement-text" className="block text-sm font-medium">
              Statement (Markdown)
            </label>
            <textarea
              id="statement-text"
              className="field min-h-40 font-mono text-sm"
              value={statement}
              aria-describedby="statement-size"
              onChange={(event) => setStatement(event.target.value)}
            />
            <p id="statement-size" className={`text-xs ${bytes > STATEMENT_LIMITS.statementBytes ? "text-red-700" : "text-muted"}`}>
              {bytes.toLocaleString("en-US")} of {STATEMENT_LIMITS.statementBytes.toLocaleString("en-US")} bytes
            </p>
          </div>
          <div className="space-y-1">
            <label htmlFor="statement-topics" className="block text-sm font-medium">
              Topics you care about
            </label>
            <input
              id="statement-topics"
              className="field"
              value={topics}
              placeholder="fees, upgrades, decentralization"
              aria-describedby="statement-topics-hint"
              onChange={(event) => setTopics(event.target.value)}
            />
            <p id="statement-topics-hint" className="text-xs text-muted">
              Separated by commas; at most {STATEMENT_LIMITS.topics}, each up to {STATEMENT_LIMITS.topicLength} characters.
            </p>
          </div>
          <button type="submit" className="btn-primary" disabled={busy}>
            Sign and publish
          </button>
          <Status state={state} />
        </form>
      </ChainGate>
    </section>
  );
}
