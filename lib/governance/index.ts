export * from "./votes.ts";
export * from "./tallies.ts";
export * from "./actions/getChainTallies.ts";
