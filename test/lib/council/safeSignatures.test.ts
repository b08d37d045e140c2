/**
 * Safe signature bytes split into, and packed from, standalone per-owner signatures — pure, no
 * chain: byte layouts as protocol-kit 8.0.7's `buildSignatureBytes` packs them, and every
 * malformed shape refused with its own error class. The chain's verdict on each kind is in
 * checkSafeSignature.test.ts.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { buildContractSignature, buildSignatureBytes, EthSafeSignature } from "@safe-global/protocol-kit";
import { concat, getAddress, keccak256, numberToHex, pad, toHex, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import {
  CouncilSignatureDuplicateOwnerError,
  CouncilSignatureEntryError,
  CouncilSignatureLengthError,
  CouncilSignatureLimitError,
  CouncilSignatureOffsetError,
  CouncilSignatureOverlapError,
  CouncilSignatureUnknownVError,
} from "../../../lib/council/errors.ts";
import {
  approvedHashSignature,
  contractSignature,
  contractSignatureData,
  encodeSafeSignatures,
  ethSignSignature,
  parseSafeSignatures,
  SAFE_SIGNATURE_LIMITS,
  toOwnerSignature,
  type OwnerSignature,
} from "../../../lib/council/safeSignatures.ts";

const safeTxHash = keccak256(toHex("a safe transaction"));
const alice = privateKeyToAccount(pad("0x01", { size: 32 }));
const bob = privateKeyToAccount(pad("0x02", { size: 32 }));
const nestedA = getAddress("0x00000000000000000000000000000000000000aa");
const nestedB = getAddress("0x00000000000000000000000000000000000000bb");
const word = (n: number | bigint) => numberToHex(n, { size: 32 });
/** An entry naming `owner` in r (v 0 or 1), with s as given. */
const named = (owner: Address, v: 0 | 1, s: number | bigint = 0) => concat([pad(owner, { size: 32 }), word(s), numberToHex(v, { size: 1 })]);

const eoa = async (account: typeof alice): Promise<OwnerSignature> => ({ owner: account.address, kind: "ecdsa", signature: await account.sign({ hash: safeTxHash }) });
const ethSign = async (account: typeof alice) => ethSignSignature(account.address, await account.signMessage({ message: { raw: safeTxHash } }));

