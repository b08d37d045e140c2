export * from "./errors.ts";
export * from "./manifest.ts";
export * from "./load.ts";
export * from "./chains.ts";
