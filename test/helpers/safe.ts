import { network } from "hardhat";
import { getAddress, numberToHex, pad, parseEther, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";

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

/**
 * {@link deployCouncilSafe}'s chain, plus a Safe owned by every kind of owner, as a council may
 * be: alice (EIP-712), carol (eth_sign), a nested 1-of-1 Safe, a nested 2-of-2 Safe (EIP-1271
 * through their CompatibilityFallbackHandler), bob (approveHash) and dave, who never approves;
 * 5 of these 6 must approve. The nested Safes' owners are local keys (they only sign). The
 * parent holds 1 ETH to send.
 */
export async function deployMixedOwnerSafe() {
  const f = await deployCouncilSafe();
  const { deployer, alice, bob, carol } = f.wallets;
  const key = (n: number) => pad(numberToHex(0x5afe00 + n), { size: 32 });
  const nestedOwners = { one: privateKeyToAccount(key(1)), twoA: privateKeyToAccount(key(2)), twoB: privateKeyToAccount(key(3)), dave: privateKeyToAccount(key(4)) };
  const nestedKeys = { one: key(1), twoA: key(2), twoB: key(3) };
  const { address: nested1 } = await createSafe(deployer, { owners: [nestedOwners.one.address], threshold: 1, saltNonce: 11n });
  const { address: nested2 } = await createSafe(deployer, { owners: [nestedOwners.twoA.address, nestedOwners.twoB.address], threshold: 2, saltNonce: 12n });
  const parentOwners = [alice.account.address, carol.account.address, nested1, nested2, bob.account.address, nestedOwners.dave.address].map((owner) => getAddress(owner));
  const { address: parent } = await createSafe(deployer, { owners: parentOwners, threshold: 5, saltNonce: 13n });
  await f.publicClient.waitForTransactionReceipt({ hash: await deployer.sendTransaction({ to: parent, value: parseEther("1") }) });
  return { ...f, parent, parentOwners, nested1, nested2, nestedOwners, nestedKeys };
}

export type MixedOwnerSafeFixture = Awaited<ReturnType<typeof deployMixedOwnerSafe>>;
