import { mnemonicToAccount, type HDAccount } from "viem/accounts";

/**
 * The well-known development mnemonic every EDR / Hardhat node funds by default. Devnet only:
 * these keys are public.
 */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** The dev account at HD index `index` (m/44'/60'/0'/0/index). */
export const devAccount = (index: number): HDAccount => mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });

/** Who plays which part on the devnet, by HD index. */
export const DEV_ROLES = {
  deployer: 0,
  councilOwners: [1, 2, 3],
  delegates: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
  operators: [14, 15],
  /** Hold tokens on member chains only (bridged at `devnet up`): base-local 16, 17; zora-local 18, 19. */
  spokeDelegates: [16, 17, 18, 19],
  /** Sends `superchain relay` transactions on a devnet when no key is given: the deployer. */
  relayer: 0,
  /**
   * Sends the web app's gasless votes and delegations (`/api/relay/*`) when no key is given. Past
   * the 20 accounts the nodes fund, so no other devnet part shares its nonces; `devnet up` funds
   * it on every chain.
   */
  gaslessRelayer: 20,
} as const;
