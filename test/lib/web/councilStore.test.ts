import assert from "node:assert/strict";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

import { DatabaseSync } from "node:sqlite";

import { getAddress, zeroAddress, type Address, type Hash, type Hex } from "viem";

import { CouncilStoreDuplicateError } from "../../../lib/web/council/errors.ts";
import { councilSafeTx, encodeExecSignatures, safeTxToJson } from "../../../lib/web/council/safeTx.ts";
import { COUNCIL_STORE_MIGRATIONS, CouncilSignatureStore } from "../../../lib/web/council/store.ts";
import { councilDeploymentIdOf, councilStorePath } from "../../../lib/web/council/server.ts";
import { migrate } from "../../../lib/sequencer/store/schema.ts";

const registry: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const safe: Address = "0x00000000000000000000000000000000000C0de5";
const ownerA = getAddress("0x70997970c51812dc3a010c7d01b50e20d17dc79c");
const ownerB = getAddress("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hash;
const signature = (byte: string) => `0x${byte.repeat(64)}1b` as Hex;
const safeTx = safeTxToJson(councilSafeTx(registry, { kind: "pause", chainId: 901n }, 3n));

const DEPLOYMENT = "900:0xgenesis:2026-01-01T00:00:00.000Z";
const open = (path: string, deployment = DEPLOYMENT) => {
  const file = CouncilSignatureStore.open(path);
  return Object.assign(file.forDeployment(deployment), { close: () => file.close() });
};

const tempDb = () => join(mkdtempSync(join(tmpdir(), "council-store-")), "nested", "web.sqlite");

describe("CouncilSignatureStore", () => {
  it("creates its file, folder and tables on first use, in WAL mode", () => {
    const path = tempDb();
    const store = open(path);
    assert.ok(existsSync(path));
    assert.deepEqual(store.signatures(hash(1)), []);
    assert.equal(store.transaction(hash(1)), undefined);
    store.close();
    const raw = new DatabaseSync(path);
    assert.equal(raw.prepare("PRAGMA journal_mode").get()?.["journal_mode"], "wal");
    raw.close();
  });

  it("accepts one signature per owner and safeTxHash, keeps the transaction once, lists in arrival order", () => {
    const store = open(tempDb());
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
    const store = open(tempDb());
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
    const before = open(path);
    const stored = before.add({ safe, chainId: 900, safeTxHash: hash(7), safeTx, owner: ownerB, signature: signature("ee") });
    // No close: a crashed process does not close either. A second connection sees the commit.
    const after = open(path);
    assert.deepEqual(after.signatures(hash(7)), [stored]);
    assert.throws(() => after.add({ safe, chainId: 900, safeTxHash: hash(7), safeTx, owner: ownerB, signature: signature("ee") }), CouncilStoreDuplicateError);
    before.close();
    after.close();
    const reopened = open(path);
    assert.deepEqual(reopened.signatures(hash(7)), [stored]);
    reopened.close();
  });

  it("scopes signatures to a deployment: a restarted devnet sees none of the old ones, and may sign the same hash again", () => {
    const path = tempDb();
    const file = CouncilSignatureStore.open(path);
    const old = file.forDeployment(DEPLOYMENT);
    old.add({ safe, chainId: 900, safeTxHash: hash(1), safeTx, owner: ownerA, signature: signature("aa") });
    // Same Safe, same nonce, same safeTxHash: only the deployment differs.
    const fresh = file.forDeployment("900:0xothergenesis:2026-02-01T00:00:00.000Z");
    assert.deepEqual(fresh.signatures(hash(1)), []);
    assert.equal(fresh.transaction(hash(1)), undefined);
    fresh.add({ safe, chainId: 900, safeTxHash: hash(1), safeTx, owner: ownerA, signature: signature("bb") });
    assert.deepEqual(fresh.signatures(hash(1)).map((s) => s.signature), [signature("bb")]);
    assert.deepEqual(old.signatures(hash(1)).map((s) => s.signature), [signature("aa")]);
    assert.throws(() => file.forDeployment(""), /deployment id is required/);
    file.close();
  });

  it("derives the deployment id from the manifest's creation time and the hub's genesis block", () => {
    const manifest = { createdAt: "2026-01-01T00:00:00.000Z", hub: { chainId: 900 } } as Parameters<typeof councilDeploymentIdOf>[0];
    const genesis = `0x${"Ab".repeat(32)}` as Hash;
    assert.equal(councilDeploymentIdOf(manifest, genesis), `900:0x${"ab".repeat(32)}:2026-01-01T00:00:00.000Z`);
    assert.notEqual(councilDeploymentIdOf(manifest, genesis), councilDeploymentIdOf({ ...manifest, createdAt: "2026-01-02T00:00:00.000Z" }, genesis));
    assert.notEqual(councilDeploymentIdOf(manifest, genesis), councilDeploymentIdOf(manifest, hash(2)));
  });

  it("migrates a v1 file: its rows belong to no deployment, so they count nowhere", () => {
    const path = tempDb();
    CouncilSignatureStore.open(path).close(); // creates the folder
    const raw = new DatabaseSync(path);
    raw.exec("DROP TABLE council_signatures; DROP TABLE council_transactions; DROP TABLE schema_migrations;");
    migrate(raw, COUNCIL_STORE_MIGRATIONS.slice(0, 1));
    raw.prepare("INSERT INTO council_transactions VALUES (?, ?, 900, '3', ?, 'then')").run(hash(1), safe, JSON.stringify(safeTx));
    raw.prepare("INSERT INTO council_signatures (safe_tx_hash, owner, signature, created_at) VALUES (?, ?, ?, 'then')").run(hash(1), ownerA, signature("aa"));
    raw.close();
    const store = open(path);
    assert.deepEqual(store.signatures(hash(1)), []);
    store.add({ safe, chainId: 900, safeTxHash: hash(1), safeTx, owner: ownerA, signature: signature("bb") });
    assert.deepEqual(store.signatures(hash(1)).map((s) => s.signature), [signature("bb")]);
    store.close();
    const check = new DatabaseSync(path);
    assert.deepEqual(check.prepare("SELECT deployment, signature FROM council_signatures ORDER BY id").all().map((row) => [row["deployment"], row["signature"]]), [
      ["", signature("aa")],
      [DEPLOYMENT, signature("bb")],
    ]);
    check.close();
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
