import { LogRangeRefusedError, LogScanInputError } from "./errors.ts";
import { recogniseRefusal, type Refusal } from "./logRefusal.ts";

/**
 * Reads the items (logs, decoded events, anything) of blocks `fromBlock`..`toBlock`, oldest
 * first: a closure over viem's `getLogs` or `getContractEvents` with its filter.
 */
export type RangeReader<item> = (fromBlock: bigint, toBlock: bigint) => Promise<readonly item[]>;

/** Most blocks one query spans unless told otherwise: what the strictest common paid tiers allow (Alchemy's 2K). */
export const DEFAULT_MAX_RANGE = 2_000n;

export interface LogScanOptions<item> {
  /** First block read (inclusive). */
  fromBlock: bigint;
  /** Last block read (inclusive). */
  toBlock: bigint;
  /** Most blocks one query spans; at least 1. Default {@link DEFAULT_MAX_RANGE}. */
  maxRange?: bigint;
  /**
   * Called after each range is read, in order, before the next one: every block up to
   * `scannedTo` has been read, and `items` are that range's. A checkpoint saved here lets a
   * restarted scan resume past `scannedTo`. A rejection stops the scan.
   */
  onProgress?: (scannedTo: bigint, items: readonly item[]) => void | Promise<void>;
}

/**
 * How many blocks the next query spans (`size`), and the most it may grow back to (`ceiling`):
 * a span refusal lowers the ceiling for the rest of the scan, a size refusal only this stretch.
 */
export interface ScanWindow {
  size: bigint;
  ceiling: bigint;
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/**
 * The window after the provider refused a query of `refusedSize` blocks: the span it suggested
 * when it did (and it is smaller), else half. A span limit holds for every later query too, so
 * it caps the ceiling; a result-size limit depends on where the logs are, so the ceiling stays.
 *
 * @example
 * narrowed({ size: 2000n, ceiling: 2000n }, { kind: "range" }, 2000n) // { size: 1000n, ceiling: 1000n }
 */
export function narrowed(window: ScanWindow, refusal: Refusal, refusedSize: bigint): ScanWindow {
  const half = refusedSize / 2n > 0n ? refusedSize / 2n : 1n;
  const size = refusal.hint !== undefined && refusal.hint >= 1n && refusal.hint < refusedSize ? refusal.hint : half;
  return { size, ceiling: refusal.kind === "range" ? min(window.ceiling, size) : window.ceiling };
}

/**
 * The window after a query was answered: twice as wide, up to the ceiling, so a scan that
 * narrowed for a dense stretch gets back to wide queries within a few ranges.
 *
 * @example
 * widened({ size: 250n, ceiling: 1000n }) // { size: 500n, ceiling: 1000n }
 */
export function widened(window: ScanWindow): ScanWindow {
  return { size: min(window.ceiling, window.size * 2n), ceiling: window.ceiling };
}

function checkInput(fromBlock: bigint, toBlock: bigint, maxRange: bigint): void {
  for (const [name, value] of [["fromBlock", fromBlock], ["toBlock", toBlock], ["maxRange", maxRange]] as const) {
    if (typeof value !== "bigint") throw new LogScanInputError(`${name} must be a bigint block number, got ${typeof value}.`);
  }
  if (fromBlock < 0n) throw new LogScanInputError(`fromBlock must not be negative, got ${fromBlock}.`);
  if (fromBlock > toBlock) throw new LogScanInputError(`fromBlock ${fromBlock} is past toBlock ${toBlock}.`);
  if (maxRange < 1n) throw new LogScanInputError(`maxRange must be at least one block, got ${maxRange}.`);
}

/**
 * Everything `read` returns for blocks `fromBlock`..`toBlock`, oldest first — the same items as
 * one unbounded query — read in ranges of at most `maxRange` blocks. When the provider refuses a
 * range as too wide or its answer as too large (see `recogniseRefusal`), the range is narrowed
 * (to the span the provider suggests, else half) and asked again; after each answer the range
 * grows back, doubling. A single block that is still refused throws {@link LogRangeRefusedError}
 * rather than leave a gap; any other failure of `read` is rethrown as it is.
 *
 * viem's HTTP transport retries a -32005 or HTTP 413 answer itself (3 times, ~1 s with its
 * defaults) before `read` rejects: a client that mostly scans may lower its `retryCount`.
 *
 * @throws {LogScanInputError} `fromBlock` past `toBlock`, a negative block, `maxRange` below 1.
 * @throws {LogRangeRefusedError} the provider refused one block's logs.
 *
 * @example
 * const logs = await scanLogs(
 *   (fromBlock, toBlock) => client.getContractEvents({ address, abi, eventName: "Transfer", fromBlock, toBlock, strict: true }),
 *   { fromBlock: deployBlock, toBlock: head },
 * )
 */
export async function scanLogs<item>(read: RangeReader<item>, options: LogScanOptions<item>): Promise<item[]> {
  const { fromBlock, toBlock, maxRange = DEFAULT_MAX_RANGE, onProgress } = options;
  checkInput(fromBlock, toBlock, maxRange);
  const items: item[] = [];
  let window: ScanWindow = { size: maxRange, ceiling: maxRange };
  let next = fromBlock;
  while (next <= toBlock) {
    const end = min(toBlock, next + window.size - 1n);
    let found: readonly item[];
    try {
      found = await read(next, end);
    } catch (error) {
      const refusal = recogniseRefusal(error);
      if (refusal === undefined) throw error;
      if (end === next) throw new LogRangeRefusedError(next, error);
      window = narrowed(window, refusal, end - next + 1n);
      continue;
    }
    // No spread: a range may hold more items than a call's arguments may.
    for (const entry of found) items.push(entry);
    await onProgress?.(end, found);
    next = end + 1n;
    window = widened(window);
  }
  return items;
}

/**
 * {@link scanLogs} from `fromBlock` to the chain's latest block, read first: for searches that
 * asked "everything since the deploy block" (`toBlock` left at `latest`). Nothing to read (and
 * no query) when `fromBlock` is past the head.
 *
 * @example
 * const votes = await scanLogsToLatest(client, (fromBlock, toBlock) => client.getContractEvents({ ...query, fromBlock, toBlock }), deployBlock)
 */
export async function scanLogsToLatest<item>(
  client: { getBlockNumber: (parameters: { cacheTime: number }) => Promise<bigint> },
  read: RangeReader<item>,
  fromBlock: bigint,
  options: Pick<LogScanOptions<item>, "maxRange"> = {},
): Promise<item[]> {
  // Uncached: viem keeps a block number for seconds, and a log of the last block must not be missed.
  const latest = await client.getBlockNumber({ cacheTime: 0 });
  return fromBlock > latest ? [] : scanLogs(read, { fromBlock, toBlock: latest, ...options });
}
