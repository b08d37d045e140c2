/**
 * The Security Council through a real Safe 1.4.1 on in-process EDR: transactions built by
 * protocol-kit at the current nonce, reviewed (hashes a signer checks), signed off-chain by viem
 * accounts, verified before they count, and executed — or refused with typed errors.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { safe_1_4_1_ContractArtifacts } from "@safe-global/types-kit";
import { concat, encodeFunctionData, getAddress, hashTypedData, keccak256, zeroAddress, type Address, type Hex } from "viem";

import {
  CouncilDuplicateSignatureError,
  CouncilNotOwnerError,
  CouncilSafe,
  CouncilSignatureMismatchError,
  CouncilStaleNonceError,
  CouncilThresholdNotMetError,
  CouncilWrongSafeError,
  reviewCouncilTransaction,
  type CouncilTransaction,
} from "../../../lib/council/index.ts";
import { deployCouncilSafe, TOKEN_SUPPLY, type CouncilSafeFixture } from "../../helpers/safe.ts";

type Wallet = CouncilSafeFixture["wallets"]["alice"];

describe("CouncilSafe on a real Safe 1.4.1 (EDR)", () => {
  let f: CouncilSafeFixture;
  let council: CouncilSafe;
  let outsider: Address;
  before(async () => {
    f = await deployCouncilSafe();
    council = await CouncilSafe.connect({ safe: f.safe, provider: f.provider, pollingInterval: 50 });
    outsider = getAddress(f.wallets.outsider.account.address);
  });

  const transferCall = (amount: bigint, to: Address = outsider) => ({
    to: f.token.address,
    data: encodeFunctionData({ abi: f.token.abi, functionName: "transfer", args: [to, amount] }),
  });
  /** An owner signing the typed data in its own wallet, as the browser will. */
  const signWith = async (wallet: Wallet, tx: CouncilTransaction) => ({
    signer: getAddress(wallet.account.address),
    signature: await wallet.signTypedData({ account: wallet.account, ...reviewCouncilTransaction(tx).typedData }),
  });
  const safeNonce = () =>
    f.publicClient.readContract({ address: f.safe, abi: safe_1_4_1_ContractArtifacts.abi, functionName: "nonce" });

  it("reads owners, threshold and nonce through protocol-kit", async () => {
    assert.equal(council.address, f.safe);
    assert.equal(council.chainId, f.chainId);
    assert.deepEqual(await council.getState(), { owners: f.owners, threshold: 2, nonce: 0n });
  });

  it("builds at the current nonce and shows hashes that combine to the Safe's own safeTxHash", async () => {
    const tx = await council.buildTransaction(transferCall(1n));
    assert.equal(tx.data.nonce, 0n);
    assert.deepEqual(tx.signatures, []);
    const { safeTxHash, domainHash, messageHash, typedData } = council.review(tx);
    assert.equal(keccak256(concat(["0x1901", domainHash, messageHash])), safeTxHash);
    assert.equal(hashTypedData(typedData), safeTxHash);
    const read = { address: f.safe, abi: safe_1_4_1_ContractArtifacts.abi } as const;
    assert.equal(await f.publicClient.readContract({ ...read, functionName: "domainSeparator" }), domainHash);
    const d = tx.data;
    const onChainHash = await f.publicClient.readContract({
      ...read,
      functionName: "getTransactionHash",
      args: [d.to, d.value, d.data, d.operation, d.safeTxGas, d.baseGas, d.gasPrice, d.gasToken, d.refundReceiver, d.nonce],
    });
    assert.equal(onChainHash, safeTxHash);
  });

  it("refuses one signature, executes with two, and moves the nonce", async () => {
    const { alice, bob, deployer } = f.wallets;
    const tx = await council.buildTransaction(transferCall(100n));
    const once = await council.addSignature(tx, await signWith(alice, tx));
    assert.deepEqual((await council.getApprovals(once)).missing, 1);

    const blockBefore = await f.publicClient.getBlockNumber();
    for (const relayer of [deployer, alice]) {
      // An executing owner is not an implicit approval.
      await assert.rejects(council.execute(once, { address: relayer.account.address }), (error: unknown) => {
        assert.ok(error instanceof CouncilThresholdNotMetError);
        assert.equal(error.approvals, 1);
        assert.equal(error.threshold, 2);
        return true;
      });
    }
    assert.equal(await f.publicClient.getBlockNumber(), blockBefore, "nothing was sent");
    assert.equal(await safeNonce(), 0n);

    // Bob signs through protocol-kit (eth_signTypedData_v4), the CLI's path.
    const twice = await council.addSignature(once, await council.sign(once, { address: bob.account.address }));
    assert.deepEqual(twice.signatures.map((s) => s.signer), [f.owners[0], f.owners[1]]);
    const { safeTxHash } = await council.execute(twice, { address: deployer.account.address });
    assert.equal(safeTxHash, council.review(tx).safeTxHash);
    assert.equal(await f.token.read.balanceOf([outsider]), 100n);
    assert.equal(await f.token.read.balanceOf([f.safe]), TOKEN_SUPPLY - 100n);
    assert.equal(await safeNonce(), 1n);
    assert.equal((await council.getState()).nonce, 1n);

    // The executed transaction is now stale: neither signing nor executing it again is possible.
    await assert.rejects(council.addSignature(once, await signWith(bob, once)), CouncilStaleNonceError);
    await assert.rejects(council.execute(twice, { address: deployer.account.address }), CouncilStaleNonceError);
  });

  it("refuses a non-owner, another nonce, a duplicate, another safeTxHash and a wrong attribution", async () => {
    const { alice, bob, outsider: stranger } = f.wallets;
    const tx = await council.buildTransaction(transferCall(5n));

    await assert.rejects(council.addSignature(tx, await signWith(stranger, tx)), (error: unknown) => {
      assert.ok(error instanceof CouncilNotOwnerError);
      assert.equal(error.signer, outsider);
      return true;
    });

    const later = { ...tx, data: { ...tx.data, nonce: tx.data.nonce + 1n } };
    await assert.rejects(council.addSignature(later, await signWith(alice, later)), (error: unknown) => {
      assert.ok(error instanceof CouncilStaleNonceError);
      assert.equal(error.safeNonce, tx.data.nonce);
      assert.equal(error.transactionNonce, tx.data.nonce + 1n);
      return true;
    });
    // A signature over the other nonce is a signature over another safeTxHash for this tx.
    await assert.rejects(council.addSignature(tx, await signWith(alice, later)), CouncilSignatureMismatchError);

    const signed = await council.addSignature(tx, await signWith(alice, tx));
    await assert.rejects(council.addSignature(signed, await signWith(alice, tx)), CouncilDuplicateSignatureError);

    const other = await council.buildTransaction(transferCall(6n));
    await assert.rejects(council.addSignature(tx, await signWith(bob, other)), (error: unknown) => {
      assert.ok(error instanceof CouncilSignatureMismatchError);
      assert.equal(error.signer, f.owners[1]);
      return true;
    });

    const bobs = await signWith(bob, tx);
    await assert.rejects(council.addSignature(tx, { signer: f.owners[2] as Address, signature: bobs.signature }), (error: unknown) => {
      assert.ok(error instanceof CouncilSignatureMismatchError);
      assert.equal(error.recovered, f.owners[1]);
      return true;
    });
    await assert.rejects(council.addSignature(tx, { ...bobs, signature: "0x1234" }), CouncilSignatureMismatchError);

    const elsewhere = { ...tx, safe: zeroAddress };
    assert.throws(() => council.review(elsewhere), CouncilWrongSafeError);
    await assert.rejects(council.addSignature(elsewhere, bobs), CouncilWrongSafeError);
  });

  it("accepts a wallet's v = 0/1 as 27/28, and refuses eth_sign-style v > 30", async () => {
    const tx = await council.buildTransaction(transferCall(3n));
    const { signer, signature } = await signWith(f.wallets.alice, tx);
    const v = Number.parseInt(signature.slice(-2), 16);
    const withV = (value: number): Hex => `0x${signature.slice(2, -2)}${value.toString(16).padStart(2, "0")}`;
    const added = await council.addSignature(tx, { signer, signature: withV(v - 27) });
    assert.equal(added.signatures[0]?.signature, withV(v).toLowerCase());
    await assert.rejects(council.addSignature(tx, { signer, signature: withV(v + 4) }), CouncilSignatureMismatchError);
  });

  it("re-verifies stored signatures: a forged list cannot execute", async () => {
    const { alice, outsider: stranger, deployer } = f.wallets;
    const tx = await council.buildTransaction(transferCall(7n));
    const forged: CouncilTransaction = { ...tx, signatures: [await signWith(alice, tx), await signWith(stranger, tx)] };
    await assert.rejects(council.execute(forged, { address: deployer.account.address }), CouncilNotOwnerError);
    const doubled: CouncilTransaction = { ...tx, signatures: [await signWith(alice, tx), await signWith(alice, tx)] };
    await assert.rejects(council.execute(doubled, { address: deployer.account.address }), CouncilDuplicateSignatureError);
    assert.equal(await safeNonce(), tx.data.nonce);
  });

  it("executes with one off-chain signature and one on-chain approved hash", async () => {
    const { alice, carol, deployer, outsider: stranger } = f.wallets;
    const tx = await council.buildTransaction(transferCall(40n));
    const nonce = tx.data.nonce;

    await assert.rejects(council.approveHash(tx, { address: stranger.account.address }), CouncilNotOwnerError);
    await council.approveHash(tx, { address: carol.account.address });
    await assert.rejects(council.approveHash(tx, { address: carol.account.address }), CouncilDuplicateSignatureError);

    const approvedOnly = await council.getApprovals(tx);
    assert.deepEqual(approvedOnly.approvedOnChain, [f.owners[2]]);
    assert.equal(approvedOnly.missing, 1);
    await assert.rejects(council.execute(tx, { address: deployer.account.address }), CouncilThresholdNotMetError);

    const signed = await council.addSignature(tx, await signWith(alice, tx));
    const approvals = await council.getApprovals(signed);
    assert.deepEqual(approvals.approvers, [f.owners[0], f.owners[2]]);
    assert.equal(approvals.missing, 0);

    const before = await f.token.read.balanceOf([outsider]);
    await council.execute(signed, { address: deployer.account.address });
    assert.equal(await f.token.read.balanceOf([outsider]), before + 40n);
    assert.equal(await safeNonce(), nonce + 1n);
  });
});
