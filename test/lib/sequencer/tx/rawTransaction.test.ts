/**
 * The lean decoder against viem, fuzzed with a seeded PRNG (FUZZ_SEED=<n> to reproduce a run).
 *
 * Valid transactions of every type, signed with viem: the lean fields equal `parseTransaction`'s,
 * the signing payload equals viem's re-serialization, and libsecp256k1 over its keccak recovers
 * the address `recoverTransactionAddress` does.
 *
 * Malformed ones: whenever viem's `parseTransaction` throws, the lean decoder throws. Where viem
 * accepts and the lean decoder refuses, the input must break one of the rules below, which
 * `leanOnlyRules` checks independently on viem's own RLP tree (and the lean decoder accepts nothing
 * that breaks them). These are the deliberate differences, each what an execution client does:
 * - unsigned: viem parses a transaction without signature; admission needs one.
 * - blob: type 0x03 is refused (no sidecars on this sequencer; OP-stack L2s refuse blobs too).
 * - canonical: viem reads integers with leading zero bytes (`0x00` for 0 too); geth refuses them,
 *   and they change the signing payload viem rebuilds, so the address would differ.
 * - kind: viem silently drops an integer, `to` or data field that is a list (a list `to` becomes
 *   a contract creation), reads an empty string as an empty access/authorization list, and reads a
 *   list storage key, or a one-item list holding an address as the address (`isAddress` stringifies
 *   it); the lean decoder wants each field's RLP kind.
 * - size: gas above 8 bytes (uint64), value above 32 bytes, storage keys not 32 bytes (viem trims
 *   them), legacy r/s above 32 bytes.
 * - arity: access-list entries with more than [address, keys], authorization tuples with more than
 *   six items, an empty authorization list (EIP-7702 makes it invalid).
 * - create7702: an EIP-7702 transaction without `to` (EIP-7702 forbids creation).
 * - range: r or s outside [1, n), s above n/2 (EIP-2; viem recovers high-s signatures), a legacy v
 *   whose chain id exceeds 2^53 − 1 (viem rounds it with `Number`).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  bytesToHex,
  fromRlp,
  hexToBytes,
  parseTransaction,
  recoverTransactionAddress,
  serializeTransaction,
  type Hex,
  type TransactionSerializable,
  type TransactionSerialized,
} from "viem";
import { privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";

import { RawTransactionError, RlpDecodingError } from "../../../../lib/sequencer/tx/errors.ts";
import { decodeRawTransaction, type DecodeRawTransactionReturnType } from "../../../../lib/sequencer/tx/rawTransaction.ts";
import { checksumAddress, nobleKeccak256, recoverSenderBytes } from "../../../../lib/sequencer/tx/recoverLean.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 14);

/** mulberry32: small, fast, and the same sequence for the same seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));
  const hex = (n: number) => bytesToHex(bytes(n));
  const big = (maxBytes: number) => (int(4) === 0 ? 0n : BigInt(`0x${hex(1 + int(maxBytes)).slice(2)}`));
  const pick = <T>(items: readonly T[]) => items[int(items.length)] as T;
  return { next, int, bytes, hex, big, pick };
}

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

type Rng = ReturnType<typeof prng>;
type Rlp = Uint8Array | Rlp[];

function randomTransaction(rng: Rng, type: "legacy" | "eip2930" | "eip1559" | "eip7702"): TransactionSerializable {
  const chainId = rng.pick([1, 10, 901, 8453, 2 ** 31, 1 + rng.int(2 ** 30), Number.MAX_SAFE_INTEGER]);
  const nonce = rng.pick([0, 1, rng.int(1000), rng.int(2 ** 40), Number.MAX_SAFE_INTEGER]);
  const gas = rng.pick([0n, 21_000n, rng.big(8)]);
  const value = rng.big(32);
  const to = type !== "eip7702" && rng.int(5) === 0 ? undefined : rng.hex(20);
  const dataLength = rng.pick([0, 1, rng.int(56), 56 + rng.int(200), 256 + rng.int(2_000), rng.int(10) === 0 ? 70_000 : 4]);
  const data = dataLength === 0 ? undefined : rng.hex(dataLength);
  const accessList = Array.from({ length: rng.pick([0, 0, 1, 2, 4]) }, () => ({
    address: rng.hex(20),
    storageKeys: Array.from({ length: rng.int(4) }, () => rng.hex(32)),
  }));
  const common = { chainId, nonce, gas, value, to, data };
  if (type === "legacy") return { ...common, type, gasPrice: rng.big(32), ...(rng.int(4) === 0 ? { chainId: undefined } : {}) };
  if (type === "eip2930") return { ...common, type, gasPrice: rng.big(32), accessList };
  const maxFeePerGas = rng.big(32);
  const maxPriorityFeePerGas = maxFeePerGas === 0n ? 0n : rng.pick([0n, 1n, maxFeePerGas, maxFeePerGas / BigInt(1 + rng.int(1000))]);
  if (type === "eip1559") return { ...common, type, maxFeePerGas, maxPriorityFeePerGas, accessList };
  const authorizationList = Array.from({ length: 1 + rng.int(3) }, () => ({
    chainId: rng.pick([0, 1, 901, Number.MAX_SAFE_INTEGER]),
    address: rng.hex(20),
    nonce: rng.pick([0, rng.int(2 ** 32), Number.MAX_SAFE_INTEGER]),
    yParity: rng.int(8) === 0 ? 2 + rng.int(254) : rng.int(2),
    r: rng.hex(32),
    s: rng.hex(32),
  }));
  return { ...common, to: to ?? rng.hex(20), type, maxFeePerGas, maxPriorityFeePerGas, accessList, authorizationList };
}

/** The fields both decoders give, in one shape (viem leaves zero and empty fields out). */
function viemFields(tx: ReturnType<typeof parseTransaction>) {
  const t = tx as Record<string, unknown> & { type: string };
  return {
    type: t.type,
    chainId: t.chainId,
    nonce: (t.nonce as number | undefined) ?? 0,
    gas: (t.gas as bigint | undefined) ?? 0n,
    value: (t.value as bigint | undefined) ?? 0n,
    to: t.to as string | undefined,
    data: (t.data as string | undefined) ?? "0x",
    fees: t.type === "legacy" || t.type === "eip2930" ? [(t.gasPrice as bigint | undefined) ?? 0n] : [(t.maxFeePerGas as bigint | undefined) ?? 0n, (t.maxPriorityFeePerGas as bigint | undefined) ?? 0n],
    accessList: (t.accessList as unknown[] | undefined)?.length ?? 0,
    authorizationList: (t.authorizationList as unknown[] | undefined)?.length ?? 0,
    yParity: t.yParity,
    r: BigInt(t.r as Hex),
    s: BigInt(t.s as Hex),
    v: t.type === "legacy" ? t.v : undefined,
  };
}

