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

  await wireGovernance({ token, timelock, governor, deployer, wait }, [alice, bob, carol, dave]);
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

type Wallet = GovernanceFixture["wallets"]["deployer"];

/**
 * The production wiring after deployment: the governor becomes the timelock's proposer and
 * canceller, the deployer gives up the timelock's admin role, and four delegates receive votes.
 */
export async function wireGovernance(
  { token, timelock, governor, deployer, wait }: Pick<GovernanceFixture, "token" | "timelock" | "governor" | "wait"> & {
    deployer: Wallet;
  },
  delegates: readonly [Wallet, Wallet, Wallet, Wallet],
) {
  for (const role of [await timelock.read.PROPOSER_ROLE(), await timelock.read.CANCELLER_ROLE()]) {
    await wait(await timelock.write.grantRole([role, governor.address]));
  }
  await wait(await timelock.write.renounceRole([await timelock.read.DEFAULT_ADMIN_ROLE(), deployer.account.address]));
  await distributeVotes({ token, wait }, delegates);
}

/** 30k / 20k / 15k / 5k tokens to four delegates, each delegated to itself. */
export async function distributeVotes(
  { token, wait }: Pick<GovernanceFixture, "token" | "wait">,
  delegates: readonly [Wallet, Wallet, Wallet, Wallet],
) {
  const amounts = [parseEther("30000"), parseEther("20000"), parseEther("15000"), parseEther("5000")];
  for (const [i, delegate] of delegates.entries()) {
    await wait(await token.write.transfer([delegate.account.address, amounts[i] ?? 0n]));
    await wait(await token.write.delegate([delegate.account.address], { account: delegate.account }));
  }
}

export const addressOf = (wallet: { account: { address: Address } }): Address => wallet.account.address;
