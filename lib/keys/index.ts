/**
 * Keys never in plain text: Web3 Secret Storage keystores, their passwords from a file or a
 * prompt, and the devnet-only rule for plaintext keys. The CLI, the sequencer and the relayer
 * load their accounts here.
 */
export * from "./errors.ts";
export * from "./keystore.ts";
export * from "./password.ts";
export * from "./policy.ts";
