export * from "./expected.ts";
export * from "./compare.ts";
export * from "./errors.ts";
export * from "./read.ts";
export * from "./verifyDeployment.ts";
