/**
 * lib/rpc/gasHeadroom on a real (in-process EDR) chain that, like the devnet's member chains,
 * lets blocks share a second: an estimate made in one second is short once the write lands in
 * the next, because a Votes token then pushes new checkpoints instead of updating them.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { network } from "hardhat";
import { encodeFunctionData, parseEther, type Address } from "viem";

import { superchainTokenAbi } from "../../../lib/contracts/index.ts";
import { withGasHeadroom, writeContractWithHeadroom } from "../../../lib/rpc/gasHeadroom.ts";

describe("lib/rpc/gasHeadroom", () => {
  let viem: Awaited<ReturnType<typeof network.connect>>["viem"];
  let token: Address;
  let holder: Address;
  let deployer: Awaited<ReturnType<typeof viem.getWalletClients>>[number];

  /** Pins the next block's timestamp; the estimate's pending block uses it too. */
  const nextBlockAt = async (timestamp: bigint) => {
    const test = await viem.getTestClient();
    await test.request({ method: "evm_setNextBlockTimestamp", params: [`0x${timestamp.toString(16)}`] } as never);
  };
  const transferData = () => encodeFunctionData({ abi: superchainTokenAbi, functionName: "transfer", args: [holder, parseEther("1")] });

  before(async () => {
    ({ viem } = await network.connect({ override: { allowBlocksWithSameTimestamp: true } }));
    const wallets = await viem.getWalletClients();
    deployer = wallets[0]!;
    holder = wallets[1]!.account.address;
    const contract = await viem.deployContract("SuperchainToken", ["Superchain", "SUP", deployer.account.address, parseEther("1000000")]);
    token = contract.address;
    const publicClient = await viem.getPublicClient();
    await publicClient.waitForTransactionReceipt({ hash: await deployer.writeContract({ address: token, abi: superchainTokenAbi, functionName: "delegate", args: [deployer.account.address] }) });
    await publicClient.waitForTransactionReceipt({ hash: await wallets[1]!.writeContract({ address: token, abi: superchainTokenAbi, functionName: "delegate", args: [holder] }) });
  });

  it("adds a quarter and two checkpoints' worth to an estimate", () => {
    assert.equal(withGasHeadroom(100_000n), 165_000n);
    assert.equal(withGasHeadroom(0n), 40_000n);
  });

  it("a transfer estimated in the second of its delegates' last checkpoints runs out at the estimate, and fits with the headroom", async () => {
    const publicClient = await viem.getPublicClient();
    const send = async (gas: bigint) => {
      const latest = await publicClient.getBlock();
      await nextBlockAt(latest.timestamp + 10n);
      await publicClient.waitForTransactionReceipt({ hash: await deployer.sendTransaction({ to: token, data: transferData() }) }); // checkpoints at t
      await nextBlockAt(latest.timestamp + 10n);
      const estimate = await publicClient.estimateGas({ account: deployer.account, to: token, data: transferData() }); // updates them in place at t
      await nextBlockAt(latest.timestamp + 11n);
      const hash = await deployer.sendTransaction({ to: token, data: transferData(), gas: gas === 0n ? estimate : withGasHeadroom(estimate) }); // pushes new ones at t + 1
      return { estimate, receipt: await publicClient.waitForTransactionReceipt({ hash }) };
    };
    await assert.rejects(send(0n), /out of gas/i);
    const { estimate, receipt } = await send(1n);
    assert.equal(receipt.status, "success");
    assert.ok(receipt.gasUsed > estimate, `used ${receipt.gasUsed}, estimated ${estimate}`);
  });

  it("writeContractWithHeadroom sends with the headroom over the node's estimate, and keeps a gas limit the caller set", async () => {
    const publicClient = await viem.getPublicClient();
    const call = { address: token, abi: superchainTokenAbi, functionName: "transfer", args: [holder, parseEther("1")] } as const;
    const estimate = await publicClient.estimateContractGas({ ...call, account: deployer.account });
    const sent = await publicClient.getTransaction({ hash: await writeContractWithHeadroom(deployer, call) });
    assert.equal(sent.gas, withGasHeadroom(estimate));
    const pinned = await publicClient.getTransaction({ hash: await writeContractWithHeadroom(deployer, { ...call, gas: 90_000n }) });
    assert.equal(pinned.gas, 90_000n);
  });
});
