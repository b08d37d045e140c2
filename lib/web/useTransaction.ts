"use client";

import { useCallback, useState } from "react";
import { encodeFunctionData, type Abi, type Address, type ContractFunctionArgs, type ContractFunctionName, type Hash } from "viem";
import { useConfig } from "wagmi";
import { estimateGas, getConnection, simulateContract, switchChain, waitForTransactionReceipt, writeContract } from "wagmi/actions";

import { withGasHeadroom } from "../rpc/gasHeadroom.ts";
import { explainError, type ExplainedError } from "./errors.ts";

/** Where one write is: every write in the app shows these states. */
export type TransactionState =
  | { status: "idle" }
  | { status: "switching"; chainId: number }
  | { status: "simulating" }
  | { status: "signing" }
  /** A signed message is with the app's relayer, which checks it and sends the transaction. */
  | { status: "relaying" }
  | { status: "pending"; hash: Hash }
  | { status: "confirmed"; hash: Hash; blockNumber: bigint }
  | { status: "failed"; error: ExplainedError; hash?: Hash };

export interface ContractWrite<
  abi extends Abi = Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable"> = ContractFunctionName<abi, "nonpayable" | "payable">,
> {
  chainId: number;
  address: Address;
  abi: abi;
  functionName: functionName;
  args: ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>;
  value?: bigint;
}

/** Whether a write is under way: its button stays disabled until it ends. */
export const isBusy = (state: TransactionState): boolean => ["switching", "simulating", "signing", "relaying", "pending"].includes(state.status);

/**
 * One contract write with its whole life: switch the wallet to the right chain, simulate (so a
 * revert is explained before the wallet asks anything), sign and send, wait for the receipt.
 * Resolves to true when the transaction confirmed.
 */
export function useTransaction() {
  const config = useConfig();
  const [state, setState] = useState<TransactionState>({ status: "idle" });

  const send = useCallback(
    async <const abi extends Abi, functionName extends ContractFunctionName<abi, "nonpayable" | "payable">>(
      write: ContractWrite<abi, functionName>,
    ): Promise<boolean> => {
      let hash: Hash | undefined;
      try {
        const connection = getConnection(config);
        if (!connection.address) throw new Error("Connect a wallet first.");
        if (connection.chainId !== write.chainId) {
          setState({ status: "switching", chainId: write.chainId });
          await switchChain(config, { chainId: write.chainId });
        }
        setState({ status: "simulating" });
        const { request } = await simulateContract(config, {
          ...(write as ContractWrite),
          account: connection.address,
        } as unknown as Parameters<typeof simulateContract>[1]);
        const estimate = await estimateGas(config, {
          chainId: write.chainId,
          account: connection.address,
          to: write.address,
          data: encodeFunctionData({ abi: write.abi, functionName: write.functionName, args: write.args } as Parameters<typeof encodeFunctionData>[0]),
          ...(write.value === undefined ? {} : { value: write.value }),
        });
        setState({ status: "signing" });
        hash = await writeContract(config, { ...(request as Parameters<typeof writeContract>[1]), gas: withGasHeadroom(estimate) });
        setState({ status: "pending", hash });
        const receipt = await waitForTransactionReceipt(config, { hash, chainId: write.chainId, pollingInterval: 250 });
        if (receipt.status !== "success") {
          setState({ status: "failed", hash, error: { name: "Reverted", sentence: "The transaction was mined but reverted." } });
          return false;
        }
        setState({ status: "confirmed", hash, blockNumber: receipt.blockNumber });
        return true;
      } catch (error) {
        setState({ status: "failed", error: explainError(error), ...(hash ? { hash } : {}) });
        return false;
      }
    },
    [config],
  );

  const reset = useCallback(() => setState({ status: "idle" }), []);
  return { state, send, reset, busy: isBusy(state) };
}
