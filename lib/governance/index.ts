export * from "./votes.ts";
export * from "./tallies.ts";
export * from "./parameters.ts";
export * from "./codec/index.ts";
export * from "./actions/getChainTallies.ts";
