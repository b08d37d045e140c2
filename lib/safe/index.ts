export * from "./canonical.ts";
export * from "./contractNetworks.ts";
export * from "./errors.ts";
export * from "./singletonFactory.ts";
export * from "./actions/ensureSingletonFactory.ts";
export * from "./actions/deploySafeContracts.ts";
export * from "./actions/createSafe.ts";
