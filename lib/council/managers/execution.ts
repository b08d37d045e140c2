import { EthSafeSignature } from "@safe-global/protocol-kit";
import type Safe from "@safe-global/protocol-kit";
import { safe_1_4_1_ContractArtifacts, type SafeTransaction, type SafeTransactionData } from "@safe-global/types-kit";
import { getAddress, isAddressEqual, isHex, parseEventLogs, type Hash, type PublicClient } from "viem";
import { waitForTransactionReceipt } from "viem/actions";

import { CouncilError, CouncilTransactionFailedError } from "../errors.ts";
import { reviewCouncilTransaction } from "../typedData.ts";
import { SafeOperation, type CouncilTransaction, type SafeTxData } from "../types.ts";

/** protocol-kit's string-typed transaction data as the council's `SafeTxData`. */
export function fromKitTransactionData(data: SafeTransactionData): SafeTxData {
  if (!isHex(data.data)) throw new CouncilError("protocol-kit built a transaction whose data is not hex.");
  return {
    to: getAddress(data.to),
    value: BigInt(data.value),
    data: data.data,
    operation: data.operation === 1 ? SafeOperation.DelegateCall : SafeOperation.Call,
    safeTxGas: BigInt(data.safeTxGas),
    baseGas: BigInt(data.baseGas),
    gasPrice: BigInt(data.gasPrice),
    gasToken: getAddress(data.gasToken),
    refundReceiver: getAddress(data.refundReceiver),
    nonce: BigInt(data.nonce),
  };
}

/**
 * The council transaction as a protocol-kit `SafeTransaction` carrying its (already verified)
 * signatures. protocol-kit's own safeTxHash must equal the council's, or nothing goes further.
 */
export async function toKitTransaction(kit: Safe, transaction: CouncilTransaction): Promise<SafeTransaction> {
  const { to, value, data, operation, safeTxGas, baseGas, gasPrice, gasToken, refundReceiver, nonce } = transaction.data;
  const kitTransaction = await kit.createTransaction({
    transactions: [{ to, value: value.toString(), data, operation }],
    options: {
      safeTxGas: safeTxGas.toString(),
      baseGas: baseGas.toString(),
      gasPrice: gasPrice.toString(),
      gasToken,
      refundReceiver,
      nonce: Number(nonce),
    },
  });
  const expected = reviewCouncilTransaction(transaction).safeTxHash;
  const actual = await kit.getTransactionHash(kitTransaction);
  if (actual.toLowerCase() !== expected) {
    throw new CouncilError("protocol-kit hashes this transaction differently from what the owners signed.", {
      details: `protocol-kit ${actual}, council ${expected}`,
    });
  }
  for (const { signer, signature } of transaction.signatures) {
    kitTransaction.addSignature(new EthSafeSignature(signer, signature));
  }
  return kitTransaction;
}

/**
 * Sends `execTransaction` through protocol-kit (which adds on-chain approved hashes as
 * pre-validated signatures) and waits until the Safe reports `ExecutionSuccess` for this hash.
 */
export async function executeWithKit(
  kit: Safe,
  client: PublicClient,
  transaction: CouncilTransaction,
): Promise<{ transactionHash: Hash; safeTxHash: Hash }> {
  const kitTransaction = await toKitTransaction(kit, transaction);
  const safeTxHash = reviewCouncilTransaction(transaction).safeTxHash;
  const transactionHash = await send("execute the council transaction", () => kit.executeTransaction(kitTransaction));
  const receipt = await waitForTransactionReceipt(client, { hash: transactionHash });
  const executed = parseEventLogs({
    abi: safe_1_4_1_ContractArtifacts.abi,
    eventName: "ExecutionSuccess",
    logs: receipt.logs.filter((log) => isAddressEqual(log.address, transaction.safe)),
  }).some((log) => log.args.txHash === safeTxHash);
  if (receipt.status !== "success" || !executed) {
    throw new CouncilTransactionFailedError("The Safe did not execute the council transaction.", {
      details: `transaction ${transactionHash}, status ${receipt.status}, safeTxHash ${safeTxHash}`,
    });
  }
  return { transactionHash, safeTxHash };
}

/** Sends `approveHash(safeTxHash)` from the kit's signer and waits for it to be mined. */
export async function approveHashWithKit(kit: Safe, client: PublicClient, safeTxHash: Hash): Promise<Hash> {
  const transactionHash = await send("approve the hash on-chain", () => kit.approveTransactionHash(safeTxHash));
  const receipt = await waitForTransactionReceipt(client, { hash: transactionHash });
  if (receipt.status !== "success") {
    throw new CouncilTransactionFailedError(`approveHash(${safeTxHash}) reverted.`, {
      details: `transaction ${transactionHash}`,
    });
  }
  return transactionHash;
}

async function send(what: string, sendWithKit: () => Promise<{ hash: string }>): Promise<Hash> {
  try {
    const { hash } = await sendWithKit();
    if (!isHex(hash)) throw new Error(`protocol-kit returned ${hash} as transaction hash`);
    return hash;
  } catch (cause) {
    throw new CouncilTransactionFailedError(`Could not ${what}.`, {
      details: cause instanceof Error ? cause.message : String(cause),
      cause,
    });
  }
}
