"use client";

import { useCallback, useState } from "react";
import type { Address } from "viem";
import { useConfig } from "wagmi";
import { getConnection, switchChain, waitForTransactionReceipt } from "wagmi/actions";

import { explainError } from "../errors.ts";
import { isBusy, type TransactionState } from "../useTransaction.ts";
import { postRelay, RelayRefusedError, type RelayRequest } from "./client.ts";

/**
 * A write the app's relayer pays for, with the same states as {@link useTransaction}: switch the
 * wallet to the chain the message is for (wallets sign typed data for their current chain), let
 * `sign` build and sign it, hand it to the relay, then follow the relayer's transaction to its
 * receipt. Resolves to true when it confirmed.
 *
 * @example
 * const { send } = useSignedRelay()
 * await send(901, async (account) => ({ path: "/api/relay/vote", body: await signBallot(account) }))
 */
export function useSignedRelay() {
  const config = useConfig();
  const [state, setState] = useState<TransactionState>({ status: "idle" });

  const send = useCallback(
    async (chainId: number, sign: (account: Address) => Promise<RelayRequest>): Promise<boolean> => {
      try {
        const connection = getConnection(config);
        if (!connection.address) throw new Error("Connect a wallet first.");
        if (connection.chainId !== chainId) {
          setState({ status: "switching", chainId });
          await switchChain(config, { chainId });
        }
        setState({ status: "signing" });
        const request = await sign(connection.address);
        setState({ status: "relaying" });
        const { hash } = await postRelay(request);
        setState({ status: "pending", hash });
        const receipt = await waitForTransactionReceipt(config, { hash, chainId, pollingInterval: 250 });
        if (receipt.status !== "success") {
          setState({ status: "failed", hash, error: { name: "Reverted", sentence: "The relayer's transaction was mined but reverted." } });
          return false;
        }
        setState({ status: "confirmed", hash, blockNumber: receipt.blockNumber });
        return true;
      } catch (error) {
        setState({ status: "failed", error: error instanceof RelayRefusedError ? { name: `Relay refused (${error.code})`, sentence: error.shortMessage } : explainError(error) });
        return false;
      }
    },
    [config],
  );

  return { state, send, busy: isBusy(state) };
}
