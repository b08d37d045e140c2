import { network } from "hardhat";
import { parseEther, zeroAddress, type Address } from "viem";

import { sevenWallets } from "./wallets.ts";

export const SETTINGS = {
  votingDelay: 3600,
  votingPeriod: 3 * 86_400,
  proposalThreshold: parseEther("10000"),
  quorumNumerator: 4n,
  lateQuorumVoteExtension: 86_400,
} as const;
export const TIMELOCK_DELAY = 2n * 86_400n;
export const SUPPLY = parseEther("1000000");

/**
 * A fresh in-process EDR chain with the hub governance stack deployed and wired as in production
 * (governor = the timelock's only proposer and canceller, open execution, no admin), and voting
 * power delegated to wallets 1–4: 30k, 20k, 15k and 5k tokens. Wallet 5 is the guardian.
 */
export async function deployGovernance() {
  const connection = await network.connect();
  const { viem } = connection;
  const [deployer, alice, bob, carol, dave, guardian, outsider] = await sevenWallets(viem);

  const token = await viem.deployContract("SuperchainToken", ["Superchain", "SUP", deployer.account.address, SUPPLY]);
  const timelock = await viem.deployContract("SuperchainTimelock", [
    TIMELOCK_DELAY,
    [],
    [zeroAddress],
    deployer.account.address,
  ]);
  const governor = await viem.deployContract("SuperchainGovernor", [
    token.address,
    timelock.address,
    guardian.account.address,
    SETTINGS,
  ]);
  const publicClient = await viem.getPublicClient();
  const wait = async (hash: `0x${string}`) => publicClient.waitForTransactionReceipt({ hash });

  await wait(await timelock.write.grantRole([await timelock.read.PROPOSER_ROLE(), governor.address]));
  await wait(await timelock.write.grantRole([await timelock.read.CANCELLER_ROLE(), governor.address]));
  await wait(
    await timelock.write.renounceRole([await timelock.read.DEFAULT_ADMIN_ROLE(), deployer.account.address]),
  );

  const shares: Array<[typeof alice, bigint]> = [
    [alice, parseEther("30000")],
    [bob, parseEther("20000")],
    [carol, parseEther("15000")],
    [dave, parseEther("5000")],
  ];
  for (const [wallet, amount] of shares) {
    await wait(await token.write.transfer([wallet.account.address, amount]));
    await wait(await token.write.delegate([wallet.account.address], { account: wallet.account }));
  }
  await connection.networkHelpers.mine();

  return {
    connection,
    viem,
    publicClient,
    networkHelpers: connection.networkHelpers,
    wait,
    token,
    timelock,
    governor,
    wallets: { deployer, alice, bob, carol, dave, guardian, outsider },
    chainId: await publicClient.getChainId(),
  };
}

export type GovernanceFixture = Awaited<ReturnType<typeof deployGovernance>>;

export const addressOf = (wallet: { account: { address: Address } }): Address => wallet.account.address;
