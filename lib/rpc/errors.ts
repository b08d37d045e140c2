import { BaseError } from "../errors.ts";

/** Every error a bounded log scan raises itself; a reader's own failures (no answer, a revert) pass through unchanged. */
export class LogScanError extends BaseError {
  override name = "LogScanError";
}

/** The scan was asked for something it cannot read: a negative block, `fromBlock` past `toBlock`, a range below one block. */
export class LogScanInputError extends LogScanError {
  override name = "LogScanInputError";
}

/**
 * The provider refused even a single block's logs (too many logs in one block for its limit):
 * the scan stops here rather than skip the block and leave a silent gap.
 */
export class LogRangeRefusedError extends LogScanError {
  override name = "LogRangeRefusedError";
  /** The block whose logs could not be read. */
  readonly blockNumber: bigint;
  constructor(blockNumber: bigint, cause: unknown) {
    super(`The provider refused the logs of block ${blockNumber} even on their own.`, {
      details: `${cause instanceof Error ? cause.message : String(cause)} — use a provider without this log limit for this chain.`,
      cause,
    });
    this.blockNumber = blockNumber;
  }
}

/** The log checkpoint store could not be opened, read or written. */
export class LogCheckpointStoreError extends LogScanError {
  override name = "LogCheckpointStoreError";
}
