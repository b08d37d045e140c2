/**
 * Everything that crosses chains, proven against committed roots: proof fetching, the slots the
 * contracts prove, the newest usable committed roots, and the calls that finalize deposits and
 * withdrawals, bring proposals to member chains and relay tallies ({@link relayTally}). Shared by the CLI, the
 * sequencer's relayer and the web app.
 */
export * from "./errors.ts";
export * from "./slots.ts";
export * from "./proofs.ts";
export * from "./roots.ts";
export * from "./prepare.ts";
export * from "./relayTally.ts";
