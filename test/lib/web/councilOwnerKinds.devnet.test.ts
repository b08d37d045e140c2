import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import SafeApiKit from "@safe-global/api-kit";
import { concat, createWalletClient, http, pad, type Address, type Hash, type Hex } from "viem";

import { viemChain, type Manifest } from "../../../lib/chains/index.ts";
import { sequencerConfigRegistryAbi } from "../../../lib/contracts/index.ts";
import { fromKitTransactionData } from "../../../lib/council/managers/execution.ts";
import { signAsNestedSafe } from "../../../lib/council/nestedSafe.ts";
import { reviewCouncilTransaction } from "../../../lib/council/typedData.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { createSafe } from "../../../lib/safe/index.ts";
import { readCouncilOverview } from "../../../lib/web/council/overview.ts";
import { councilSafeAbi, councilSafeTx } from "../../../lib/web/council/safeTx.ts";
import { CouncilSignatureStore } from "../../../lib/web/council/store.ts";
import { getDeployment, isUnavailable } from "../../../lib/web/server/deployment.ts";
import { councilDevnet, execCouncilTx, hubReader, type CouncilDevnet } from "../../helpers/councilDevnet.ts";
import { proposeBuilt, refusedWith } from "../../helpers/transactionService.ts";

/** The nested Safe's standalone EIP-1271 signature of a council transaction, made by dev accounts `signers`. */
const nestedSafeSignature = async (nested: Address, chainId: number, txHashData: Hex, signers: readonly number[]): Promise<Hex> =>
  (await signAsNestedSafe({ nestedSafe: nested, chainId, parentTxHashData: txHashData, owners: signers.map((index) => devAccount(index)) })).signature;

