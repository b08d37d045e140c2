import { BaseError, ContractFunctionRevertedError, type Abi, type Address, type Hash, type PublicClient } from "viem";
import { estimateContractGas, simulateContract, waitForTransactionReceipt, writeContract } from "viem/actions";

import { withGasHeadroom } from "../../../rpc/gasHeadroom.ts";
import { explainError } from "../../errors.ts";
import { RelayApiError } from "./errors.ts";
import type { Relayer } from "./relayer.ts";

/** A checked, signed call the relayer may send: where, what, and what makes it a duplicate. */
export interface RelayCall {
  chainId: number;
  /** Two requests with one key are one signed message: the second is refused while the first is on its way. */
  dedupeKey: string;
  write: { address: Address; abi: Abi; functionName: string; args: readonly unknown[] };
}

/** Signed messages sent and not yet mined, by dedupe key (per app instance). */
const inFlight = new Set<string>();

/**
 * Simulates `call` from the relayer (a revert is refused, no gas spent), checks the relayer can
 * pay for it, then sends it in this chain's queue and answers with the hash as soon as the node
 * has the transaction. The same signed message is refused while it is on its way.
 *
 * @throws {RelayApiError} `already_submitted`, `would_revert`, `relayer_unfunded`, `chain_unreachable`.
 */
export async function sendRelayed(client: PublicClient, relayer: Relayer, call: RelayCall): Promise<Hash> {
  if (inFlight.has(call.dedupeKey)) throw new RelayApiError("already_submitted", "This signed message is already being relayed; follow the earlier transaction.");
  inFlight.add(call.dedupeKey);
  let hash: Hash | undefined;
  try {
    const parameters = { ...call.write, account: relayer.account } as Parameters<typeof simulateContract>[1];
    try {
      await simulateContract(client, parameters);
    } catch (cause) {
      if (cause instanceof BaseError && cause.walk((e) => e instanceof ContractFunctionRevertedError)) {
        throw new RelayApiError("would_revert", `The chain would refuse it: ${explainError(cause).sentence}`, { cause });
      }
      throw new RelayApiError("chain_unreachable", `Could not simulate the call on chain ${call.chainId}.`, { cause });
    }
    const [gas, gasPrice, balance] = await Promise.all([
      estimateContractGas(client, parameters as never),
      client.getGasPrice(),
      client.getBalance({ address: relayer.account.address }),
    ]).catch((cause: unknown) => {
      throw new RelayApiError("chain_unreachable", `Could not price the call on chain ${call.chainId}.`, { cause });
    });
    const limit = withGasHeadroom(gas);
    if (balance < limit * gasPrice) {
      throw new RelayApiError("relayer_unfunded", `The relayer ${relayer.account.address} cannot pay for this on chain ${call.chainId}: send it yourself, paying the gas.`);
    }
    const wallet = relayer.wallet(call.chainId);
    hash = await relayer
      .serialized(call.chainId, () => writeContract(wallet, { ...call.write, account: relayer.account, chain: wallet.chain, gas: limit } as never))
      .catch((cause: unknown) => {
        throw new RelayApiError("chain_unreachable", `The node of chain ${call.chainId} did not take the transaction.`, { cause });
      });
    return hash;
  } finally {
    if (hash === undefined) inFlight.delete(call.dedupeKey);
    else {
      const sent = hash;
      // Released once mined (or given up on): by then the chain itself refuses the message again.
      void waitForTransactionReceipt(client, { hash: sent, timeout: 120_000 })
        .catch(() => undefined)
        .finally(() => inFlight.delete(call.dedupeKey));
    }
  }
}
