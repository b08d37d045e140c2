import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { getAddress, parseEther, type Address } from "viem";

import { formatShare, formatTokens } from "../../../lib/web/delegates/format.ts";
import { shortAddress } from "../../../lib/web/format.ts";
import { latestVotes, parseDelegatee, parsePage, rankDelegates, type VotesChange } from "../../../lib/web/delegates/ranking.ts";

const address = (n: number): Address => getAddress(`0x${n.toString(16).padStart(40, "0")}`);
const change = (delegate: Address, newVotes: bigint, blockNumber: bigint, logIndex = 0): VotesChange => ({ delegate, newVotes, blockNumber, logIndex });

const [a, b, c, d] = [address(0xa), address(0xb), address(0xc), address(0xd)];

describe("delegate ranking from DelegateVotesChanged logs", () => {
  it("takes each delegate's latest newVotes, by block then log index, whatever the log order", () => {
    const votes = latestVotes([
      change(a, 5n, 10n, 3),
      change(a, 7n, 10n, 1),
      change(b, 1n, 12n),
      change(a, 9n, 9n),
      // The same delegate in lower case is the same delegate.
      { ...change(b, 4n, 11n), delegate: b.toLowerCase() as Address },
    ]);
    assert.deepEqual([...votes], [
      [a, 5n],
      [b, 1n],
    ]);
  });

  it("ranks largest first, ties by address, and leaves out delegates whose power fell to zero", () => {
    const page = rankDelegates([change(c, 10n, 1n), change(a, 30n, 1n), change(b, 10n, 1n), change(d, 8n, 1n), change(d, 0n, 2n)]);
    assert.deepEqual(
      page.delegates.map((delegate) => [delegate.rank, delegate.address, delegate.votes]),
      [
        [1, a, 30n],
        [2, b, 10n],
        [3, c, 10n],
      ],
    );
    assert.equal(page.delegateCount, 3);
    assert.equal(page.delegatedVotes, 50n);
  });

  it("pages through the ranking, keeping ranks global and clamping pages that do not exist", () => {
    const logs = Array.from({ length: 120 }, (_, i) => change(address(i + 1), BigInt(1_000 - i), 1n));
    const first = rankDelegates(logs, { page: 1 });
    assert.equal(first.delegates.length, 50);
    assert.equal(first.pageCount, 3);
    const third = rankDelegates(logs, { page: 3 });
    assert.deepEqual([third.delegates[0]?.rank, third.delegates.at(-1)?.rank, third.delegates.length], [101, 120, 20]);
    assert.equal(rankDelegates(logs, { page: 99 }).page, 3);
    assert.equal(rankDelegates(logs, { page: 0 }).page, 1);
    assert.equal(rankDelegates([], { page: 4 }).pageCount, 1, "an empty ranking still has one (empty) page");
    assert.throws(() => rankDelegates(logs, { pageSize: 0 }), RangeError);
  });

  it("reads ?page= defensively", () => {
    assert.equal(parsePage(undefined), 1);
    assert.equal(parsePage("3"), 3);
    assert.equal(parsePage(["2", "5"]), 2);
    for (const bad of ["0", "-1", "1.5", "abc", "9999999", ""]) assert.equal(parsePage(bad), 1, bad);
  });
});

describe("delegatee address input", () => {
  it("accepts lower-case and correctly checksummed addresses, returning the checksummed form", () => {
    assert.deepEqual(parseDelegatee(`  ${a.toLowerCase()} `), { ok: true, address: a });
    assert.deepEqual(parseDelegatee(a), { ok: true, address: a });
  });
  it("refuses empty input, malformed text, a wrong checksum and the zero address, each with its own message", () => {
    const message = (text: string) => {
      const result = parseDelegatee(text);
      assert.equal(result.ok, false, text);
      return result.ok ? "" : result.message;
    };
    assert.match(message(""), /Enter the address/);
    assert.match(message("vitalik.eth"), /not an address/);
    assert.match(message("0x123"), /not an address/);
    assert.match(message("0x1234567890ABCDEF1234567890abcdef12345678"), /checksum/);
    assert.match(message("0x0000000000000000000000000000000000000000"), /zero address/);
  });
});

describe("token formatting", () => {
  it("shows whole tokens with separators and truncates decimals", () => {
    assert.equal(formatTokens(parseEther("33000000"), 18), "33,000,000");
    assert.equal(formatTokens(parseEther("1234.5678"), 18), "1,234.56");
    assert.equal(formatTokens(parseEther("0.009"), 18), "0");
    assert.equal(formatTokens(0n, 18), "0");
  });
  it("computes shares in integers", () => {
    assert.equal(formatShare(parseEther("33000000"), parseEther("1000000000")), "3.30%");
    assert.equal(formatShare(1n, 3n), "33.33%");
    assert.equal(formatShare(5n, 0n), "0.00%");
  });
  it("shortens addresses for narrow screens", () => {
    assert.equal(shortAddress(a), "0x0000…000A");
  });
});