describe("parseSafeSignatures / encodeSafeSignatures", () => {
  it("packs one entry per owner in ascending order with contract data after the entries, as protocol-kit does", async () => {
    const [a, b] = [await eoa(alice), await ethSign(bob)];
    const innerA = (await eoa(bob)).signature;
    const innerB = concat([innerA, innerA]);
    const signatures = [contractSignature(nestedB, innerB), a, approvedHashSignature(nestedA), b, contractSignature(nestedA, innerA)];
    const packed = encodeSafeSignatures(signatures);
    // nestedA's contract signature beats its approved-hash entry; 4 owners: 0xaa, 0xbb, bob (0x2B5A…), alice (0x7E5F…)
    assert.deepEqual(packed, concat([named(nestedA, 0, 4 * 65), named(nestedB, 0, 4 * 65 + 32 + 65), b.signature, a.signature, word(65), innerA, word(130), innerB]).toLowerCase());

    const kit = buildSignatureBytes([
      new EthSafeSignature(alice.address, a.signature),
      new EthSafeSignature(bob.address, b.signature),
      new EthSafeSignature(nestedA, innerA, true),
      new EthSafeSignature(nestedB, innerB, true),
    ]);
    assert.equal(packed, kit.toLowerCase());

    const parsed = await parseSafeSignatures(safeTxHash, packed);
    assert.deepEqual(parsed.map(({ owner, kind }) => [owner, kind]), [[nestedA, "contract"], [nestedB, "contract"], [bob.address, "ethSign"], [alice.address, "ecdsa"]]);
    assert.equal(encodeSafeSignatures(parsed), packed, "round trip");
    assert.equal(contractSignatureData(parsed[1]!), innerB);
  });

  it("gives a contract signature's standalone form exactly as buildSignatureBytes([buildContractSignature(…)])", async () => {
    const inner = (await eoa(alice)).signature;
    const kit = buildSignatureBytes([await buildContractSignature([new EthSafeSignature(alice.address, inner)], nestedA)]);
    assert.equal(contractSignature(nestedA, inner).signature, kit.toLowerCase());
    assert.deepEqual(await parseSafeSignatures(safeTxHash, kit as Hex), [contractSignature(nestedA, inner)]);
  });

  it("raises an eth_sign signature's v to 31/32, as the Safe reads eth_sign", async () => {
    const signed = await alice.signMessage({ message: { raw: safeTxHash } });
    const v = Number.parseInt(signed.slice(130), 16);
    const low = concat([slice(signed, 0, 64), numberToHex(v - 27, { size: 1 })]);
    for (const form of [signed, low]) assert.equal(ethSignSignature(alice.address, form).signature, concat([slice(signed, 0, 64), numberToHex(v + 4, { size: 1 })]));
    assert.deepEqual(await parseSafeSignatures(safeTxHash, ethSignSignature(alice.address, low).signature), [ethSignSignature(alice.address, signed)]);
    assert.throws(() => ethSignSignature(alice.address, concat([slice(signed, 0, 64), "0x1f"])), CouncilSignatureUnknownVError);
    assert.throws(() => ethSignSignature(alice.address, slice(signed, 0, 64)), CouncilSignatureLengthError);
  });

  it("reads approved-hash entries from r and re-encodes them canonically (s = 0)", async () => {
    assert.deepEqual(await parseSafeSignatures(safeTxHash, named(alice.address, 1, 7)), [approvedHashSignature(alice.address)]);
  });

  it("keeps the first signature of an owner, and lets a signature beat an approved hash", async () => {
    const [first, second] = [await eoa(alice), { ...(await ethSign(alice)) }];
    assert.equal(encodeSafeSignatures([first, second]), first.signature.toLowerCase());
    assert.equal(encodeSafeSignatures([approvedHashSignature(alice.address), second]), second.signature.toLowerCase());
    assert.equal(encodeSafeSignatures([second, approvedHashSignature(alice.address)]), second.signature.toLowerCase());
    assert.equal(encodeSafeSignatures([]), "0x");
  });

  it("names a standalone signature's kind by v, and refuses one attributed to another owner or kind", async () => {
    const a = await eoa(alice);
    assert.deepEqual(toOwnerSignature(alice.address, a.signature), { ...a, signature: a.signature.toLowerCase() });
    assert.equal(toOwnerSignature(nestedA, contractSignature(nestedA, "0x1234").signature).kind, "contract");
    assert.throws(() => toOwnerSignature(bob.address, named(alice.address, 1)), CouncilSignatureEntryError);
    const two = concat([a.signature, (await eoa(bob)).signature]);
    assert.throws(() => toOwnerSignature(alice.address, two), CouncilSignatureEntryError);
    assert.throws(() => encodeSafeSignatures([{ ...a, kind: "ethSign" }]), CouncilSignatureEntryError);
    assert.throws(() => encodeSafeSignatures([{ owner: nestedB, kind: "contract", signature: contractSignature(nestedA, "0x").signature }]), CouncilSignatureEntryError);
  });

  describe("refuses malformed bytes", () => {
    const refuses = (signatures: Hex, error: new (...args: never[]) => Error, message?: RegExp) =>
      assert.rejects(parseSafeSignatures(safeTxHash, signatures), (thrown: unknown) => thrown instanceof error && (message === undefined || message.test((thrown as Error).message)));

    it("of the wrong length", async () => {
      const a = (await eoa(alice)).signature;
      await refuses("0x", CouncilSignatureLengthError, /needs 65 bytes, got 0/);
      await refuses(slice(a, 0, 64), CouncilSignatureLengthError, /got 64/);
      await refuses(concat([a, "0x00"]), CouncilSignatureLengthError, /cut short: 1 of 65/);
      await refuses(concat([contractSignature(nestedA, "0x12").signature, "0xff"]), CouncilSignatureLengthError, /belong to no signature/);
      await refuses(concat([named(nestedA, 0, 66), "0x00", word(1), "0x12"]), CouncilSignatureLengthError, /Bytes 65–65 belong to no signature/);
      await refuses(concat([named(nestedA, 0, 100), slice(a, 0, 35), word(0)]), CouncilSignatureLengthError, /Bytes 65–99 belong to no signature/);
      await refuses("0xabc" as Hex, CouncilSignatureLengthError);
    });

    it("with a contract signature's offset or data out of range", async () => {
      await refuses(named(nestedA, 0, 65), CouncilSignatureOffsetError, /points past the end/);
      await refuses(concat([named(nestedA, 0, 65), word(2), "0x12"]), CouncilSignatureOffsetError, /run past the end/);
      await refuses(concat([named(nestedA, 0, 2n ** 255n), word(0)]), CouncilSignatureOffsetError);
    });

    it("with contract data overlapping the entries or other data", async () => {
      await refuses(concat([named(nestedA, 0, 0), word(0)]), CouncilSignatureOverlapError, /overlaps the signature entries/);
      // second entry's data starts inside the second entry
      await refuses(concat([named(nestedA, 0, 130), named(nestedB, 0, 100), word(0)]), CouncilSignatureOverlapError);
      // two owners share one piece of data
      await refuses(concat([named(nestedA, 0, 130), named(nestedB, 0, 130), word(0)]), CouncilSignatureOverlapError);
    });

    it("with a v no owner signs with, or r naming no address", async () => {
      const a = (await eoa(alice)).signature;
      for (const v of [2, 26, 29, 30, 33, 255]) await refuses(concat([slice(a, 0, 64), numberToHex(v, { size: 1 })]), CouncilSignatureUnknownVError, new RegExp(`v ${v}`));
      await refuses(concat([word(2n ** 160n), word(0), "0x01"]), CouncilSignatureEntryError, /names no address/);
    });

    it("naming one owner twice", async () => {
      const [a, b] = [await eoa(alice), await ethSign(alice)];
      await refuses(concat([a.signature, b.signature]), CouncilSignatureDuplicateOwnerError);
      await refuses(concat([named(alice.address, 1), a.signature]), CouncilSignatureDuplicateOwnerError);
    });

    it("beyond the limits", async () => {
      const entries = Array.from({ length: SAFE_SIGNATURE_LIMITS.signatures + 1 }, (_, i) => named(getAddress(pad(numberToHex(i + 1), { size: 20 })), 1));
      await refuses(concat(entries), CouncilSignatureLimitError, /More than 32/);
      assert.equal((await parseSafeSignatures(safeTxHash, concat(entries.slice(1)))).length, 32);
      const big = SAFE_SIGNATURE_LIMITS.contractDataBytes + 1;
      await refuses(concat([named(nestedA, 0, 65), word(big), `0x${"00".repeat(big)}`]), CouncilSignatureLimitError, /4097 bytes/);
      assert.throws(() => contractSignature(nestedA, `0x${"00".repeat(big)}`), CouncilSignatureLimitError);
      await refuses(`0x${"00".repeat(200_000)}`, CouncilSignatureLimitError);
    });
  });
});

function slice(hex: Hex, start: number, end?: number): Hex {
  return `0x${hex.slice(2 + start * 2, end === undefined ? undefined : 2 + end * 2)}`;
}
