import type { ExplainedError } from "../errors.ts";
import type { ProposalSimulation } from "./simulate.ts";

/** Where the simulation of the reviewed proposal is, as the preview shows it. */
export type SimulationView =
  | { status: "pending" }
  | { status: "unavailable"; reason: string }
  | { status: "done"; result: ProposalSimulation };

/**
 * Whether the reviewed proposal may be sent to the wallet, and if not, why:
 * - `simulating` / `unavailable`: no simulation result yet, so nothing to sign;
 * - `refused`: the governor itself would revert `propose` (e.g. votes below the threshold);
 * - `callsFail`: `propose` passes but some calls fail against today's state. They may depend on an
 *   earlier call of the same proposal (each call is simulated on its own) or on a change not in
 *   force yet, so the proposer can still send it, but only after acknowledging it explicitly;
 * - `ready`: every call and `propose` succeeded.
 */
export type SubmitGate =
  | { status: "simulating" }
  | { status: "unavailable"; reason: string }
  | { status: "refused"; error: ExplainedError }
  | { status: "callsFail"; failed: number[] }
  | { status: "ready" };

/**
 * The gate in front of Submit, from the simulation of the reviewed proposal. `propose` must have
 * been simulated (from the connected account) for anything to be signed.
 *
 * @example
 * submitGate({ status: "done", result: { calls: [{ ok: false, error }], propose: { ok: true, gas: 90_000n }, ok: false } })
 * // { status: "callsFail", failed: [0] }
 */
export function submitGate(simulation: SimulationView): SubmitGate {
  if (simulation.status === "pending") return { status: "simulating" };
  if (simulation.status === "unavailable") return { status: "unavailable", reason: simulation.reason };
  const { calls, propose } = simulation.result;
  if (!propose) return { status: "unavailable", reason: "submitting was not simulated: connect the account that will propose." };
  if (!propose.ok) return { status: "refused", error: propose.error };
  const failed = calls.flatMap((call, index) => (call.ok ? [] : [index]));
  return failed.length > 0 ? { status: "callsFail", failed } : { status: "ready" };
}

/**
 * Submit is enabled only for a proposal whose simulation succeeded, or whose only failures are
 * calls the proposer has explicitly acknowledged ("submit anyway").
 *
 * @example
 * maySubmit({ status: "callsFail", failed: [0] }, false) // false
 * maySubmit({ status: "callsFail", failed: [0] }, true) // true
 */
export function maySubmit(gate: SubmitGate, acknowledged: boolean): boolean {
  return gate.status === "ready" || (gate.status === "callsFail" && acknowledged);
}
