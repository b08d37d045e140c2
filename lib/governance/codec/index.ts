export * from "./types.ts";
export * from "./encode.ts";
export * from "./decode.ts";
export * from "./describe.ts";
export * from "./changes.ts";
// actionsJson.ts (zod) is imported by path: this index reaches the browser through the proposal form.
