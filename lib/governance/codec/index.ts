export * from "./types.ts";
export * from "./encode.ts";
export * from "./decode.ts";
export * from "./describe.ts";
export * from "./changes.ts";
export * from "./actionsJson.ts";
