import { network } from "hardhat";
import { getAddress, parseEther, type Address } from "viem";

import { createSafe, deploySafeContracts, safeContractNetworks } from "../../lib/safe/index.ts";
import { sevenWallets } from "./wallets.ts";

export const TOKEN_SUPPLY = parseEther("1000000");

/**
 * A fresh in-process EDR chain with the canonical Safe 1.4.1 set deployed, a 2-of-3 council Safe
 * owned by wallets 1–3, and a SuperchainToken whose whole supply the Safe holds (a real contract
 * for Safe transactions to call). Wallet 4 is an outsider; wallet 0 deploys and relays.
 */
export async function deployCouncilSafe() {
  const connection = await network.connect();
  const { viem, provider } = connection;
  const [deployer, alice, bob, carol, outsider] = await sevenWallets(viem);
  const publicClient = await viem.getPublicClient();
  const chainId = await publicClient.getChainId();

  const deployment = await deploySafeContracts(deployer);
  const owners: Address[] = [alice, bob, carol].map((wallet) => getAddress(wallet.account.address));
  const { address: safe } = await createSafe(deployer, { owners, threshold: 2, saltNonce: 0n });
  const token = await viem.deployContract("SuperchainToken", ["Superchain", "SUP", safe, TOKEN_SUPPLY]);

  return {
    connection,
    viem,
    provider,
    publicClient,
    chainId,
    deployment,
    safe,
    owners,
    token,
    contractNetworks: safeContractNetworks(chainId),
    wallets: { deployer, alice, bob, carol, outsider },
  };
}

export type CouncilSafeFixture = Awaited<ReturnType<typeof deployCouncilSafe>>;
