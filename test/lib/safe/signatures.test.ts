import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { concat, getAddress, keccak256, numberToHex, pad, toHex, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { decodeSafeSignatures, SafeSignaturesError } from "../../../lib/safe/signatures.ts";

const safeTxHash = keccak256(toHex("a safe transaction"));
const alice = privateKeyToAccount(pad("0x01", { size: 32 }));
const bob = privateKeyToAccount(pad("0x02", { size: 32 }));
const nested = getAddress("0x00000000000000000000000000000000000000aa");

/** An entry for an owner named in r (v 0 or 1), with s as given. */
const named = (owner: Hex, v: 0 | 1, s: bigint = 0n) => concat([pad(owner, { size: 32 }), numberToHex(s, { size: 32 }), numberToHex(v, { size: 1 })]);
const ecdsa = (account: typeof alice) => account.sign({ hash: safeTxHash });
/** eth_sign over the prefixed hash, with v raised by 4 as the Safe expects. */
const ethSign = async (account: typeof alice) => {
  const signature = await account.signMessage({ message: { raw: safeTxHash } });
  return concat([signature.slice(0, 130) as Hex, numberToHex(Number.parseInt(signature.slice(130), 16) + 4, { size: 1 })]);
};

describe("decodeSafeSignatures", () => {
  it("recovers an EIP-712 owner (v 27/28)", async () => {
    assert.deepEqual(await decodeSafeSignatures(await ecdsa(alice), { safeTxHash, count: 1 }), [{ owner: alice.address, kind: "ecdsa" }]);
  });

  it("recovers an eth_sign owner (v > 30) over the prefixed hash", async () => {
    assert.deepEqual(await decodeSafeSignatures(await ethSign(bob), { safeTxHash, count: 1 }), [{ owner: bob.address, kind: "ethSign" }]);
  });

  it("reads an approved hash (v 1) from r, and marks the executor's own approval", async () => {
    const entry = named(alice.address, 1);
    assert.deepEqual(await decodeSafeSignatures(entry, { safeTxHash, count: 1 }), [{ owner: alice.address, kind: "approvedHash" }]);
    assert.deepEqual(await decodeSafeSignatures(entry, { safeTxHash, count: 1, executor: alice.address }), [{ owner: alice.address, kind: "approvedHash", executor: true }]);
    assert.deepEqual(await decodeSafeSignatures(entry, { safeTxHash, count: 1, executor: bob.address }), [{ owner: alice.address, kind: "approvedHash" }]);
  });

  it("reads a contract signature (v 0) from r, with its dynamic part after the entries", async () => {
    const inner = await ecdsa(alice);
    const signatures = concat([named(nested, 0, 65n), numberToHex(65, { size: 32 }), inner]);
    assert.deepEqual(await decodeSafeSignatures(signatures, { safeTxHash, count: 1 }), [{ owner: nested, kind: "contract" }]);
  });

  it("decodes mixed kinds in order, and reads only `count` entries", async () => {
    const signatures = concat([named(nested, 0, 195n), await ecdsa(alice), await ethSign(bob), numberToHex(1, { size: 32 }), "0xff"]);
    assert.deepEqual(await decodeSafeSignatures(signatures, { safeTxHash, count: 3 }), [
      { owner: nested, kind: "contract" },
      { owner: alice.address, kind: "ecdsa" },
      { owner: bob.address, kind: "ethSign" },
    ]);
    const two = concat([await ecdsa(alice), named(bob.address, 1), await ecdsa(bob)]);
    assert.equal((await decodeSafeSignatures(two, { safeTxHash, count: 2 })).length, 2);
  });

  it("refuses bytes the Safe would refuse", async () => {
    const refuses = async (signatures: Hex, count: number, message: RegExp) =>
      assert.rejects(decodeSafeSignatures(signatures, { safeTxHash, count }), (error: unknown) => error instanceof SafeSignaturesError && message.test(error.message));
    await refuses("0x", 1, /need 65 bytes, got 0/);
    await refuses((await ecdsa(alice)).slice(0, 128) as Hex, 1, /need 65 bytes, got 63/);
    await refuses(await ecdsa(alice), 2, /need 130 bytes, got 65/);
    await refuses(await ecdsa(alice), 0, /at least one signature/);
    await refuses(named(nested, 0, 0n), 1, /points into the signature entries/);
    await refuses(named(nested, 0, 65n), 1, /points past the data/);
    await refuses(concat([named(nested, 0, 65n), numberToHex(100, { size: 32 }), "0x1234"]), 1, /runs past the end/);
    await refuses(concat(["0x01", pad("0x", { size: 63 }), "0x01"]), 1, /names no address/);
    await refuses(concat([(await ecdsa(alice)).slice(0, 130) as Hex, "0x1d"]), 1, /v 29/);
    await refuses(concat([pad("0x", { size: 64 }), "0x1b"]), 1, /does not recover/);
  });
});
