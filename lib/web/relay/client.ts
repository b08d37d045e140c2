import { BaseError } from "../../errors.ts";
import type { RelayAcceptedJson, RelayDelegationRequestJson, RelayRefusalCode, RelayRefusalJson, RelayVoteRequestJson } from "./wire.ts";

/** How a write reaches the chain: the account's own transaction, or a signature the app's relayer sends. */
export type SendRoute = "wallet" | "relay";

/** The relay refused a signed message: its code, and the sentence to show. */
export class RelayRefusedError extends BaseError {
  override name = "RelayRefusedError";
  readonly code: RelayRefusalCode | "unreachable";

  constructor(code: RelayRefusalCode | "unreachable", message: string) {
    super(message);
    this.code = code;
  }
}

export type RelayRequest = { path: "/api/relay/vote"; body: RelayVoteRequestJson } | { path: "/api/relay/delegate"; body: RelayDelegationRequestJson };

/**
 * Posts a signed message to the app's relay; resolves once the relayer's transaction is with the node.
 *
 * @throws {RelayRefusedError} with the relay's code and sentence, or `unreachable`.
 */
export async function postRelay({ path, body }: RelayRequest): Promise<RelayAcceptedJson> {
  let response: Response;
  try {
    response = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  } catch {
    throw new RelayRefusedError("unreachable", "The app did not answer: check your connection and try again.");
  }
  const json = (await response.json().catch(() => undefined)) as RelayAcceptedJson | RelayRefusalJson | undefined;
  if (response.status === 202 && json && "hash" in json) return json;
  if (json && "error" in json) throw new RelayRefusedError(json.error.code, json.error.message);
  throw new RelayRefusedError("unreachable", `The relay answered HTTP ${response.status}.`);
}
