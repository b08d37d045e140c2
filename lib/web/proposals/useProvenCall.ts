"use client";

import { useCallback, useState } from "react";

import { fetchProvenCall } from "../provenCalls/client.ts";
import { useTransaction, type TransactionState } from "../useTransaction.ts";
import { learnWriteFromJson, relayWriteFromJson, type CrosschainAction, type CrosschainRefusalCode, type ExpectedCall } from "./crosschainWire.ts";

/** Where a proven call is: preparing on the server, refused by it, or the transaction's own state. */
export interface ProvenCallStatus {
  state: TransactionState;
  busy: boolean;
  /** The server's refusal code (e.g. `not_yet_provable`, `nothing_to_relay`), when it refused. */
  refusal: CrosschainRefusalCode | undefined;
}

const REFUSAL_NAMES: Partial<Record<CrosschainRefusalCode, string>> = {
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
      const fetched = await fetchProvenCall({
        url: `/api/crosschain/${action}?${query}`,
        parse: (call) => (action === "learn" ? learnWriteFromJson(call, expected) : relayWriteFromJson(call, expected)),
        names: REFUSAL_NAMES,
        mismatch: "The server's answer was not the call this page asked for; nothing was sent.",
      });
      if (!fetched.ok) {
        setPrepare({ state: fetched.state, refusal: fetched.refusal });
        return false;
      }
      const write = fetched.write;
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
