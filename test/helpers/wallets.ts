import type { network } from "hardhat";

type Viem = Awaited<ReturnType<typeof network.connect>>["viem"];

/** A lookup of the test network's wallets by index that fails loudly instead of returning undefined. */
export async function walletLookup(viem: Viem) {
  const wallets = await viem.getWalletClients();
  return (index: number) => {
    const client = wallets[index];
    if (!client) throw new Error(`the test network has no wallet #${index}`);
    return client;
  };
}

/**
 * The first seven wallets of a Hardhat network, as a fixed-length tuple so tests can name them
 * by destructuring without an `undefined` check per name.
 */
export async function sevenWallets(viem: Viem) {
  const wallet = await walletLookup(viem);
  return [wallet(0), wallet(1), wallet(2), wallet(3), wallet(4), wallet(5), wallet(6)] as const;
}
