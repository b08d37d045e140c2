/**
 * Reading a contract's logs over a long block range in bounded requests. Kept to this one function
 * so a shared adaptive scanner (lib/rpc/logScan.ts, in progress) can replace it.
 */
import type { AbiEvent, Address, GetLogsReturnType, PublicClient } from "viem";

import { DeploymentVerifyError } from "./errors.ts";

/** Blocks per `eth_getLogs` request: what public RPCs commonly accept. */
export const LOG_RANGE_BLOCKS = 2_000n;

export interface LogsInRangesParameters<events extends readonly AbiEvent[]> {
  address: Address;
  events: events;
  fromBlock: bigint;
  toBlock: bigint;
  /** Blocks per request; default {@link LOG_RANGE_BLOCKS}. */
  step?: bigint;
}

/**
 * Every log of `events` from `address` in `[fromBlock, toBlock]`, read `step` blocks per request,
 * in block order.
 *
 * @throws {DeploymentVerifyError} when `step` is not positive.
 * @example
 * const logs = await logsInRanges(client, { address: timelock, events: [roleGranted], fromBlock: 12n, toBlock: head })
 */
export async function logsInRanges<const events extends readonly AbiEvent[]>(
  client: PublicClient,
  { address, events, fromBlock, toBlock, step = LOG_RANGE_BLOCKS }: LogsInRangesParameters<events>,
): Promise<GetLogsReturnType<undefined, events, true>> {
  if (step <= 0n) throw new DeploymentVerifyError(`a log range must span at least one block, got ${step}`);
  const logs: GetLogsReturnType<undefined, events, true> = [];
  for (let from = fromBlock; from <= toBlock; from += step) {
    const to = from + step - 1n < toBlock ? from + step - 1n : toBlock;
    logs.push(...(await client.getLogs({ address, events, fromBlock: from, toBlock: to, strict: true })));
  }
  return logs;
}
