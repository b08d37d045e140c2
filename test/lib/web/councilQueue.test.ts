import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { getAddress, type Address, type Hash, type Hex } from "viem";

import { councilCall, decodeCouncilCall } from "../../../lib/council/registryCalls.ts";
import type { SafeTxData } from "../../../lib/council/types.ts";
import type { ExecutedSafeTx } from "../../../lib/web/council/history.ts";
import { buildQueueChain, queueEntryStatus, type CouncilQueueEntry } from "../../../lib/web/council/queue.ts";
import { callSafeTx, councilSafeTx, safeTxToJson } from "../../../lib/web/council/safeTx.ts";
import type { StoredCouncilQueueEntry } from "../../../lib/web/council/store.ts";

const safe = getAddress("0x399c61b017a871181d8b6c418c93a8bb361e3db8");
const registry = getAddress("0x9a676e781a523b5d0c0e43731313a708cb607508");
const [o1, o2, o3, former] = [
  "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
  "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc",
  "0x90f79bf6eb2c4f870365e785982e1f101e93b906",
  "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65",
].map((address) => getAddress(address)) as [Address, Address, Address, Address];
const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hash;
const sig = `0x${"ab".repeat(65)}` as Hex;

const stored = (safeTxHash: Hash, safeTx: SafeTxData, signers: Address[], createdAt: string): StoredCouncilQueueEntry => ({
  safeTxHash,
  safe,
  chainId: 900,
  safeTx: safeTxToJson(safeTx),
  proposer: signers[0]!,
  origin: "test",
  createdAt,
  signatures: signers.map((owner) => ({ safeTxHash, owner, signature: sig, kind: "ecdsa", createdAt })),
});

const executed = (safeTxHash: Hash, safeTx: SafeTxData): ExecutedSafeTx => ({
  chainId: 900,
  blockNumber: 10n,
  logIndex: 0,
  transactionHash: hash(0xe0 + Number(safeTx.nonce)),
  timestamp: 1n,
  safeTx,
  safeTxHash,
  executor: o3,
  threshold: 2,
  success: true,
  signers: null,
});

const context = { chainName: (id: bigint) => (id === 902n ? "zora-local" : undefined) };
const decode = (call: { to: Address; data: Hex }) => decodeCouncilCall(registry, call);

describe("council queue", () => {
  it("says where a transaction stands from the Safe's nonce and its executions", () => {
    const none = new Map<string, ExecutedSafeTx>();
    assert.deepEqual(queueEntryStatus(hash(1), 5n, 5n, none, new Map()), { kind: "next" });
    assert.deepEqual(queueEntryStatus(hash(1), 7n, 5n, none, new Map()), { kind: "queued", behind: 6n });
    assert.deepEqual(queueEntryStatus(hash(1), 4n, 5n, none, new Map()), { kind: "replaced" });
  });

  it("groups by nonce with alternatives, executed first; a rejection executed at a nonce replaces the decision there; stale owners do not count", () => {
    const pauseAt = (nonce: bigint) => councilSafeTx(registry, { kind: "pause", chainId: 902n }, nonce);
    const rejection = callSafeTx({ to: safe, data: "0x" }, 4n);
    const rows = [
      stored(hash(0xb), pauseAt(5n), [o1, former], "2026-01-01T00:00:03Z"),
      stored(hash(0xa), pauseAt(4n), [o1], "2026-01-01T00:00:01Z"),
      stored(hash(0xc), rejection, [o2, o3], "2026-01-01T00:00:02Z"),
      stored(hash(0xd), callSafeTx(councilCall(registry, { kind: "unpause", chainId: 902n }), 6n), [o1], "2026-01-01T00:00:04Z"),
    ];
    const chain = buildQueueChain({
      chainId: 900,
      name: "hub",
      safe,
      state: { owners: [o1, o2, o3], threshold: 2, nonce: 5n },
      stored: rows,
      executions: [executed(hash(0xc), rejection)],
      approvedOnChain: new Map([[hash(0xb), [o2]]]),
      decode,
      context,
    });
    assert.deepEqual(
      chain.nonces.map(({ nonce, entries }) => [nonce, entries.map(({ safeTxHash, status }) => [safeTxHash, status.kind])]),
      [
        [4n, [[hash(0xc), "executed"], [hash(0xa), "replaced"]]],
        [5n, [[hash(0xb), "next"]]],
        [6n, [[hash(0xd), "queued"]]],
      ],
    );
    const [rejected, replaced, next, queued] = chain.nonces.flatMap(({ entries }) => entries) as [CouncilQueueEntry, CouncilQueueEntry, CouncilQueueEntry, CouncilQueueEntry];
    assert.equal(rejected.rejection, true);
    assert.equal(rejected.sentence, "On-chain rejection: uses up nonce 4 so nothing queued there runs");
    assert.deepEqual(rejected.alternatives, [hash(0xa)]);
    assert.deepEqual(replaced.status, { kind: "replaced", by: hash(0xc) });
    assert.equal(replaced.sentence, "Pause sequencing of zora-local (chain 902) immediately");
    // A former owner's signature is dropped; an on-chain approval counts.
    assert.deepEqual(next.confirmations.map(({ owner }) => owner), [o1]);
    assert.equal(next.approvals, 2);
    assert.equal(next.call, "pause(902)");
    assert.deepEqual(queued.status, { kind: "queued", behind: 5n });
    assert.equal(queued.sentence, "Resume sequencing of zora-local (chain 902)");
    assert.equal(queued.proposer, o1);
    assert.equal(queued.origin, "test");
  });

  it("describes an executed decision in the past tense", () => {
    const tx = councilSafeTx(registry, { kind: "pause", chainId: 902n }, 3n);
    const chain = buildQueueChain({
      chainId: 900,
      name: "hub",
      safe,
      state: { owners: [o1, o2, o3], threshold: 2, nonce: 5n },
      stored: [stored(hash(0xe), tx, [o1, o2], "2026-01-01T00:00:00Z")],
      executions: [executed(hash(0xe), tx)],
      approvedOnChain: new Map(),
      decode,
      context,
    });
    const [entry] = chain.nonces[0]!.entries;
    assert.equal(entry!.sentence, "Paused sequencing of zora-local (chain 902)");
    assert.deepEqual(entry!.status, { kind: "executed", transactionHash: hash(0xe3), success: true });
  });
});
