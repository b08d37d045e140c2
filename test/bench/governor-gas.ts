/**
 * Gas of every governance operation on SuperchainGovernor against a plain OpenZeppelin Governor
 * (settings, simple counting, quorum fraction, timelock control) deployed in the same run with
 * the same settings, each on its own votes token. Prints a table and the castVote target.
 *
 *   node test/bench/governor-gas.ts
 */
import { network } from "hardhat";
import { encodeFunctionData, keccak256, parseEther, toBytes, zeroAddress, type Address, type Hash } from "viem";

import { ballotTypedData, VoteType } from "../../lib/governance/index.ts";
import { sevenWallets } from "../helpers/wallets.ts";

const SUPPLY = parseEther("1000000");
const VOTING_DELAY = 3600; // seconds for ours, blocks for the baseline: mined one second apart
const VOTING_PERIOD = 3 * 86_400;
const THRESHOLD = parseEther("1000");
const QUORUM_PERCENT = 10n; // 100,000 tokens: the four measured voters (10,000 each) stay below it
const TIMELOCK_DELAY = 86_400n;
const CAST_VOTE_TARGET = 1.15;

const { viem, networkHelpers } = await network.connect();
const publicClient = await viem.getPublicClient();
const [deployer, proposer, first, later, withReason, bySig, whale] = await sevenWallets(viem);

async function gasOf(hash: Promise<Hash>): Promise<bigint> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  if (receipt.status !== "success") throw new Error("benchmark transaction reverted");
  return receipt.gasUsed;
}

type Measurements = Record<string, bigint>;

async function measure(kind: "superchain" | "baseline"): Promise<Measurements> {
  const gas: Measurements = {};
  const deployedToken =
    kind === "superchain"
      ? await viem.deployContract("SuperchainToken", ["Superchain", "SUP", deployer.account.address, SUPPLY])
      : await viem.deployContract("BaselineToken", [deployer.account.address, SUPPLY]);
  const timelock = await viem.deployContract("SuperchainTimelock", [TIMELOCK_DELAY, [], [zeroAddress], deployer.account.address]);
  const deployedGovernor =
    kind === "superchain"
      ? await viem.deployContract("SuperchainGovernor", [
          deployedToken.address,
          timelock.address,
          deployer.account.address,
          {
            votingDelay: VOTING_DELAY,
            votingPeriod: VOTING_PERIOD,
            proposalThreshold: THRESHOLD,
            quorumNumerator: QUORUM_PERCENT,
            lateQuorumVoteExtension: 86_400,
          },
        ])
      : await viem.deployContract("BaselineGovernor", [
          deployedToken.address,
          timelock.address,
          VOTING_DELAY,
          VOTING_PERIOD,
          THRESHOLD,
          QUORUM_PERCENT,
        ]);
  // Both pairs share the standard ERC20Votes / IGovernor functions this benchmark calls, so one
  // typed view of each serves both.
  const token = await viem.getContractAt("SuperchainToken", deployedToken.address);
  const governor = await viem.getContractAt("SuperchainGovernor", deployedGovernor.address);
  await gasOf(timelock.write.grantRole([await timelock.read.PROPOSER_ROLE(), governor.address]));

  const holdings: Array<[typeof deployer, bigint]> = [
    [proposer, parseEther("2000")],
    [first, parseEther("10000")],
    [later, parseEther("10000")],
    [withReason, parseEther("10000")],
    [bySig, parseEther("10000")],
    [whale, parseEther("200000")],
  ];
  for (const [holder, amount] of holdings) {
    await gasOf(token.write.transfer([holder.account.address, amount]));
    const delegated = await gasOf(token.write.delegate([holder.account.address], { account: holder.account }));
    gas["delegate (self)"] ??= delegated;
  }
  await networkHelpers.mine(2, { interval: 1 });

  // The action: the timelock updates its own delay (a realistic governance call).
  const targets: Address[] = [timelock.address];
  const values = [0n];
  const calldatas = [encodeFunctionData({ abi: timelock.abi, functionName: "updateDelay", args: [TIMELOCK_DELAY * 2n] })];
  const description = `benchmark proposal for ${kind}`;
  const descriptionHash = keccak256(toBytes(description));
  gas.propose = await gasOf(
    governor.write.propose([targets, values, calldatas, description], { account: proposer.account }),
  );
  const proposalId = await governor.read.hashProposal([targets, values, calldatas, descriptionHash]);
  await networkHelpers.mine(VOTING_DELAY + 1, { interval: 1 });

  gas["castVote (first voter)"] = await gasOf(governor.write.castVote([proposalId, VoteType.For], { account: first.account }));
  gas["castVote (later voter)"] = await gasOf(governor.write.castVote([proposalId, VoteType.For], { account: later.account }));
  gas.castVoteWithReason = await gasOf(
    governor.write.castVoteWithReason([proposalId, VoteType.Against, "too soon"], { account: withReason.account }),
  );
  const [, name, version, chainId, verifyingContract] = await governor.read.eip712Domain();
  const ballot = ballotTypedData({
    governor: verifyingContract,
    chainId: Number(chainId),
    proposalId,
    support: VoteType.For,
    voter: bySig.account.address,
    nonce: await governor.read.nonces([bySig.account.address]),
  });
  const signature = await bySig.signTypedData({ ...ballot, domain: { ...ballot.domain, name, version } });
  gas.castVoteBySig = await gasOf(
    governor.write.castVoteBySig([proposalId, VoteType.For, bySig.account.address, signature], {
      account: deployer.account,
    }),
  );
  gas["castVote (reaches quorum)"] = await gasOf(
    governor.write.castVote([proposalId, VoteType.For], { account: whale.account }),
  );

  const deadline = await governor.read.proposalDeadline([proposalId]);
  const now = kind === "superchain" ? (await publicClient.getBlock()).timestamp : await publicClient.getBlockNumber();
  await networkHelpers.mine(Number(deadline - now) + 1, { interval: 1 });
  gas.queue = await gasOf(governor.write.queue([targets, values, calldatas, descriptionHash]));
  await networkHelpers.time.increase(TIMELOCK_DELAY + 1n);
  gas.execute = await gasOf(governor.write.execute([targets, values, calldatas, descriptionHash]));
  return gas;
}

const ours = await measure("superchain");
const baseline = await measure("baseline");

const rows = Object.keys(ours).map((operation) => {
  const a = ours[operation] ?? 0n;
  const b = baseline[operation] ?? 0n;
  return { operation, ours: a, baseline: b, ratio: Number(a) / Number(b) };
});
const pad = (s: string, n: number) => s.padEnd(n);
console.log(`\n${pad("operation", 28)}${pad("SuperchainGovernor", 20)}${pad("OZ baseline", 14)}ratio`);
for (const row of rows) {
  console.log(`${pad(row.operation, 28)}${pad(row.ours.toLocaleString("en-US"), 20)}${pad(row.baseline.toLocaleString("en-US"), 14)}${row.ratio.toFixed(3)}×`);
}
const castVoteRatios = rows.filter((r) => r.operation.startsWith("castVote (first") || r.operation.startsWith("castVote (later"));
const worst = Math.max(...castVoteRatios.map((r) => r.ratio));
console.log(
  `\ncastVote target ≤ ${CAST_VOTE_TARGET}× baseline: worst ${worst.toFixed(3)}× — ${worst <= CAST_VOTE_TARGET ? "met" : "MISSED"}`,
);
