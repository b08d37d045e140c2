import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import SafeApiKit from "@safe-global/api-kit";
import { createWalletClient, http, zeroAddress, type Hash } from "viem";

import { viemChain, type Manifest } from "../../../lib/chains/index.ts";
import { sequencerConfigRegistryAbi } from "../../../lib/contracts/index.ts";
import { CouncilSafe, councilCall, reviewCouncilTransaction, type CouncilDecision } from "../../../lib/council/index.ts";
import { SafeOperation, type SafeTxData } from "../../../lib/council/types.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { readCouncilOverview } from "../../../lib/web/council/overview.ts";
import { callSafeTx, councilSafeAbi, councilSafeTx, encodeExecSignatures, safeTxToJson } from "../../../lib/web/council/safeTx.ts";
import { CouncilSignatureStore } from "../../../lib/web/council/store.ts";
import { proposeMultisigTransaction, SERVICE_BODY_LIMIT } from "../../../lib/web/council/transactionService/http.ts";
import { getDeployment, isUnavailable } from "../../../lib/web/server/deployment.ts";
import { malleate, readServiceAnswer, signedProposal } from "../../helpers/councilProposal.ts";
import { councilDevnet, execCouncilTx, hubReader, type CouncilDevnet } from "../../helpers/councilDevnet.ts";
import { proposeBuilt, refusedWith, type BuiltCouncilTx } from "../../helpers/transactionService.ts";

