/**
 * One owner's signature checked as Safe 1.4.1 will check it, on in-process EDR with the real
 * contracts: a parent Safe owned by an EIP-712 EOA, an eth_sign EOA, a nested 1-of-1 Safe, a
 * nested 2-of-2 Safe, an approveHash owner and an owner who never approves. Each kind passes
 * `checkOwnerSignature`; each wrong one is refused with its reason; the mixed bytes execute.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { safe_1_4_1_ContractArtifacts } from "@safe-global/types-kit";
import { concat, getAddress, parseEventLogs, type Address, type Hex } from "viem";

import { checkOwnerSignature, type CheckOwnerSignatureReturnType } from "../../../../lib/council/managers/checkSafeSignature.ts";
import { signAsNestedSafe } from "../../../../lib/council/nestedSafe.ts";
import { approvedHashSignature, contractSignature, encodeSafeSignatures, ethSignSignature, parseSafeSignatures, type OwnerSignature } from "../../../../lib/council/safeSignatures.ts";
import { reviewCouncilTransaction } from "../../../../lib/council/typedData.ts";
import type { SafeTxData } from "../../../../lib/council/types.ts";
import { canonicalSafeContract } from "../../../../lib/safe/canonical.ts";
import { callSafeTx } from "../../../../lib/web/council/safeTx.ts";
import { deployMixedOwnerSafe, type MixedOwnerSafeFixture } from "../../../helpers/safe.ts";

type Wallet = MixedOwnerSafeFixture["wallets"]["alice"];
const abi = safe_1_4_1_ContractArtifacts.abi;
/** keccak256("fallback_manager.handler.address"): where a Safe keeps its fallback handler. */
const FALLBACK_HANDLER_SLOT = "0x6c9a6c4a39284e37ed1cf53d337577d14212a4870fb976a4366c693b939918d5";

