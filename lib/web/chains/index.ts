/**
 * The member chains as the web app shows them: governed vs running configuration, version
 * history, pending changes, releases and commitments. Pure models (`compare`, `history`,
 * `changes`, `releases`) and the server reads that feed them.
 */
export * from "./compare.ts";
export * from "./history.ts";
export * from "./changes.ts";
export * from "./releases.ts";
export * from "./format.ts";
export * from "./sequencerHealth.ts";
export * from "./readChainSummaries.ts";
export * from "./readChainDetail.ts";
