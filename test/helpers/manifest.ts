import type { ManifestInput } from "../../lib/chains/index.ts";

/** A distinct lowercase (non-checksummed) address per seed, so tests can check case normalisation. */
export function lowercaseAddress(seed: number): `0x${string}` {
  return `0x${seed.toString(16).padStart(4, "0").repeat(10)}`.toLowerCase() as `0x${string}`;
}

/**
 * A valid devnet-shaped manifest as it would appear in JSON (lowercase addresses, block numbers as
 * decimal strings or numbers). A fresh object every call, so a test may mutate it freely.
 */
export function buildManifest(): ManifestInput {
  return {
    version: 1,
    network: "devnet",
    createdAt: "2026-01-01T00:00:00.000Z",
    hub: { chainId: 900, name: "hub", role: "hub", rpcUrl: "http://127.0.0.1:8545", chainType: "l1" },
    members: [
      {
        chainId: 901,
        name: "base-local",
        role: "member",
        rpcUrl: "http://127.0.0.1:9545",
        sequencerRpcUrl: "http://127.0.0.1:7545/901",
        chainType: "op",
      },
      { chainId: 902, name: "zora-local", role: "member", rpcUrl: "http://127.0.0.1:10545", chainType: "op" },
    ],
    contracts: {
      token: lowercaseAddress(0xa1),
      timelock: lowercaseAddress(0xa2),
      governor: lowercaseAddress(0xa3),
      memberChains: lowercaseAddress(0xa4),
      sequencerConfig: lowercaseAddress(0xa5),
    },
    council: {
      safe: lowercaseAddress(0xb0),
      owners: [lowercaseAddress(0xb1), lowercaseAddress(0xb2), lowercaseAddress(0xb3)],
      threshold: 2,
    },
    safe: {
      safeSingleton: lowercaseAddress(0xc1),
      safeL2Singleton: lowercaseAddress(0xc2),
      safeProxyFactory: lowercaseAddress(0xc3),
      multiSend: lowercaseAddress(0xc4),
      multiSendCallOnly: lowercaseAddress(0xc5),
      fallbackHandler: lowercaseAddress(0xc6),
      signMessageLib: lowercaseAddress(0xc7),
      createCall: lowercaseAddress(0xc8),
      simulateTxAccessor: lowercaseAddress(0xc9),
    },
    deployBlocks: { token: "1", timelock: 2, governor: "3", memberChains: 4, sequencerConfig: "5" },
  };
}
