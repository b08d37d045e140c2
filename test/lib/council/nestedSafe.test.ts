/**
 * A nested Safe signing its parent's transaction (EIP-1271 through the CompatibilityFallbackHandler),
 * two ways on in-process EDR with real Safe 1.4.1 contracts: `signAsNestedSafe` (EIP-712
 * SafeMessage) and protocol-kit 8.0.7's own path (`signTransaction(tx, SAFE_SIGNATURE, parent)`,
 * `buildContractSignature`, `buildSignatureBytes`, eth_sign). Both cover the same message hash the
 * nested Safe computes, both pass the parent's check, and protocol-kit's executes.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import Safe, { buildContractSignature, buildSignatureBytes } from "@safe-global/protocol-kit";
import { compatibilityFallbackHandler_1_4_1_ContractArtifacts, safe_1_4_1_ContractArtifacts, SigningMethod } from "@safe-global/types-kit";
import { getAddress, hashTypedData, parseEventLogs, type Address, type Hex } from "viem";

import { checkOwnerSignature } from "../../../lib/council/managers/checkSafeSignature.ts";
import { signAsNestedSafe } from "../../../lib/council/nestedSafe.ts";
import { contractSignatureData, encodeSafeSignatures, parseSafeSignatures, type OwnerSignature } from "../../../lib/council/safeSignatures.ts";
import { reviewCouncilTransaction, safeMessageTypedData } from "../../../lib/council/typedData.ts";
import type { SafeTxData } from "../../../lib/council/types.ts";
import { callSafeTx } from "../../../lib/web/council/safeTx.ts";
import { deployMixedOwnerSafe, type MixedOwnerSafeFixture } from "../../helpers/safe.ts";

const abi = safe_1_4_1_ContractArtifacts.abi;

describe("signAsNestedSafe and protocol-kit's nested Safe signature (EDR, Safe 1.4.1)", () => {
  let f: MixedOwnerSafeFixture;
  let tx: SafeTxData;
  const review = () => reviewCouncilTransaction({ safe: f.parent, chainId: f.chainId, data: tx });

  /** protocol-kit's standalone contract signature of `tx` by `nested`, each key signing in turn. */
  const kitSignature = async (nested: Address, keys: readonly Hex[]): Promise<Hex> => {
    let kit = await Safe.init({ provider: f.provider, signer: keys[0]!, safeAddress: nested, contractNetworks: f.contractNetworks });
    let signed = await kit.createTransaction({ transactions: [{ to: tx.to, value: tx.value.toString(), data: tx.data }], options: { nonce: Number(tx.nonce) } });
    for (const key of keys) {
      kit = await kit.connect({ signer: key });
      signed = await kit.signTransaction(signed, SigningMethod.SAFE_SIGNATURE, f.parent);
    }
    return buildSignatureBytes([await buildContractSignature([...signed.signatures.values()], nested)]) as Hex;
  };

  before(async () => {
    f = await deployMixedOwnerSafe();
    tx = callSafeTx({ to: f.wallets.outsider.account.address, data: "0x", value: 1n }, 0n);
  });

  it("signs the SafeMessage hash the nested Safe's fallback handler computes for the parent's txHashData", async () => {
    const { txHashData } = review();
    const onChain = await f.publicClient.readContract({ address: f.nested2, abi: compatibilityFallbackHandler_1_4_1_ContractArtifacts.abi, functionName: "getMessageHash", args: [txHashData] });
    assert.equal(hashTypedData(safeMessageTypedData({ safe: f.nested2, chainId: f.chainId, message: txHashData })), onChain);
    const kit = await Safe.init({ provider: f.provider, safeAddress: f.nested2, contractNetworks: f.contractNetworks });
    assert.equal(await kit.getSafeMessageHash(txHashData), onChain);
  });

  it("gives a contract signature of the same owners over the same hash as protocol-kit's, and the parent accepts both", async () => {
    const { safeTxHash, txHashData } = review();
    const messageHash = hashTypedData(safeMessageTypedData({ safe: f.nested2, chainId: f.chainId, message: txHashData }));
    const ours = await signAsNestedSafe({ nestedSafe: f.nested2, chainId: f.chainId, parentTxHashData: txHashData, owners: [f.nestedOwners.twoB, f.nestedOwners.twoA] });
    const [theirs, ...rest] = await parseSafeSignatures(safeTxHash, await kitSignature(f.nested2, [f.nestedKeys.twoA, f.nestedKeys.twoB]));
    assert.equal(rest.length, 0);
    assert.deepEqual([theirs!.owner, theirs!.kind], [f.nested2, "contract"]);

    const signers = async (signature: OwnerSignature) => (await parseSafeSignatures(messageHash, contractSignatureData(signature))).map(({ owner, kind }) => [owner, kind]);
    const owners = [f.nestedOwners.twoA.address, f.nestedOwners.twoB.address].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    assert.deepEqual(await signers(ours), owners.map((owner) => [getAddress(owner), "ecdsa"]));
    assert.deepEqual(await signers(theirs!), owners.map((owner) => [getAddress(owner), "ethSign"]));

    for (const signature of [ours, theirs!]) assert.deepEqual(await checkOwnerSignature(f.publicClient, { safe: f.parent, chainId: f.chainId, data: tx }, signature), { ok: true });
  });

  it("executes the parent's transaction with protocol-kit's nested signatures beside EOA ones", async () => {
    const { safeTxHash, typedData } = review();
    const { alice, carol, deployer } = f.wallets;
    const nested = await Promise.all([
      kitSignature(f.nested1, [f.nestedKeys.one]),
      kitSignature(f.nested2, [f.nestedKeys.twoB, f.nestedKeys.twoA]),
    ]);
    const signatures: OwnerSignature[] = [
      ...(await Promise.all(nested.map(async (bytes) => (await parseSafeSignatures(safeTxHash, bytes))[0]!))),
      { owner: getAddress(alice.account.address), kind: "ecdsa", signature: await alice.signTypedData({ account: alice.account, ...typedData }) },
      { owner: getAddress(carol.account.address), kind: "ecdsa", signature: await carol.signTypedData({ account: carol.account, ...typedData }) },
      { owner: f.nestedOwners.dave.address, kind: "ecdsa", signature: await f.nestedOwners.dave.signTypedData(typedData) },
    ];

    const d = tx;
    const hash = await deployer.writeContract({
      address: f.parent,
      abi,
      functionName: "execTransaction",
      args: [d.to, d.value, d.data, d.operation, d.safeTxGas, d.baseGas, d.gasPrice, d.gasToken, d.refundReceiver, encodeSafeSignatures(signatures)],
    });
    const receipt = await f.publicClient.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, "success");
    assert.equal(parseEventLogs({ abi, logs: receipt.logs, eventName: "ExecutionSuccess" }).length, 1);
  });
});
