/**
 * The operator's view of a superchain's sequencer configuration: what the hub governs, what the
 * running sequencer applies, how they differ, whether the commitments and the release are the
 * governed ones, and each member chain's file in the superchain-registry layout. Data functions
 * only; the CLI prints and writes files.
 */
export * from "./errors.ts";
export * from "./types.ts";
export * from "./chains.ts";
export * from "./readGovernedConfigs.ts";
export * from "./readRunningConfigs.ts";
export * from "./diffConfigs.ts";
export * from "./verifyCommitments.ts";
export * from "./verifyRelease.ts";
export * from "./registryToml.ts";
export * from "./readRegistryChains.ts";
export * from "./sequencerStatus.ts";