function leanFields(tx: DecodeRawTransactionReturnType) {
  return {
    type: tx.type,
    chainId: tx.chainId,
    nonce: tx.nonce,
    gas: tx.gas,
    value: tx.value,
    to: tx.to,
    data: bytesToHex(tx.data),
    fees: tx.type === "legacy" || tx.type === "eip2930" ? [tx.gasPrice] : [tx.maxFeePerGas, tx.maxPriorityFeePerGas],
    accessList: tx.type === "legacy" ? 0 : tx.accessListLength,
    authorizationList: tx.type === "eip7702" ? tx.authorizationListLength : 0,
    yParity: tx.yParity,
    r: BigInt(tx.r),
    s: BigInt(tx.s),
    v: tx.type === "legacy" ? tx.v : undefined,
  };
}

/** viem's verdict on a raw transaction: its parse, or undefined where it throws. */
function viemParse(raw: Hex) {
  try {
    return parseTransaction(raw as TransactionSerialized);
  } catch {
    return undefined;
  }
}

function leanDecode(raw: Uint8Array): DecodeRawTransactionReturnType | RawTransactionError {
  try {
    return decodeRawTransaction(raw);
  } catch (error) {
    if (error instanceof RawTransactionError) return error;
    throw error; // anything else is a bug in the decoder
  }
}

