import type { Address, PublicClient } from "viem";

import { spokeTokenAbi, spokeVotePoolAbi } from "../../contracts/index.ts";
import { RootNotYetPostedError } from "../../crosschain/errors.ts";
import { newestUsableHubState, newestUsableOutput } from "../../crosschain/roots.ts";
import { scanLogsToLatest } from "../../rpc/logScan.ts";
import type { WebSpoke } from "../deployment.ts";
import { buildTransfers, type Commitments, type FinalizedRecord, type InitiatedRecord, type TransferWithState } from "./transfers.ts";

type Reader = Pick<PublicClient, "getContractEvents" | "getBlockNumber" | "readContract">;

export interface ReadTransfersParameters {
  /** The account whose incoming transfers to list (the recipient on the destination chain). */
  account: Address;
  memberChainId: number;
  spoke: Pick<WebSpoke, "pool" | "token" | "hubStateOracle" | "fromBlock">;
  /** The hub's OutputOracle, which holds the member chain's committed outputs. */
  outputOracle: Address;
}

export interface ReadTransfersReturnType {
  transfers: TransferWithState[];
  commitments: Commitments;
}

/** A committed block, or null while the destination holds none of the source chain yet. */
async function committed(read: () => Promise<{ block: bigint }>): Promise<bigint | null> {
  try {
    return (await read()).block;
  } catch (error) {
    if (error instanceof RootNotYetPostedError) return null;
    throw error;
  }
}

/**
 * Every transfer to `account` between the hub and one member chain, with its state: four log
 * queries (deposits initiated on the hub and finalized on the member chain, withdrawals initiated
 * on the member chain and finalized on the hub, each filtered by the indexed recipient) and the
 * newest commitment on each side. The cost does not grow with the number of transfers. Runs in
 * the browser (through the app's RPC proxy) and in node tests alike.
 *
 * @example
 * const { transfers } = await readTransfers({ hub, member }, { account, memberChainId: 901, spoke, outputOracle })
 */
export async function readTransfers(
  { hub, member }: { hub: Reader; member: Reader },
  { account, memberChainId, spoke, outputOracle }: ReadTransfersParameters,
): Promise<ReadTransfersReturnType> {
  const hubFrom = BigInt(spoke.fromBlock.hub);
  const memberFrom = BigInt(spoke.fromBlock.member);
  const [depositsInitiated, depositsFinalized, withdrawalsInitiated, withdrawalsFinalized, deposits, withdrawals] = await Promise.all([
    scanLogsToLatest(hub, (fromBlock, toBlock) => hub.getContractEvents({ address: spoke.pool, abi: spokeVotePoolAbi, eventName: "DepositInitiated", args: { recipient: account }, fromBlock, toBlock, strict: true }), hubFrom),
    scanLogsToLatest(member, (fromBlock, toBlock) => member.getContractEvents({ address: spoke.token, abi: spokeTokenAbi, eventName: "DepositFinalized", args: { recipient: account }, fromBlock, toBlock, strict: true }), memberFrom),
    scanLogsToLatest(member, (fromBlock, toBlock) => member.getContractEvents({ address: spoke.token, abi: spokeTokenAbi, eventName: "WithdrawalInitiated", args: { recipient: account }, fromBlock, toBlock, strict: true }), memberFrom),
    scanLogsToLatest(hub, (fromBlock, toBlock) => hub.getContractEvents({ address: spoke.pool, abi: spokeVotePoolAbi, eventName: "WithdrawalFinalized", args: { recipient: account }, fromBlock, toBlock, strict: true }), hubFrom),
    committed(async () => ({ block: (await newestUsableHubState(member, spoke.hubStateOracle)).blockNumber })),
    committed(async () => ({ block: (await newestUsableOutput(hub, outputOracle, memberChainId)).blockNumber })),
  ]);
  const initiated: InitiatedRecord[] = [
    ...depositsInitiated.map((log) => ({
      kind: "deposit" as const,
      id: log.args.depositId,
      chainId: memberChainId,
      sender: log.args.sender,
      recipient: log.args.recipient,
      amount: log.args.amount,
      initiatedBlock: log.blockNumber,
      initiatedTx: log.transactionHash,
    })),
    ...withdrawalsInitiated.map((log) => ({
      kind: "withdrawal" as const,
      id: log.args.withdrawalId,
      chainId: memberChainId,
      sender: log.args.sender,
      recipient: log.args.recipient,
      amount: log.args.amount,
      initiatedBlock: log.blockNumber,
      initiatedTx: log.transactionHash,
    })),
  ];
  const finalized: FinalizedRecord[] = [
    ...depositsFinalized.map((log) => ({ kind: "deposit" as const, id: log.args.depositId, block: log.blockNumber, tx: log.transactionHash })),
    ...withdrawalsFinalized.map((log) => ({ kind: "withdrawal" as const, id: log.args.withdrawalId, block: log.blockNumber, tx: log.transactionHash })),
  ];
  const commitments: Commitments = { deposits, withdrawals };
  return { transfers: buildTransfers(initiated, finalized, commitments), commitments };
}