describe("Safe Transaction Service–compatible API, driven by api-kit and protocol-kit against a devnet", () => {
  const devnet = councilDevnet("tx-service-");
  const [owner1, owner2, owner3] = DEV_ROLES.councilOwners;
  const outsider = DEV_ROLES.delegates[0];
  const { hub, nonce } = hubReader(() => devnet.manifest);
  let manifest: Manifest;
  let store: CouncilSignatureStore;
  let service: CouncilDevnet["service"];
  let api: SafeApiKit;
  let kit: CouncilDevnet["signers"]["kit"];
  let build: CouncilDevnet["signers"]["build"];
  before(() => {
    ({ manifest, store, service, api } = devnet);
    ({ kit, build } = devnet.signers);
  });

  const decisionCall = (decision: CouncilDecision, at: bigint) => councilSafeTx(manifest.contracts.sequencerConfig, decision, at);
  const propose = (built: BuiltCouncilTx) => proposeBuilt(api, manifest.council.safe, built);

  it("proposes, confirms, lists pending and executes a decision through api-kit and protocol-kit unchanged", async () => {
    const at = await nonce();
    const info = await api.getSafeInfo(manifest.council.safe);
    assert.equal(info.nonce, at.toString());
    assert.equal(info.threshold, 2);
    assert.deepEqual(info.owners.map((owner) => owner.toLowerCase()).sort(), DEV_ROLES.councilOwners.map((i) => devAccount(i).address.toLowerCase()).sort());
    assert.equal(info.version, "1.4.1");
    assert.match((await api.getServiceInfo()).name, /Safe Transaction Service/);

    const pause = await build(owner1, decisionCall({ kind: "pause", chainId: 901n }, at), at);
    await propose(pause);
    const pending = await api.getPendingTransactions(manifest.council.safe);
    assert.deepEqual(pending.results.map((tx) => tx.safeTxHash), [pause.safeTxHash]);
    assert.equal(pending.results[0]!.confirmationsRequired, 2);
    assert.equal(pending.results[0]!.proposer, pause.sender);
    assert.equal(pending.results[0]!.origin, "test");
    assert.equal(await api.getNextNonce(manifest.council.safe), (at + 1n).toString());

    const second = await build(owner2, decisionCall({ kind: "pause", chainId: 901n }, at), at, "ethSign");
    assert.equal(second.safeTxHash, pause.safeTxHash);
    await api.confirmTransaction(pause.safeTxHash, second.signature);
    const confirmations = await api.getTransactionConfirmations(pause.safeTxHash);
    assert.deepEqual(confirmations.results.map((c) => [c.owner, c.signatureType]), [[pause.sender, "EOA"], [second.sender, "ETH_SIGN"]]);

    // Anyone executes what the service holds: protocol-kit reads the confirmations and packs them.
    const stored = await api.getTransaction(pause.safeTxHash);
    assert.equal(stored.isExecuted, false);
    const executor = await kit(outsider);
    const result = await executor.executeTransaction(stored);
    assert.equal((await hub().waitForTransactionReceipt({ hash: result.hash as Hash })).status, "success");
    assert.equal(await hub().readContract({ address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "isPaused", args: [901n] }), true);

    const executed = await api.getTransaction(pause.safeTxHash);
    assert.equal(executed.isExecuted, true);
    assert.equal(executed.isSuccessful, true);
    assert.equal(executed.transactionHash, result.hash);
    assert.deepEqual((await api.getPendingTransactions(manifest.council.safe)).results, []);
    const history = await api.getMultisigTransactions(manifest.council.safe, { executed: true });
    assert.ok(history.results.some((tx) => tx.safeTxHash === pause.safeTxHash));

    // A third owner's confirmation of the executed transaction: its nonce is gone.
    const late = await build(owner3, decisionCall({ kind: "pause", chainId: 901n }, at), at);
    await assert.rejects(api.confirmTransaction(pause.safeTxHash, late.signature), refusedWith(400, "stale_nonce", /already executed/));
  });

  it("queues decisions at n and n + 1; an on-chain rejection replaces the alternative at n", async () => {
    const at = await nonce();
    const first = await build(owner1, decisionCall({ kind: "pause", chainId: 902n }, at), at);
    const next = await build(owner1, decisionCall({ kind: "pause", chainId: 0n }, at + 1n), at + 1n);
    await propose(first);
    await propose(next);
    // Safe{Wallet}'s "reject": the Safe calls itself with nothing, at the nonce of what it rejects.
    const rejection = await build(owner2, callSafeTx({ to: manifest.council.safe, data: "0x" }, at), at);
    await propose(rejection);
    const pending = await api.getPendingTransactions(manifest.council.safe, { ordering: "nonce" });
    assert.deepEqual(pending.results.map((tx) => BigInt(tx.nonce)), [at, at, at + 1n]);
    assert.equal(await api.getNextNonce(manifest.council.safe), (at + 2n).toString());

    await api.confirmTransaction(rejection.safeTxHash, (await build(owner3, callSafeTx({ to: manifest.council.safe, data: "0x" }, at), at)).signature);
    const executor = await kit(outsider);
    const result = await executor.executeTransaction(await api.getTransaction(rejection.safeTxHash));
    assert.equal((await hub().waitForTransactionReceipt({ hash: result.hash as Hash })).status, "success");
    assert.equal(await nonce(), at + 1n);

    const all = await api.getMultisigTransactions(manifest.council.safe, { nonce__gte: at.toString() } as never);
    const status = new Map(all.results.map((tx) => [tx.safeTxHash, (tx as unknown as { queueStatus: string }).queueStatus]));
    assert.equal(status.get(rejection.safeTxHash), "executed");
    assert.equal(status.get(first.safeTxHash), "replaced");
    assert.equal(status.get(next.safeTxHash), "queued");
    assert.deepEqual((await api.getPendingTransactions(manifest.council.safe)).results.map((tx) => tx.safeTxHash), [next.safeTxHash]);
    // The replaced decision's signatures are stale: no more confirmations for it.
    const staleConfirm = await build(owner2, decisionCall({ kind: "pause", chainId: 902n }, at), at);
    await assert.rejects(api.confirmTransaction(first.safeTxHash, staleConfirm.signature), refusedWith(400, "stale_nonce"));
  });

  it("refuses what the service refuses, in its error shapes, and stores none of it", async () => {
    const at = await nonce();
    const decision = decisionCall({ kind: "unpause", chainId: 901n }, at);
    const byOutsider = await build(outsider, decision, at);
    await assert.rejects(propose(byOutsider), refusedWith(422, "not_owner", /not an owner/));
    const stale = await build(owner1, decision, at - 1n);
    await assert.rejects(propose(stale), refusedWith(422, "stale_nonce", /already executed/));
    const token = await build(owner1, { to: manifest.contracts.token, data: "0x" }, at);
    await assert.rejects(propose(token), refusedWith(422, "not_council_decision"));
    const good = await build(owner1, decision, at);
    await assert.rejects(propose({ ...good, signature: (await build(owner2, decision, at)).signature }), refusedWith(422, "sender_mismatch"));
    await assert.rejects(propose({ ...good, safeTxHash: `0x${"11".repeat(32)}` }), refusedWith(422, "hash_mismatch"));
    const lonelyRejection = await build(owner1, callSafeTx({ to: manifest.council.safe, data: "0x" }, at + 5n), at + 5n);
    await assert.rejects(propose(lonelyRejection), refusedWith(422, "nothing_to_reject"));
    const tooFar = await build(owner1, decision, at + 65n);
    await assert.rejects(propose(tooFar), refusedWith(422, "future_nonce"));

    await propose(good);
    await propose(good); // the same proposal again: accepted, nothing new
    await assert.rejects(api.confirmTransaction(good.safeTxHash, good.signature.replace(/1b$|1c$/, (v) => (v === "1b" ? "1c" : "1b"))), (error: unknown) => {
      assert.equal((error as { statusCode: number }).statusCode, 400);
      return true;
    });
    assert.deepEqual((await api.getTransactionConfirmations(good.safeTxHash)).results.map((c) => c.owner), [good.sender]);
    await assert.rejects(api.getTransaction(`0x${"22".repeat(32)}`), (error: unknown) => (error as { statusCode: number }).statusCode === 404);

    // Wrong chain, a Safe that is not the council's, an address that is not checksummed: the path is refused.
    const base = service.txServiceUrl(manifest.hub.chainId);
    const wrongChain = await fetch(`${service.txServiceUrl(12_345)}/v1/safes/${manifest.council.safe}/`);
    assert.equal(wrongChain.status, 404);
    assert.equal(((await wrongChain.json()) as { reason: string }).reason, "wrong_chain");
    assert.equal((await fetch(`${base}/v1/safes/${manifest.contracts.token}/`)).status, 404);
    const lower = await fetch(`${base}/v1/safes/${manifest.council.safe.toLowerCase()}/`);
    assert.equal(lower.status, 422);
    assert.deepEqual(await lower.json(), { code: 1, message: "Checksum address validation failed", arguments: [manifest.council.safe.toLowerCase()] });

    // Malformed, oversized, wrong media type, bad filters.
    const postTo = (body: BodyInit, type = "application/json") => fetch(`${base}/v2/safes/${manifest.council.safe}/multisig-transactions/`, { method: "POST", headers: { "content-type": type }, body });
    const malformed = await postTo("{not json");
    assert.equal(malformed.status, 400);
    assert.equal(((await malformed.json()) as { reason: string }).reason, "malformed");
    const missing = await postTo(JSON.stringify({ to: manifest.contracts.sequencerConfig }));
    assert.equal(missing.status, 400);
    assert.match(((await missing.json()) as { nonFieldErrors: string[] }).nonFieldErrors[0]!, /value/);
    assert.equal((await postTo("x".repeat(200 * 1024))).status, 413);
    assert.equal((await postTo("{}", "text/plain")).status, 415);
    assert.equal((await fetch(`${base}/v2/safes/${manifest.council.safe}/multisig-transactions/?nonce__gte=abc`)).status, 400);
    const unknownConfirm = await fetch(`${base}/v1/multisig-transactions/0x${"33".repeat(32)}/confirmations/`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ signature: good.signature }) });
    assert.equal(unknownConfirm.status, 400);
    assert.equal(((await unknownConfirm.json()) as { reason: string }).reason, "unknown_transaction");

    const stored = await api.getMultisigTransactions(manifest.council.safe);
    // (The outsider's refused proposal is `good`'s transaction, stored with owner 1's signature only.)
    for (const refused of [stale, token, lonelyRejection, tooFar]) assert.ok(!stored.results.some((tx) => tx.safeTxHash === refused.safeTxHash));
    assert.equal(zeroAddress, (await api.getSafeInfo(manifest.council.safe)).guard);
  });

  const deployment = async () => {
    const loaded = await getDeployment();
    assert.ok(!isUnavailable(loaded));
    return loaded;
  };
  const pauseView = async (chainId: bigint) => (await readCouncilOverview(await deployment(), store)).pauses.find((p) => p.chainId === chainId)!;
  const isPaused = (chainId: bigint) => hub().readContract({ address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "isPaused", args: [chainId] });
  const hubTx = (safeTx: SafeTxData) => ({ safe: manifest.council.safe, chainId: manifest.hub.chainId, safeTx });
  /** POSTs JSON to the service (`path` under the hub's txServiceUrl), read as {@link readServiceAnswer}. */
  const postJson = async (path: string, body: unknown) =>
    readServiceAnswer(await fetch(`${service.txServiceUrl(manifest.hub.chainId)}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
  const proposePath = () => `/v2/safes/${manifest.council.safe}/multisig-transactions/`;
  const confirmPath = (safeTxHash: Hash) => `/v1/multisig-transactions/${safeTxHash}/confirmations/`;

  it("builds the same Safe transaction and safeTxHash as protocol-kit does", async () => {
    const at = await nonce();
    const decision: CouncilDecision = { kind: "pause", chainId: 901n };
    const call = councilCall(manifest.contracts.sequencerConfig, decision);
    const council = await CouncilSafe.connect({ safe: manifest.council.safe, rpcUrl: manifest.hub.rpcUrl });
    const built = await council.buildTransaction(call);
    assert.deepEqual(councilSafeTx(manifest.contracts.sequencerConfig, decision, built.data.nonce), built.data);
    const signed = await build(owner1, call, at);
    assert.equal(reviewCouncilTransaction({ safe: manifest.council.safe, chainId: manifest.hub.chainId, data: councilSafeTx(manifest.contracts.sequencerConfig, decision, at) }).safeTxHash, signed.safeTxHash);
  });

  it("counts the signatures it stored on the council page; a malleated replay is the same owner; the packed signatures execute", async () => {
    const at = await nonce();
    const offered = (await pauseView(902n)).decision;
    assert.equal(offered.decision.kind, "pause");
    assert.equal(offered.safeTx.nonce, at);
    const first = await signedProposal(devAccount(owner1), hubTx(offered.safeTx));
    assert.equal(first.safeTxHash, offered.safeTxHash);
    assert.equal((await postJson(proposePath(), first.body)).status, 201);
    // The same owner's other valid signature (s → n − s, v flipped) is still that owner: refused, proposed or confirmed.
    const malleated = malleate(first.signature);
    assert.deepEqual(await postJson(proposePath(), { ...first.body, signature: malleated }), { status: 422, reason: "duplicate_signature", message: `${devAccount(owner1).address} has already signed this transaction; one owner counts once.` });
    assert.equal((await postJson(confirmPath(first.safeTxHash), { signature: malleated })).reason, "duplicate_signature");
    const second = await signedProposal(devAccount(owner2), hubTx(offered.safeTx));
    assert.equal((await postJson(confirmPath(first.safeTxHash), { signature: second.signature })).status, 201);

    const view = (await pauseView(902n)).decision;
    assert.equal(view.approvals, 2);
    assert.deepEqual(view.signatures.map((s) => s.owner).sort(), [devAccount(owner1).address, devAccount(owner2).address].sort());
    // A non-owner relays execTransaction with the signatures the page packs.
    const relayer = createWalletClient({ account: devAccount(outsider), chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
    const hash = await execCouncilTx(relayer, manifest.council.safe, view.safeTx, encodeExecSignatures(view.signatures));
    assert.equal((await hub().waitForTransactionReceipt({ hash })).status, "success");
    assert.equal(await isPaused(902n), true);
    const after = await pauseView(902n);
    assert.deepEqual([after.paused, after.pausedItself, after.decision.decision.kind, after.decision.safeTx.nonce], [true, true, "unpause", at + 1n]);
    assert.equal((await api.getTransaction(first.safeTxHash)).isExecuted, true);
  });

  it("refuses a decision as a delegatecall, with a gas refund or value, or to another contract, though signed for its own hash", async () => {
    const at = await nonce();
    const decision = decisionCall({ kind: "unpause", chainId: 902n }, at);
    const variants: Array<[string, SafeTxData]> = [
      ["delegatecall", { ...decision, operation: SafeOperation.DelegateCall }],
      ["gas refund", { ...decision, gasPrice: 1n, refundReceiver: devAccount(owner1).address }],
      ["value", { ...decision, value: 1n }],
      ["another contract", { ...decision, to: manifest.contracts.token }],
    ];
    for (const [label, safeTx] of variants) {
      const { safeTxHash, body } = await signedProposal(devAccount(owner1), hubTx(safeTx));
      const answer = await postJson(proposePath(), body);
      assert.deepEqual([answer.status, answer.reason], [422, "not_council_decision"], label);
      assert.match(answer.message!, /plain call with no value, gas refund or delegatecall/, label);
      await assert.rejects(api.getTransaction(safeTxHash), refusedWith(404, "not_found"), label);
    }
  });

  it("cuts a body streamed without a content-length at the limit (413)", async () => {
    const chunk = new TextEncoder().encode(" ".repeat(1024));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i <= SERVICE_BODY_LIMIT / 1024; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const request = new Request(`http://127.0.0.1/api/safe-transaction-service/${manifest.hub.chainId}${proposePath()}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    assert.equal(request.headers.get("content-length"), null);
    const answer = await readServiceAnswer(await proposeMultisigTransaction(request, { chainId: String(manifest.hub.chainId), address: manifest.council.safe }, store));
    assert.deepEqual([answer.status, answer.reason], [413, "payload_too_large"]);
  });

  it("counts no signature stored on another deployment, though it is a current owner's of the same safeTxHash", async () => {
    const offered = (await pauseView(902n)).decision;
    const { safeTxHash, signature, body } = await signedProposal(devAccount(owner1), hubTx(offered.safeTx));
    // What a restarted devnet found in the store: same Safe, same nonce, same hash, earlier deployment.
    await store
      .forDeployment("900:0xearlier:2020-01-01T00:00:00.000Z")
      .add({ safe: manifest.council.safe, chainId: manifest.hub.chainId, safeTxHash, safeTx: safeTxToJson(offered.safeTx), owner: devAccount(owner1).address, signature });
    const before = (await pauseView(902n)).decision;
    assert.deepEqual([before.safeTxHash, before.approvals, before.signatures], [safeTxHash, 0, []]);
    assert.deepEqual((await api.getTransactionConfirmations(safeTxHash)).results, []);
    await assert.rejects(api.getTransaction(safeTxHash), refusedWith(404, "not_found"));
    // On this deployment the owner has not signed yet: accepted, and it counts.
    assert.equal((await postJson(proposePath(), body)).status, 201);
    assert.equal((await pauseView(902n)).decision.approvals, 1);
  });
});