const isUint = (item: Rlp | undefined, maxBytes: number) => item instanceof Uint8Array && item.length <= maxBytes && item[0] !== 0;
const toBig = (item: Uint8Array) => (item.length === 0 ? 0n : BigInt(bytesToHex(item)));

/**
 * The deliberate differences (see the top of the file), checked on viem's own RLP tree of a
 * transaction viem accepted: the names of the rules it breaks. Independent of the lean decoder.
 */
function leanOnlyRules(raw: Uint8Array): string[] {
  const broken = new Set<string>();
  const type = raw[0] as number;
  if (type === 3) return ["blob"];
  const tree = fromRlp(type >= 0xc0 ? raw : raw.subarray(1), "bytes") as Rlp[];
  const uint = (item: Rlp | undefined, maxBytes: number) => {
    if (!(item instanceof Uint8Array)) broken.add("kind");
    else if (item[0] === 0) broken.add("canonical");
    else if (item.length > maxBytes) broken.add("size");
  };
  const signature = (r: Rlp | undefined, s: Rlp | undefined) => {
    uint(r, 32);
    uint(s, 32);
    if (r instanceof Uint8Array && s instanceof Uint8Array) {
      const [rv, sv] = [toBig(r), toBig(s)];
      if (rv === 0n || rv >= N || sv === 0n || sv > N / 2n) broken.add("range");
    }
  };
  const accessList = (list: Rlp | undefined) => {
    if (!Array.isArray(list)) return broken.add("kind");
    for (const entry of list) {
      if (!Array.isArray(entry) || !(entry[0] instanceof Uint8Array) || !Array.isArray(entry[1])) broken.add("kind");
      else if (entry.length !== 2) broken.add("arity");
      else for (const key of entry[1]) if (!(key instanceof Uint8Array)) broken.add("kind");
      else if (key.length !== 32) broken.add("size");
    }
  };
  const intFields = (fields: Rlp[], sizes: number[]) => sizes.forEach((max, i) => uint(fields[i], max));
  if (type >= 0xc0) {
    if (tree.length === 6) return ["unsigned"];
    const [, , , to, , data, v, r, s] = tree;
    if (r instanceof Uint8Array && s instanceof Uint8Array && r.length === 0 && s.length === 0) return ["unsigned"];
    intFields(tree, [7, 32, 8]);
    uint(tree[4], 32);
    if (!(to instanceof Uint8Array) || !(data instanceof Uint8Array)) broken.add("kind");
    uint(v, 32);
    if (v instanceof Uint8Array && (toBig(v) - 35n) / 2n > MAX_SAFE) broken.add("range");
    signature(r, s);
    return [...broken];
  }
  const signed = { 1: 11, 2: 12, 4: 13 }[type] as number;
  if (tree.length !== signed) return ["unsigned"];
  const feeFields = type === 1 ? 1 : 2;
  intFields(tree, [7, 7, ...Array<number>(feeFields).fill(32), 8]);
  const [to, value, data, list] = tree.slice(3 + feeFields);
  if (!(to instanceof Uint8Array) || !(data instanceof Uint8Array)) broken.add("kind");
  else if (type === 4 && to.length === 0) broken.add("create7702");
  uint(value, 32);
  accessList(list);
  if (type === 4) {
    const authorizations = tree[9];
    if (!Array.isArray(authorizations)) broken.add("kind");
    else if (authorizations.length === 0) broken.add("arity");
    else
      for (const tuple of authorizations) {
        if (!Array.isArray(tuple) || tuple.some((item) => !(item instanceof Uint8Array))) broken.add("kind");
        else if (tuple.length !== 6) broken.add("arity");
        else intFields([tuple[0], tuple[2], tuple[3], tuple[4], tuple[5]] as Rlp[], [7, 7, 1, 32, 32]);
      }
  }
  uint(tree[signed - 3], 1);
  signature(tree[signed - 2], tree[signed - 1]);
  return [...broken];
}