describe("checkOwnerSignature on a Safe with owners of every kind (EDR, Safe 1.4.1)", () => {
  let f: MixedOwnerSafeFixture;
  let tx: SafeTxData;
  let other: SafeTxData;
  const subject = (data: SafeTxData = tx, chainId = f.chainId) => ({ safe: f.parent, chainId, data });
  const review = (data: SafeTxData = tx) => reviewCouncilTransaction(subject(data));
  const check = (signature: OwnerSignature, data: SafeTxData = tx) => checkOwnerSignature(f.publicClient, subject(data), signature);
  const refused = (verdict: CheckOwnerSignatureReturnType, reason: string) => {
    assert.equal(verdict.ok, false, `expected ${reason}`);
    if (!verdict.ok) assert.equal(verdict.reason, reason, verdict.message);
  };

  const eoa = async (wallet: Wallet, data: SafeTxData = tx, owner: Address = wallet.account.address): Promise<OwnerSignature> => ({
    owner: getAddress(owner),
    kind: "ecdsa",
    signature: await wallet.signTypedData({ account: wallet.account, ...review(data).typedData }),
  });
  const ethSign = async (wallet: Wallet, data: SafeTxData = tx) =>
    ethSignSignature(wallet.account.address, await wallet.signMessage({ account: wallet.account, message: { raw: review(data).safeTxHash } }));
  const nested1 = (data: SafeTxData = tx) => signAsNestedSafe({ nestedSafe: f.nested1, chainId: f.chainId, parentTxHashData: review(data).txHashData, owners: [f.nestedOwners.one] });
  const nested2 = (owners = [f.nestedOwners.twoA, f.nestedOwners.twoB], data: SafeTxData = tx) =>
    signAsNestedSafe({ nestedSafe: f.nested2, chainId: f.chainId, parentTxHashData: review(data).txHashData, owners });

  before(async () => {
    f = await deployMixedOwnerSafe();
    tx = callSafeTx({ to: f.wallets.outsider.account.address, data: "0x", value: 1n }, 0n);
    other = callSafeTx({ to: f.wallets.outsider.account.address, data: "0x", value: 2n }, 0n);
  });

  it("creates the nested Safes with the CompatibilityFallbackHandler that answers isValidSignature", async () => {
    for (const nested of [f.nested1, f.nested2]) {
      const handler = await f.publicClient.getStorageAt({ address: nested, slot: FALLBACK_HANDLER_SLOT });
      assert.equal(getAddress(`0x${handler!.slice(-40)}`), canonicalSafeContract("CompatibilityFallbackHandler").address);
    }
  });

  it("hashes the transaction data as the parent Safe does (encodeTransactionData)", async () => {
    const d = tx;
    const onChain = await f.publicClient.readContract({
      address: f.parent,
      abi,
      functionName: "encodeTransactionData",
      args: [d.to, d.value, d.data, d.operation, d.safeTxGas, d.baseGas, d.gasPrice, d.gasToken, d.refundReceiver, d.nonce],
    });
    assert.equal(onChain, review().txHashData);
  });

  it("accepts each kind of owner: EIP-712, eth_sign, a nested 1-of-1 and 2-of-2 Safe, an approved hash", async () => {
    const { alice, carol, bob } = f.wallets;
    for (const signature of [await eoa(alice), await ethSign(carol), await nested1(), await nested2()]) {
      assert.deepEqual(await check(signature), { ok: true }, `${signature.kind} ${signature.owner}`);
    }
    const approval = approvedHashSignature(bob.account.address);
    refused(await check(approval), "hash_not_approved");
    await f.publicClient.waitForTransactionReceipt({ hash: await bob.writeContract({ address: f.parent, abi, functionName: "approveHash", args: [review().safeTxHash] }) });
    assert.deepEqual(await check(approval), { ok: true });
  });

  it("refuses a non-owner, a signature attributed to someone else, and an approval never given", async () => {
    const { alice, outsider } = f.wallets;
    refused(await check(await eoa(outsider)), "not_owner");
    refused(await check(await eoa(outsider, tx, alice.account.address)), "bad_signature");
    refused(await check(await eoa(alice, other, alice.account.address)), "bad_signature");
    refused(await check(approvedHashSignature(f.nestedOwners.dave.address)), "hash_not_approved");
    refused(await check(approvedHashSignature(outsider.account.address)), "not_owner");
  });

  it("refuses a nested Safe's signature of another transaction, or short of its threshold, or from an owner with no code", async () => {
    refused(await check(await nested1(other)), "invalid_contract_signature");
    refused(await check(await nested2([f.nestedOwners.twoA])), "invalid_contract_signature");
    refused(await check(await nested2([f.nestedOwners.twoA, f.nestedOwners.one])), "invalid_contract_signature");
    refused(await check(contractSignature(f.wallets.alice.account.address, (await eoa(f.wallets.alice)).signature)), "invalid_contract_signature");
  });

  it("refuses malformed bytes and bytes for another chain's domain", async () => {
    const alice = await eoa(f.wallets.alice);
    refused(await check({ ...alice, signature: concat([alice.signature, "0x00"]) }), "malformed");
    refused(await check({ ...alice, kind: "ethSign" }), "malformed");
    const nested = await nested1();
    refused(await check({ ...nested, signature: nested.signature.slice(0, -2) as Hex }), "malformed");
    refused(await checkOwnerSignature(f.publicClient, subject(tx, f.chainId + 1), alice), "wrong_domain");
    refused(await checkOwnerSignature(f.publicClient, { safe: f.parent, txHashData: review().txHashData.slice(0, -2) as Hex }, alice), "wrong_domain");
    assert.deepEqual(await checkOwnerSignature(f.publicClient, { safe: f.parent, txHashData: review().txHashData }, alice), { ok: true });
  });

  it("executes with the mixed kinds packed by encodeSafeSignatures, which parse back to the same owners", async () => {
    const { alice, carol, deployer, outsider } = f.wallets;
    const signatures = [await nested2(), approvedHashSignature(f.wallets.bob.account.address), await eoa(alice), await nested1(), await ethSign(carol)];
    const packed = encodeSafeSignatures(signatures);
    const parsed = await parseSafeSignatures(review().safeTxHash, packed);
    const byOwner = (list: readonly OwnerSignature[]) => [...list].sort((a, b) => (BigInt(a.owner) < BigInt(b.owner) ? -1 : 1));
    assert.deepEqual(parsed, byOwner(signatures).map((signature) => ({ ...signature, signature: signature.signature.toLowerCase() })));

    const before = await f.publicClient.getBalance({ address: outsider.account.address });
    const d = tx;
    const hash = await deployer.writeContract({
      address: f.parent,
      abi,
      functionName: "execTransaction",
      args: [d.to, d.value, d.data, d.operation, d.safeTxGas, d.baseGas, d.gasPrice, d.gasToken, d.refundReceiver, packed],
    });
    const receipt = await f.publicClient.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success");
    assert.equal(parseEventLogs({ abi, logs: receipt.logs, eventName: "ExecutionSuccess" }).length, 1);
    assert.equal(await f.publicClient.getBalance({ address: outsider.account.address }), before + 1n);
    assert.equal(await f.publicClient.readContract({ address: f.parent, abi, functionName: "nonce" }), 1n);
  });
});
