import { ProvenCallError, type ProvenCallErrorOptions } from "../provenCalls/errors.ts";
import { PREPARE_REFUSALS, type PrepareRefusalCode } from "./wire.ts";

/**
 * A refusal of `GET /api/bridge/prepare`: `{ error: { code, message } }` with the code's status.
 * `committedBlock` tells a not-yet-provable transfer's newest committed source block.
 */
export class BridgePrepareError extends ProvenCallError<PrepareRefusalCode> {
  override name = "BridgePrepareError";

  constructor(code: PrepareRefusalCode, message: string, options: ProvenCallErrorOptions = {}) {
    super(PREPARE_REFUSALS, code, message, options);
  }
}