// --- mutations -------------------------------------------------------------------------------

/** RLP of a tree, with the chosen strings given a non-canonical header (for the malformed cases). */
function encode(item: Rlp, odd?: Set<Rlp>): Uint8Array {
  const header = (offset: number, length: number, long: boolean) => {
    if (length <= 55 && !long) return [offset + length];
    const size: number[] = [];
    for (let l = length; l > 0; l = Math.floor(l / 256)) size.unshift(l % 256);
    if (size.length === 0) size.push(0);
    return [offset + 55 + size.length, ...size];
  };
  if (item instanceof Uint8Array) {
    const long = odd?.has(item) ?? false;
    if (item.length === 1 && (item[0] as number) < 0x80 && !long) return item;
    return Uint8Array.from([...header(0x80, item.length, long && item.length > 1), ...item]);
  }
  const body = item.map((child) => encode(child, odd));
  const length = body.reduce((sum, b) => sum + b.length, 0);
  const out = new Uint8Array(header(0xc0, length, false).length + length);
  out.set(header(0xc0, length, false));
  let at = out.length - length;
  for (const b of body) (out.set(b, at), (at += b.length));
  return out;
}

/** A structural change to a decoded transaction: a wrong kind, size, value or count somewhere. */
function mutateTree(rng: Rng, raw: Uint8Array): Uint8Array {
  const typed = (raw[0] as number) < 0xc0;
  const tree = fromRlp(typed ? raw.subarray(1) : raw, "bytes") as Rlp[];
  const odd = new Set<Rlp>();
  // Every list in the tree with the path to it, so nested access lists and authorizations change too.
  const lists: Rlp[][] = [];
  const walk = (list: Rlp[]) => {
    lists.push(list);
    for (const child of list) if (Array.isArray(child)) walk(child);
  };
  walk(tree);
  const list = rng.int(3) === 0 ? tree : rng.pick(lists);
  const i = rng.int(Math.max(1, list.length));
  const item = list[i];
  const word = (v: bigint) => (v === 0n ? new Uint8Array() : hexToBytes(`0x${v.toString(16).padStart(Math.ceil(v.toString(16).length / 2) * 2, "0")}`));
  switch (rng.int(11)) {
    case 0: // leading zero on an integer
      if (item instanceof Uint8Array) list[i] = Uint8Array.from([0, ...item]);
      break;
    case 1: // a list where a string was, or the reverse
      list[i] = item instanceof Uint8Array ? (rng.int(2) ? [] : [item]) : rng.int(2) ? new Uint8Array() : rng.bytes(rng.int(3));
      break;
    case 2: // one item fewer, or one more
      if (rng.int(2)) list.splice(i, 1);
      else list.splice(i, 0, rng.pick([new Uint8Array(), rng.bytes(1 + rng.int(33)), []]));
      break;
    case 3: // a signature or parity word at a boundary
      list[i] = word(rng.pick([0n, 1n, 2n, 27n, 28n, 35n, 36n, 37n, N - 1n, N, N + 1n, N / 2n, N / 2n + 1n, 2n ** 256n - 1n, 2n ** 256n, 2n ** 53n, 2n ** 64n, 2n ** 64n - 1n, 2n ** 60n * 2n + 36n]));
      break;
    case 4: // a string one byte shorter or longer
      if (item instanceof Uint8Array) list[i] = rng.int(2) ? item.subarray(1) : Uint8Array.from([1 + rng.int(255), ...item]);
      break;
    case 5: // a long-form header for a short string, or 0x81 before a byte below 0x80
      if (item instanceof Uint8Array) {
        const single = item.length === 1 ? item : Uint8Array.of(rng.int(0x80));
        list[i] = single;
        odd.add(single);
        if (item.length > 1) odd.add((list[i] = item));
      }
      break;
    case 6: // the whole signature dropped (unsigned)
      tree.splice(-3, 3);
      if (!typed && rng.int(2)) tree.push(word(BigInt(rng.int(2000))), new Uint8Array(), new Uint8Array());
      break;
    case 7: // emptied
      list[i] = rng.int(2) ? new Uint8Array() : [];
      break;
    case 8: // a random replacement
      list[i] = rng.bytes(rng.int(40));
      break;
    case 9: // tip and cap swapped
      if (typed && raw[0] !== 1) [tree[2], tree[3]] = [tree[3] as Rlp, tree[2] as Rlp];
      break;
    default: // chain id or nonce huge
      tree[rng.int(2)] = word(rng.pick([2n ** 53n - 1n, 2n ** 53n, 2n ** 64n]));
  }
  const body = encode(tree, odd);
  return typed ? Uint8Array.from([raw[0] as number, ...body]) : body;
}