describe("council owners of every kind: a nested Safe (EIP-1271), an approveHash owner and EOAs", () => {
  const devnet = councilDevnet("owner-kinds-");
  const [owner1, owner2, owner3] = DEV_ROLES.councilOwners;
  const [nestedOwnerA, nestedOwnerB, outsider] = DEV_ROLES.delegates;
  const { hub, nonce } = hubReader(() => devnet.manifest);
  let manifest: Manifest;
  let store: CouncilSignatureStore;
  let api: SafeApiKit;
  let signers: CouncilDevnet["signers"];
  let nested: Address;
  const sendAs = (index: number) => createWalletClient({ account: devAccount(index), chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });

  before(async () => {
    ({ manifest, store, api, signers } = devnet);
    // A 2-of-2 Safe replaces owner 3 on the council (owners 1 and 2 sign the swap, the deployer sends it).
    ({ address: nested } = await createSafe(sendAs(DEV_ROLES.deployer), { owners: [devAccount(nestedOwnerA).address, devAccount(nestedOwnerB).address], threshold: 2, saltNonce: 7n }));
    const kit1 = await signers.kit(owner1);
    let swap = await kit1.createSwapOwnerTx({ oldOwnerAddress: devAccount(owner3).address, newOwnerAddress: nested });
    swap = await kit1.signTransaction(swap);
    swap = await (await signers.kit(owner2)).signTransaction(swap);
    const { hash } = await (await signers.kit(DEV_ROLES.deployer)).executeTransaction(swap);
    assert.equal((await hub().waitForTransactionReceipt({ hash: hash as Hash })).status, "success");
  });

  it("the page tells each owner's kind and the path it approves by", async () => {
    const deployment = await getDeployment();
    assert.ok(!isUnavailable(deployment));
    const { ownerKinds } = await readCouncilOverview(deployment, store);
    const byOwner = new Map(ownerKinds.map((kind) => [kind.owner, kind]));
    assert.equal(byOwner.get(devAccount(owner1).address)?.kind, "eoa");
    const safe = byOwner.get(nested);
    assert.equal(safe?.kind, "safe");
    assert.ok(safe?.kind === "safe" && safe.threshold === 2 && safe.owners.length === 2 && safe.version === "1.4.1");
  });

  it("the nested Safe confirms through EIP-1271 (api-kit), and the decision executes with its contract signature", async () => {
    const at = await nonce();
    const proposal = await signers.build(owner1, councilSafeTx(manifest.contracts.sequencerConfig, { kind: "pause", chainId: 902n }, at), at);
    await proposeBuilt(api, manifest.council.safe, proposal);
    const { txHashData } = reviewCouncilTransaction({ safe: manifest.council.safe, chainId: manifest.hub.chainId, data: fromKitTransactionData(proposal.tx.data) });

    // One of two nested owners is not the nested Safe's threshold: the council Safe's own check refuses it.
    const half = await nestedSafeSignature(nested, manifest.hub.chainId, txHashData, [nestedOwnerA]);
    await assert.rejects(api.confirmTransaction(proposal.safeTxHash, half), refusedWith(400, "bad_signature"));
    // Signed for another council transaction: refused too.
    const other = reviewCouncilTransaction({ safe: manifest.council.safe, chainId: manifest.hub.chainId, data: councilSafeTx(manifest.contracts.sequencerConfig, { kind: "pause", chainId: 901n }, at) });
    const elsewhere = await nestedSafeSignature(nested, manifest.hub.chainId, other.txHashData, [nestedOwnerA, nestedOwnerB]);
    await assert.rejects(api.confirmTransaction(proposal.safeTxHash, elsewhere), refusedWith(400, "bad_signature"));

    const contractSignature = await nestedSafeSignature(nested, manifest.hub.chainId, txHashData, [nestedOwnerA, nestedOwnerB]);
    await api.confirmTransaction(proposal.safeTxHash, contractSignature);
    const stored = await api.getTransaction(proposal.safeTxHash);
    assert.deepEqual(stored.confirmations?.map((c) => [c.owner, c.signatureType]), [[devAccount(owner1).address, "EOA"], [nested, "CONTRACT_SIGNATURE"]]);
    assert.ok(stored.signatures, "two of three owners confirmed: the packed signatures are offered");

    // A non-owner executes with what the service packed (the contract signature's data after the entries).
    const hash = await execCouncilTx(sendAs(outsider), manifest.council.safe, fromKitTransactionData(proposal.tx.data), stored.signatures as Hex);
    assert.equal((await hub().waitForTransactionReceipt({ hash })).status, "success");
    assert.equal(await hub().readContract({ address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "isPaused", args: [902n] }), true);
    assert.equal((await api.getTransaction(proposal.safeTxHash)).isExecuted, true);
  });

  it("an owner that approved the hash on-chain confirms with an approved-hash signature; without the approval it is refused", async () => {
    const at = await nonce();
    const proposal = await signers.build(owner1, councilSafeTx(manifest.contracts.sequencerConfig, { kind: "unpause", chainId: 902n }, at), at);
    await proposeBuilt(api, manifest.council.safe, proposal);
    const approved = concat([pad(devAccount(owner2).address, { size: 32 }), pad("0x", { size: 32 }), "0x01"]);
    await assert.rejects(api.confirmTransaction(proposal.safeTxHash, approved), refusedWith(400, "bad_signature", /not approved this transaction.s hash on-chain/));
    const approval = await sendAs(owner2).writeContract({ address: manifest.council.safe, abi: councilSafeAbi, functionName: "approveHash", args: [proposal.safeTxHash] });
    assert.equal((await hub().waitForTransactionReceipt({ hash: approval })).status, "success");
    await api.confirmTransaction(proposal.safeTxHash, approved);
    const stored = await api.getTransaction(proposal.safeTxHash);
    assert.deepEqual(stored.confirmations?.map((c) => c.signatureType), ["EOA", "APPROVED_HASH"]);
    // A non-owner's approved hash names no owner the Safe has.
    const stranger = concat([pad(devAccount(outsider).address, { size: 32 }), pad("0x", { size: 32 }), "0x01"]);
    await assert.rejects(api.confirmTransaction(proposal.safeTxHash, stranger), refusedWith(400, "not_owner"));
  });
});
