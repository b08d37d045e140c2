import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

import { DatabaseSync } from "node:sqlite";

import { getAddress, zeroAddress, type Address, type Hash, type Hex } from "viem";

import { CouncilStoreDuplicateError } from "../../../lib/web/council/errors.ts";
import { councilSafeTx, encodeExecSignatures, safeTxToJson } from "../../../lib/web/council/safeTx.ts";
import { CouncilSignatureStore } from "../../../lib/web/council/store.ts";
import { councilStorePath } from "../../../lib/web/council/server.ts";

const registry: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const safe: Address = "0x00000000000000000000000000000000000C0de5";
const ownerA = getAddress("0x70997970c51812dc3a010c7d01b50e20d17dc79c");
const ownerB = getAddress("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hash;
const signature = (byte: string) => `0x${byte.repeat(64)}1b` as Hex;
const safeTx = safeTxToJson(councilSafeTx(registry, { kind: "pause", chainId: 901n }, 3n));

const tempDb = () => join(mkdtempSync(join(tmpdir(), "council-store-")), "nested", "web.sqlite");

describe("CouncilSignatureStore", () => {
  it("creates its file, folder and tables on first use, in WAL mode", () => {
    const path = tempDb();
    const store = CouncilSignatureStore.open(path);
    assert.ok(existsSync(path));
    assert.deepEqual(store.signatures(hash(1)), []);
    assert.equal(store.transaction(hash(1)), undefined);
    store.close();
    const raw = new DatabaseSync(path);
    assert.equal(raw.prepare("PRAGMA journal_mode").get()?.["journal_mode"], "wal");
    raw.close();
  });

  it("accepts one signature per owner and safeTxHash, keeps the transaction once, lists in arrival order", () => {
    const store = CouncilSignatureStore.open(tempDb());
    const first = store.add({ safe, chainId: 900, safeTxHash: hash(1), safeTx, owner: ownerA, signature: signature("aa") });
    assert.equal(first.owner, ownerA);
    assert.match(first.createdAt, /^\d{4}-\d{2}-\d{2}T/);
    store.add({ safe, chainId: 900, safeTxHash: hash(1), safeTx, owner: ownerB, signature: signature("bb") });
    store.add({ safe, chainId: 900, safeTxHash: hash(2), safeTx, owner: ownerA, signature: signature("cc") });
    assert.deepEqual(store.signatures(hash(1)).map((s) => [s.owner, s.signature]), [[ownerA, signature("aa")], [ownerB, signature("bb")]]);
    assert.deepEqual(store.transaction(hash(1))?.safeTx, safeTx);
    assert.equal(store.transaction(hash(1))?.chainId, 900);
    store.close();
  });

  it("refuses the same owner twice for one safeTxHash, in any address spelling, and stores nothing", () => {
    const store = CouncilSignatureStore.open(tempDb());
    store.add({ safe, chainId: 900, safeTxHash: hash(1), safeTx, owner: ownerA, signature: signature("aa") });
    assert.throws(
      () => store.add({ safe, chainId: 900, safeTxHash: hash(1), safeTx, owner: ownerA.toLowerCase() as Address, signature: signature("dd") }),
      (error: unknown) => error instanceof CouncilStoreDuplicateError && error.safeTxHash === hash(1),
    );
    assert.deepEqual(store.signatures(hash(1)).map((s) => s.signature), [signature("aa")]);
    store.close();
  });

  it("keeps every acknowledged signature across a restart (reopening the file)", () => {
    const path = tempDb();
    const before = CouncilSignatureStore.open(path);
    const stored = before.add({ safe, chainId: 900, safeTxHash: hash(7), safeTx, owner: ownerB, signature: signature("ee") });
    // No close: a crashed process does not close either. A second connection sees the commit.
    const after = CouncilSignatureStore.open(path);
    assert.deepEqual(after.signatures(hash(7)), [stored]);
    assert.throws(() => after.add({ safe, chainId: 900, safeTxHash: hash(7), safeTx, owner: ownerB, signature: signature("ee") }), CouncilStoreDuplicateError);
    before.close();
    after.close();
    const reopened = CouncilSignatureStore.open(path);
    assert.deepEqual(reopened.signatures(hash(7)), [stored]);
    reopened.close();
  });

  it("lives at $SUPERCHAIN_WEB_DB, else .devnet/web.sqlite under the working directory", () => {
    assert.equal(councilStorePath({ SUPERCHAIN_WEB_DB: "/tmp/x/web.sqlite" }), "/tmp/x/web.sqlite");
    assert.equal(councilStorePath({}), join(process.cwd(), ".devnet", "web.sqlite"));
  });
});

describe("encodeExecSignatures", () => {
  it("sorts by owner and packs on-chain approvals as pre-validated signatures", () => {
    const packed = encodeExecSignatures([{ owner: ownerA, signature: signature("aa") }, { owner: ownerB, onChain: true }]);
    // ownerB (0x3C44…) < ownerA (0x7099…)
    assert.equal(packed, `0x${"0".repeat(24)}${ownerB.slice(2).toLowerCase()}${"0".repeat(64)}01${"aa".repeat(64)}1b`);
    assert.equal(encodeExecSignatures([{ owner: ownerA, onChain: true }, { owner: ownerA, signature: signature("aa") }]), signature("aa"));
    assert.equal(encodeExecSignatures([]), "0x");
    assert.equal(councilSafeTx(registry, { kind: "unpause", chainId: 0n }, 0n).refundReceiver, zeroAddress);
  });
});