/** A byte-level change: truncation, flips, a length prefix off by a little, trailing bytes, the type byte. */
function mutateBytes(rng: Rng, raw: Uint8Array): Uint8Array {
  const out = Uint8Array.from(raw);
  switch (rng.int(6)) {
    case 0:
      return raw.subarray(0, rng.int(raw.length));
    case 1:
      for (let k = 1 + rng.int(3); k > 0; k--) out[rng.int(out.length)] = rng.int(256);
      return out;
    case 2: {
      // a header byte (≥ 0x80) within the first bytes, nudged
      const headers = [...out.keys()].filter((k) => k < 80 && (out[k] as number) >= 0x80);
      const k = headers.length ? rng.pick(headers) : 0;
      out[k] = ((out[k] as number) + rng.pick([1, 2, 3, -1, 8, 56])) & 0xff;
      return out;
    }
    case 3:
      return Uint8Array.from([...raw, ...rng.bytes(1 + rng.int(3))]);
    case 4:
      out[0] = rng.pick([0, 3, 5, 0x7f, 0x80, 0xbf, rng.int(256)]);
      return out;
    default:
      return Uint8Array.from([rng.pick([1, 2, 4, 0xc0]), ...raw]);
  }
}

// --- the tests -------------------------------------------------------------------------------

const TYPES = ["legacy", "eip2930", "eip1559", "eip7702"] as const;
const PER_TYPE = 400;

