"use client";

import { useCallback, useState } from "react";

import { useTransaction, type TransactionState } from "../useTransaction.ts";
import { learnWriteFromJson, relayWriteFromJson, type CrosschainAction, type CrosschainRefusalJson, type ExpectedCall } from "./crosschainWire.ts";

/** Where a proven call is: preparing on the server, refused by it, or the transaction's own state. */
export interface ProvenCallStatus {
  state: TransactionState;
  busy: boolean;
  /** The server's refusal code (e.g. `not_yet_provable`, `nothing_to_relay`), when it refused. */
  refusal: CrosschainRefusalJson["error"]["code"] | undefined;
}

const failed = (name: string, sentence: string): TransactionState => ({ status: "failed", error: { name, sentence } });

const REFUSAL_NAMES: Partial<Record<CrosschainRefusalJson["error"]["code"], string>> = {
  not_yet_provable: "NotYetProvable",
  nothing_to_relay: "NothingToRelay",
  already_known: "AlreadyKnown",
};

/**
 * A cross-chain call proven on the server: fetches it from `/api/crosschain/<action>` (the
 * browser never asks a node for `eth_getProof`), checks the answer is the call the page asked
 * for, and sends it with `useTransaction` on its chain. The server's refusal ("waiting for the
 * next commitment", "nothing to relay") shows in the same status line as the transaction.
 *
 * @example
 * const relay = useProvenCall("relay")
 * await relay.run({ chainId: hub, address: spoke.pool, proposalId }, memberChainId)
 */
export function useProvenCall(action: CrosschainAction) {
  const tx = useTransaction();
  const { send, reset } = tx;
  const [prepare, setPrepare] = useState<{ state: TransactionState; refusal?: ProvenCallStatus["refusal"] } | undefined>(undefined);

  const run = useCallback(
    async (expected: ExpectedCall, memberChainId: number): Promise<boolean> => {
      reset();
      setPrepare({ state: { status: "simulating" } });
      const query = new URLSearchParams({ chainId: String(memberChainId), proposalId: expected.proposalId.toString() });
      let response: Response;
      try {
        response = await fetch(`/api/crosschain/${action}?${query}`, { cache: "no-store" });
      } catch {
        setPrepare({ state: failed("NetworkError", "The app's server did not answer; check your connection and try again.") });
        return false;
      }
      const body = (await response.json().catch(() => undefined)) as { call?: unknown } & Partial<CrosschainRefusalJson> | undefined;
      if (!response.ok) {
        const code = body?.error?.code;
        const message = body?.error?.message ?? `The server could not prepare the proof (HTTP ${response.status}).`;
        setPrepare({ state: failed((code && REFUSAL_NAMES[code]) ?? "PrepareFailed", message), refusal: code });
        return false;
      }
      const write = action === "learn" ? learnWriteFromJson(body?.call, expected) : relayWriteFromJson(body?.call, expected);
      if (!write) {
        setPrepare({ state: failed("PrepareFailed", "The server's answer was not the call this page asked for; nothing was sent.") });
        return false;
      }
      setPrepare(undefined);
      return write.functionName === "learnProposal" ? send(write) : send(write);
    },
    [action, send, reset],
  );

  const status: ProvenCallStatus = {
    state: prepare?.state ?? tx.state,
    busy: prepare?.state.status === "simulating" || tx.busy,
    refusal: prepare?.refusal,
  };
  return { run, status };
}
