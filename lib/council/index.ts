export * from "./CouncilSafe.ts";
export * from "./errors.ts";
export * from "./typedData.ts";
export * from "./types.ts";
export { normalizeSignature, verifyCouncilSignature, verifyCouncilSignatures } from "./managers/signatures.ts";
export { countApprovals } from "./managers/owners.ts";
export * from "./registryCalls.ts";
export * from "./rootCalls.ts";
export * from "./proposalVeto.ts";
