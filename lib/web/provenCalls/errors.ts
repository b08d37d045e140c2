import { BaseError, type BaseErrorOptions } from "../../errors.ts";

/**
 * The refusals every proven-call API shares, with their HTTP statuses. Each API spreads this
 * table into its own and adds its domain's codes, so the common answers read the same everywhere.
 */
export const COMMON_REFUSALS = {
  malformed: 400,
  unknown_chain: 404,
  /** The other chain holds no commitment covering what must be proven yet: wait for the next. */
  not_yet_provable: 409,
  unavailable: 503,
  chain_unreachable: 502,
  proof_mismatch: 502,
  internal: 500,
} as const;
export type CommonRefusalCode = keyof typeof COMMON_REFUSALS;

/**
 * A proven-call API's refusal body. `committedBlock` comes with `not_yet_provable`: the newest
 * source-chain block the destination holds a commitment of (null: none yet), as a decimal string.
 */
export interface RefusalJson<Code extends string = string> {
  error: { code: Code; message: string; committedBlock?: string | null };
}

export interface ProvenCallErrorOptions extends BaseErrorOptions {
  committedBlock?: bigint | null;
}

/**
 * A refusal of a proven-call API (`/api/bridge/prepare`, `/api/crosschain/*`): the answer is
 * `{ error: { code, message } }` with the code's status from the API's refusal table. Each API
 * subclasses it with its own codes; the HTTP layer answers any of them with `toResponse`.
 */
export class ProvenCallError<Code extends string = string> extends BaseError {
  override name = "ProvenCallError";
  readonly code: Code;
  /** The HTTP status the API's table gives the code. */
  readonly status: number;
  /** The newest committed source block of a not-yet-provable call (null: none; undefined: not told). */
  readonly committedBlock: bigint | null | undefined;

  constructor(refusals: Readonly<Record<Code, number>>, code: Code, message: string, options: ProvenCallErrorOptions = {}) {
    const { committedBlock, ...base } = options;
    super(message, base);
    this.code = code;
    this.status = refusals[code];
    this.committedBlock = committedBlock;
  }

  /** The JSON answer, never cached: a refusal is about the chains' state at this moment. */
  toResponse(): Response {
    const body: RefusalJson<Code> = {
      error: {
        code: this.code,
        message: this.shortMessage,
        ...(this.committedBlock === undefined ? {} : { committedBlock: this.committedBlock === null ? null : this.committedBlock.toString() }),
      },
    };
    return Response.json(body, { status: this.status, headers: { "cache-control": "no-store" } });
  }
}

/** Builds an API's own `ProvenCallError` for a code: how shared helpers refuse in the API's name. */
export type Refuse<Code extends string> = (code: Code, message: string, options?: ProvenCallErrorOptions) => ProvenCallError<string>;
