import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { createPublicClient, createWalletClient, http, numberToHex, concat, slice, hexToBigInt, type Hex } from "viem";

import { loadManifest, viemChain, type Manifest } from "../../../lib/chains/index.ts";
import { sequencerConfigRegistryAbi } from "../../../lib/contracts/index.ts";
import { CouncilSafe, councilCall, reviewCouncilTransaction, type CouncilDecision } from "../../../lib/council/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { devnetDown, devnetUp, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { getCouncilSignatures, postCouncilSignature, SIGNATURE_BODY_LIMIT } from "../../../lib/web/council/http.ts";
import { readCouncilOverview } from "../../../lib/web/council/overview.ts";
import { councilSafeAbi, councilSafeTx, encodeExecSignatures, safeTxToJson } from "../../../lib/web/council/safeTx.ts";
import { councilSignatures } from "../../../lib/web/council/server.ts";
import { CouncilSignatureStore } from "../../../lib/web/council/store.ts";
import { getDeployment, isUnavailable } from "../../../lib/web/server/deployment.ts";

const URL_BASE = "http://127.0.0.1/api/council/signatures";
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

describe("council signature API against a devnet", () => {
  const dir = mkdtempSync(join(tmpdir(), "council-api-"));
  const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
  const dbPath = join(dir, "web.sqlite");
  let manifest: Manifest;
  let store: CouncilSignatureStore;
  const [owner1, owner2, owner3] = DEV_ROLES.councilOwners.map((i) => devAccount(i));
  const outsider = devAccount(DEV_ROLES.delegates[0]);

  before(async () => {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
    await devnetUp(paths, { ports, sequencer: false });
    process.env.SUPERCHAIN_MANIFEST = paths.manifestFile;
    manifest = await loadManifest({ path: paths.manifestFile });
    store = await CouncilSignatureStore.open(dbPath);
  });
  after(async () => {
    await store?.close();
    await devnetDown(paths);
  });

  const hub = () => createPublicClient({ chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
  const nonce = () => hub().readContract({ address: manifest.council.safe, abi: councilSafeAbi, functionName: "nonce" });
  const transaction = (decision: CouncilDecision, at: bigint) => ({
    safe: manifest.council.safe,
    chainId: manifest.hub.chainId,
    data: councilSafeTx(manifest.contracts.sequencerConfig, decision, at),
  });
  const signed = async (account: typeof owner1, decision: CouncilDecision, at: bigint) => {
    const tx = transaction(decision, at);
    const signature = await account!.signTypedData(reviewCouncilTransaction(tx).typedData);
    return { tx, signature, body: { safe: tx.safe, chainId: tx.chainId, safeTx: safeTxToJson(tx.data), signature } as Record<string, unknown> };
  };
  const post = async (body: unknown, init: { raw?: string; headers?: Record<string, string> } = {}) => {
    const response = await postCouncilSignature(
      new Request(URL_BASE, { method: "POST", headers: { "content-type": "application/json", ...init.headers }, body: init.raw ?? JSON.stringify(body) }),
      store,
    );
    return { status: response.status, json: (await response.json()) as { error?: { code: string; message: string }; signature?: { owner: string } } };
  };

  it("builds the same Safe transaction (and safeTxHash) as protocol-kit does", async () => {
    const council = await CouncilSafe.connect({ safe: manifest.council.safe, rpcUrl: manifest.hub.rpcUrl });
    const decision: CouncilDecision = { kind: "pause", chainId: 901n };
    const kit = await council.buildTransaction(councilCall(manifest.contracts.sequencerConfig, decision));
    assert.deepEqual(councilSafeTx(manifest.contracts.sequencerConfig, decision, kit.data.nonce), kit.data);
  });

  it("accepts owners' signatures, lists them, refuses replays (even malleated), and the packed signatures execute", async () => {
    const at = await nonce();
    const decision: CouncilDecision = { kind: "pause", chainId: 901n };
    const first = await signed(owner1, decision, at);
    const accepted = await post(first.body);
    assert.equal(accepted.status, 201);
    assert.equal(accepted.json.signature?.owner, owner1!.address);

    const replay = await post(first.body);
    assert.equal(replay.status, 409);
    assert.equal(replay.json.error?.code, "duplicate_signature");
    // The same owner's other valid signature (s → n − s, v flipped) is still that owner: refused.
    const s = hexToBigInt(slice(first.signature, 32, 64));
    const v = Number(hexToBigInt(slice(first.signature, 64)));
    const malleated = concat([slice(first.signature, 0, 32), numberToHex(SECP256K1_N - s, { size: 32 }), numberToHex(v === 27 ? 28 : 27, { size: 1 })]);
    const malleatedReplay = await post({ ...first.body, signature: malleated });
    assert.equal(malleatedReplay.status, 409);

    const second = await signed(owner2, decision, at);
    assert.equal((await post({ ...second.body, signer: owner2!.address })).status, 201);

    const listed = await getCouncilSignatures(new Request(`${URL_BASE}?safeTxHash=${reviewCouncilTransaction(first.tx).safeTxHash}`), store);
    const body = (await listed.json()) as { signatures: Array<{ owner: string; signature: Hex; createdAt: string }>; transaction: { safeTx: { nonce: string } } };
    assert.deepEqual(body.signatures.map((s) => s.owner), [owner1!.address, owner2!.address]);
    assert.equal(body.transaction.safeTx.nonce, at.toString());

    // A non-owner relays execTransaction with the stored signatures, packed by the app.
    const deployment = await getDeployment();
    assert.ok(!isUnavailable(deployment));
    const before = await readCouncilOverview(deployment, store);
    const view = before.pauses.find((p) => p.chainId === 901n)!.decision;
    assert.equal(view.approvals, 2);
    const relayer = createWalletClient({ account: outsider, chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
    const d = first.tx.data;
    const hash = await relayer.writeContract({
      address: manifest.council.safe,
      abi: councilSafeAbi,
      functionName: "execTransaction",
      args: [d.to, d.value, d.data, d.operation, d.safeTxGas, d.baseGas, d.gasPrice, d.gasToken, d.refundReceiver, encodeExecSignatures(view.signatures)],
    });
    assert.equal((await hub().waitForTransactionReceipt({ hash })).status, "success");
    assert.equal(await hub().readContract({ address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "isPaused", args: [901n] }), true);
    const afterPause = await readCouncilOverview(deployment, store);
    const pause901 = afterPause.pauses.find((p) => p.chainId === 901n)!;
    assert.equal(pause901.paused, true);
    assert.equal(pause901.pausedItself, true);
    assert.equal(pause901.decision.decision.kind, "unpause");
    assert.equal(afterPause.state.nonce, at + 1n);

    // The third owner's signature of the executed transaction: its nonce is gone.
    const stale = await post((await signed(owner3, decision, at)).body);
    assert.equal(stale.status, 409);
    assert.equal(stale.json.error?.code, "stale_nonce");
  });

  it("refuses non-owners (403), mismatched signers (403), future nonces (409), wrong Safe or chain (400), other calls (400)", async () => {
    const at = await nonce();
    const decision: CouncilDecision = { kind: "pause", chainId: 902n };
    const outsiderSigned = await signed(outsider, decision, at);
    const notOwner = await post(outsiderSigned.body);
    assert.equal(notOwner.status, 403);
    assert.equal(notOwner.json.error?.code, "not_owner");

    const claimed = await post({ ...outsiderSigned.body, signer: owner1!.address });
    assert.equal(claimed.status, 403);
    assert.equal(claimed.json.error?.code, "signature_mismatch");

    const future = await post((await signed(owner1, decision, at + 1n)).body);
    assert.equal(future.status, 409);
    assert.equal(future.json.error?.code, "future_nonce");

    const ok = await signed(owner1, decision, at);
    assert.equal((await post({ ...ok.body, chainId: 12_345 })).json.error?.code, "wrong_safe");
    // A member chain is one the Safe signs on, but only for hub-state rejections there.
    assert.equal((await post({ ...ok.body, chainId: 901 })).json.error?.code, "not_council_decision");
    assert.equal((await post({ ...ok.body, safe: manifest.contracts.token })).status, 400);
    const other = { ...safeTxToJson(ok.tx.data), to: manifest.contracts.token };
    const notDecision = await post({ ...ok.body, safeTx: other });
    assert.equal(notDecision.status, 400);
    assert.equal(notDecision.json.error?.code, "not_council_decision");
    const delegatecall = await post({ ...ok.body, safeTx: { ...safeTxToJson(ok.tx.data), operation: 1 } });
    assert.equal(delegatecall.json.error?.code, "not_council_decision");
    const refund = await post({ ...ok.body, safeTx: { ...safeTxToJson(ok.tx.data), gasPrice: "1" } });
    assert.equal(refund.json.error?.code, "not_council_decision");
    const deployment = await getDeployment();
    assert.ok(!isUnavailable(deployment));
    assert.deepEqual(await (await councilSignatures(deployment, store)).signatures(reviewCouncilTransaction(ok.tx).safeTxHash), [], "nothing refused was stored");
  });

  it("refuses malformed, wrongly shaped, oversized and non-JSON bodies with 4xx JSON errors", async () => {
    const at = await nonce();
    const { body } = await signed(owner1, { kind: "pause", chainId: 902n }, at);
    const cases: Array<[string, Promise<{ status: number; json: { error?: { code: string } } }>, number, string]> = [
      ["not JSON", post(undefined, { raw: "{not json" }), 400, "malformed"],
      ["JSON array", post([body]), 400, "malformed"],
      ["missing signature", post({ ...body, signature: undefined }), 400, "malformed"],
      ["unknown key", post({ ...body, extra: 1 }), 400, "malformed"],
      ["nonce not a number", post({ ...body, safeTx: { ...(body.safeTx as object), nonce: "-1" } }), 400, "malformed"],
      ["bad address", post({ ...body, safe: "0x1234" }), 400, "malformed"],
      ["64-byte signature", post({ ...body, signature: slice(body.signature as Hex, 0, 64) }), 400, "bad_signature"],
      ["v = 31 signature", post({ ...body, signature: concat([slice(body.signature as Hex, 0, 64), "0x1f"]) }), 400, "bad_signature"],
      ["oversized", post(undefined, { raw: JSON.stringify({ ...body, pad: "x".repeat(SIGNATURE_BODY_LIMIT) }) }), 413, "payload_too_large"],
      ["text/plain", post(body, { headers: { "content-type": "text/plain" } }), 415, "unsupported_media_type"],
    ];
    for (const [label, pending, status, code] of cases) {
      const { status: actual, json } = await pending;
      assert.equal(actual, status, label);
      assert.equal(json.error?.code, code, label);
      assert.equal(typeof (json.error as { message?: unknown } | undefined)?.message, "string", label);
    }
    // A body streamed without content-length is cut off at the limit too.
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 40; i++) controller.enqueue(new TextEncoder().encode("x".repeat(1024)));
        controller.close();
      },
    });
    const streamed = await postCouncilSignature(
      new Request(URL_BASE, { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit),
      store,
    );
    assert.equal(streamed.status, 413);

    const badQuery = await getCouncilSignatures(new Request(`${URL_BASE}?safeTxHash=0x12`), store);
    assert.equal(badQuery.status, 400);
    const empty = await getCouncilSignatures(new Request(`${URL_BASE}?safeTxHash=0x${"ab".repeat(32)}`), store);
    assert.deepEqual(await empty.json(), { safeTxHash: `0x${"ab".repeat(32)}`, transaction: null, signatures: [] });
  });
  it("counts no signature stored on another deployment, though it recovers to a current owner for the same safeTxHash", async () => {
    const at = await nonce();
    const decision: CouncilDecision = { kind: "pause", chainId: 902n };
    const { tx, signature, body } = await signed(owner1, decision, at);
    const safeTxHash = reviewCouncilTransaction(tx).safeTxHash;
    // What a restarted devnet found in the store: same Safe, same nonce, same hash, earlier deployment.
    await store
      .forDeployment("900:0xearlier:2020-01-01T00:00:00.000Z")
      .add({ safe: tx.safe, chainId: tx.chainId, safeTxHash, safeTx: safeTxToJson(tx.data), owner: owner1!.address, signature });
    const deployment = await getDeployment();
    assert.ok(!isUnavailable(deployment));
    const view = (await readCouncilOverview(deployment, store)).pauses.find((p) => p.chainId === 902n)!.decision;
    assert.equal(view.safeTxHash, safeTxHash);
    assert.equal(view.approvals, 0);
    assert.deepEqual(view.signatures, []);
    const listed = await getCouncilSignatures(new Request(`${URL_BASE}?safeTxHash=${safeTxHash}`), store);
    assert.deepEqual(((await listed.json()) as { signatures: unknown[] }).signatures, []);
    // On this deployment the owner has not signed yet: accepted, and it counts.
    assert.equal((await post(body)).status, 201);
    assert.equal((await readCouncilOverview(deployment, store)).pauses.find((p) => p.chainId === 902n)!.decision.approvals, 1);
  });
});