describe(`lean raw-transaction decoder against viem (FUZZ_SEED=${SEED})`, () => {
  const rng = prng(SEED);
  const accounts: PrivateKeyAccount[] = Array.from({ length: 24 }, () => privateKeyToAccount(rng.hex(32)));
  const signed: Array<{ raw: Uint8Array; signer: string }> = [];

  it(`agrees on ${PER_TYPE} random signed transactions of each type`, async () => {
    for (const type of TYPES) {
      for (let k = 0; k < PER_TYPE; k++) {
        const account = rng.pick(accounts);
        const tx = randomTransaction(rng, type);
        const hex = await account.signTransaction(tx as Parameters<PrivateKeyAccount["signTransaction"]>[0]);
        const raw = hexToBytes(hex);
        const viem = parseTransaction(hex);
        const lean = decodeRawTransaction(k % 2 ? raw : hex);
        const where = `seed ${SEED}, ${type} #${k}: ${hex.slice(0, 200)}`;
        assert.deepEqual(leanFields(lean), viemFields(viem), where);
        const unsigned = serializeTransaction({ ...viem, r: undefined, s: undefined, v: undefined, yParity: undefined } as TransactionSerializable);
        assert.equal(bytesToHex(lean.signingPayload), unsigned, `signing payload, ${where}`);
        const sender = checksumAddress(recoverSenderBytes(lean, { keccak256: nobleKeccak256 }), { keccak256: nobleKeccak256 });
        assert.equal(sender, account.address, where);
        // viem's own recovery is slow (pure JS); every tenth is plenty next to the payload check above.
        if (k % 10 === 0) assert.equal(sender, await recoverTransactionAddress({ serializedTransaction: hex as TransactionSerialized }), where);
        signed.push({ raw, signer: account.address });
      }
    }
  });

  it("refuses blob transactions with a typed error, which viem parses", () => {
    const hex = serializeTransaction(
      { type: "eip4844", chainId: 901, to: rng.hex(20), maxFeePerGas: 2n, maxPriorityFeePerGas: 1n, maxFeePerBlobGas: 1n, blobVersionedHashes: [`0x01${"ab".repeat(31)}`] },
      { r: `0x${"11".repeat(32)}`, s: `0x${"22".repeat(32)}`, yParity: 0 },
    );
    assert.ok(viemParse(hex));
    assert.throws(() => decodeRawTransaction(hex), { name: "TransactionTypeError", unsupported: true });
  });

  it("refuses every malformed input viem refuses, and otherwise only for a listed rule", async () => {
    const counts = { mutants: 0, viemRefused: 0, bothAccepted: 0, leanOnly: {} as Record<string, number> };
    const mutants: Uint8Array[] = [new Uint8Array(), Uint8Array.of(2), Uint8Array.of(0xc0), Uint8Array.of(0x80)];
    for (let k = 0; k < 24_000; k++) {
      const { raw } = rng.pick(signed);
      mutants.push(k % 2 ? mutateTree(rng, raw) : mutateBytes(rng, raw));
    }
    let recovered = 0;
    for (const mutant of mutants) {
      counts.mutants++;
      const hex = bytesToHex(mutant);
      const viem = viemParse(hex);
      const lean = leanDecode(mutant);
      const where = `seed ${SEED}: ${hex.length > 400 ? `${hex.slice(0, 400)}…` : hex}`;
      if (!viem) {
        counts.viemRefused++;
        assert.ok(lean instanceof RawTransactionError, `viem refuses, lean accepts: ${where}`);
        continue;
      }
      const rules = leanOnlyRules(mutant);
      if (lean instanceof RawTransactionError) {
        assert.ok(rules.length > 0, `lean refuses (${lean.shortMessage}) what viem accepts, for no listed rule: ${where}`);
        assert.ok(!(lean instanceof RlpDecodingError), `viem decoded RLP the lean decoder calls malformed: ${where}`);
        for (const rule of rules) counts.leanOnly[rule] = (counts.leanOnly[rule] ?? 0) + 1;
        continue;
      }
      counts.bothAccepted++;
      assert.deepEqual(rules, [], `lean accepts what breaks ${rules.join(", ")}: ${where}`);
      assert.deepEqual(leanFields(lean), viemFields(viem), where);
      const unsigned = serializeTransaction({ ...viem, r: undefined, s: undefined, v: undefined, yParity: undefined, sidecars: undefined } as TransactionSerializable);
      assert.equal(bytesToHex(lean.signingPayload), unsigned, `signing payload, ${where}`);
      if (recovered++ < 100) {
        const viemSender = await recoverTransactionAddress({ serializedTransaction: hex as TransactionSerialized }).catch(() => undefined);
        let leanSender: string | undefined;
        try {
          leanSender = checksumAddress(recoverSenderBytes(lean, { keccak256: nobleKeccak256 }), { keccak256: nobleKeccak256 });
        } catch {
          leanSender = undefined;
        }
        assert.equal(leanSender, viemSender, `recovery, ${where}`);
      }
    }
    console.log(`# ${JSON.stringify(counts)}`);
    assert.ok(counts.viemRefused > 5_000 && counts.bothAccepted > 500, "the mutations reach both sides of the line");
  });
});
