import { BaseError } from "../../errors.ts";
import { PREPARE_REFUSALS, type PrepareRefusalCode, type PrepareRefusalJson } from "./wire.ts";

/**
 * A refusal of `GET /api/bridge/prepare`: `{ error: { code, message } }` with the code's status.
 * `committedBlock` tells a not-yet-provable transfer's newest committed source block.
 */
export class BridgePrepareError extends BaseError {
  override name = "BridgePrepareError";
  readonly code: PrepareRefusalCode;
  readonly committedBlock: bigint | null | undefined;

  constructor(code: PrepareRefusalCode, message: string, options: { details?: string; cause?: unknown; committedBlock?: bigint | null } = {}) {
    super(message, options);
    this.code = code;
    this.committedBlock = options.committedBlock;
  }

  get status(): number {
    return PREPARE_REFUSALS[this.code];
  }

  /** The JSON answer. */
  toResponse(): Response {
    const body: PrepareRefusalJson = {
      error: {
        code: this.code,
        message: this.shortMessage,
        ...(this.committedBlock === undefined ? {} : { committedBlock: this.committedBlock === null ? null : this.committedBlock.toString() }),
      },
    };
    return Response.json(body, { status: this.status });
  }
}
