import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { VoteType } from "../../../lib/governance/index.ts";
import { getVotesCsv } from "../../../lib/web/server/votesCsv.ts";
import { csvCell, csvLines, VOTE_CSV_COLUMNS, votesCsv, votesCsvFilename } from "../../../lib/web/votes/csv.ts";
import { matchesSupport, pageOfVotes, relayRows, selectVotes } from "../../../lib/web/votes/list.ts";
import { parseVoteParams, votesCsvHref, votesHref, voteSearch } from "../../../lib/web/votes/params.ts";
import type { VoteRecord } from "../../../lib/web/votes/types.ts";
import { buildManifest } from "../../helpers/manifest.ts";
import { tempFolder } from "../../helpers/tempFiles.ts";
import { parseCsv } from "../../helpers/csv.ts";

const CHAINS = [900, 901, 902];
const HUB = 900;
const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;
const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as const;
let serial = 0;
const vote = (over: Partial<VoteRecord> = {}): VoteRecord => {
  serial += 1;
  return { proposalId: 1n, chainId: HUB, voter: address(serial), support: VoteType.For, weight: 10n, reason: "", blockNumber: BigInt(serial), logIndex: 0, transactionHash: hash(serial), timestamp: BigInt(1000 + serial), ...over };
};

describe("parseVoteParams", () => {
  it("reads chain, support, sort and page; empty values are absent", () => {
    assert.deepEqual(parseVoteParams({ chain: "901", support: "against", sort: "weight", page: "3" }, CHAINS), { ok: true, params: { chain: 901, support: "against", sort: "weight", page: 3 } });
    assert.deepEqual(parseVoteParams({ chain: "", support: "", sort: undefined }, CHAINS), { ok: true, params: {} });
  });

  it("refuses bad values one by one and keeps the good ones", () => {
    const result = parseVoteParams({ chain: "901", support: "maybe", page: "0" }, CHAINS);
    assert.equal(result.ok, false);
    assert.deepEqual(result.params, { chain: 901 });
    assert.ok(!result.ok && result.errors.some((e) => e.startsWith("support:")) && result.errors.some((e) => e.startsWith("page:")), JSON.stringify(result));
  });

  it("refuses a chain the deployment does not have, a repeated key, an unknown key and oversized input", () => {
    const cases: Record<string, string | string[]>[] = [{ chain: "1" }, { chain: "0x385" }, { sort: ["weight", "oldest"] }, { support: "f".repeat(1000) }, { page: "99999999" }, { chain: "-901" }];
    for (const search of cases) {
      const result = parseVoteParams(search, CHAINS);
      assert.equal(result.ok, false, JSON.stringify(search));
      assert.ok(!result.ok && result.errors.length > 0);
    }
    const unknownChain = parseVoteParams({ chain: "1" }, CHAINS);
    assert.ok(!unknownChain.ok && /not a chain of this deployment/.test(unknownChain.errors[0]!));
    const unknownKey = parseVoteParams({ hack: "1" }, CHAINS, { strict: true });
    assert.ok(!unknownKey.ok && /unknown parameter hack/.test(unknownKey.errors[0]!));
    assert.deepEqual(parseVoteParams({ hack: "1", sort: "oldest" }, CHAINS), { ok: true, params: { sort: "oldest" } }, "the page leaves other params to the rest of the page");
  });

  it("writes the same params back into links (defaults left out; the CSV without a page)", () => {
    assert.equal(voteSearch({}), "");
    assert.equal(voteSearch({ sort: "newest", page: 1 }), "");
    assert.equal(voteSearch({ chain: 901, support: "for", sort: "weight", page: 2 }), "?chain=901&support=for&sort=weight&page=2");
    assert.equal(votesHref("42", { chain: 902 }), "/proposals/42?chain=902#vote-list");
    assert.equal(votesCsvHref("42", { support: "split", page: 4 }), "/proposals/42/votes.csv?support=split");
    const round = parseVoteParams(Object.fromEntries(new URLSearchParams(voteSearch({ chain: 901, support: "abstain", sort: "oldest", page: 7 }))), CHAINS);
    assert.deepEqual(round, { ok: true, params: { chain: 901, support: "abstain", sort: "oldest", page: 7 } });
  });
});

describe("the votes list", () => {
  // base-local: two votes, a relay proven after the first, a third vote after the relay.
  const first = vote({ chainId: 901, blockNumber: 10n, timestamp: 2000n, support: VoteType.Against, weight: 5n, reason: "no" });
  const second = vote({ chainId: 901, blockNumber: 11n, timestamp: 2001n, weight: 7n });
  const relay = vote({ chainId: HUB, voter: address(0xbeef), support: VoteType.Fractional, weight: 12n, split: { againstVotes: 5n, forVotes: 7n, abstainVotes: 0n }, relayedFrom: 901, relayedBlock: 11n, timestamp: 2010n });
  const late = vote({ chainId: 901, blockNumber: 30n, timestamp: 2020n, support: VoteType.Abstain, weight: 1n });
  const hubFor = vote({ weight: 100n, timestamp: 1500n, reason: "yes" });
  const hubAgainst = vote({ weight: 50n, support: VoteType.Against, timestamp: 2500n });
  const zora = vote({ chainId: 902, weight: 3n, timestamp: 1800n });
  const all = [first, second, relay, late, hubFor, hubAgainst, zora];

  it("pairs each member-chain vote with the relay that carried it, and a relay with what it carried", () => {
    const rows = new Map(relayRows(all, HUB).map((row) => [row.vote, row]));
    assert.equal(rows.get(first)?.countedBy, relay);
    assert.equal(rows.get(second)?.countedBy, relay);
    assert.equal(rows.get(late)?.countedBy, null, "after the relay's proven block: not counted yet");
    assert.equal(rows.get(zora)?.countedBy, null, "a chain never relayed");
    assert.deepEqual(rows.get(relay)?.covers, [first, second]);
    assert.equal(rows.get(hubFor)?.countedBy, undefined);
    assert.equal(rows.get(hubFor)?.covers, undefined);
  });

  it("sorts newest first by default, oldest first, or by weight (ties newest first)", () => {
    const order = (sort?: "newest" | "oldest" | "weight") => selectVotes(all, sort ? { sort } : {}, HUB).map((row) => row.vote);
    assert.deepEqual(order(), [hubAgainst, late, relay, second, first, zora, hubFor]);
    assert.deepEqual(order("oldest"), [hubFor, zora, first, second, relay, late, hubAgainst]);
    assert.deepEqual(order("weight"), [hubFor, hubAgainst, relay, second, first, zora, late]);
  });

  it("filters by chain (a member chain's view includes its relays) and by support (split shares count)", () => {
    assert.deepEqual(selectVotes(all, { chain: 901 }, HUB).map((r) => r.vote), [late, relay, second, first]);
    assert.deepEqual(selectVotes(all, { chain: 902 }, HUB).map((r) => r.vote), [zora]);
    assert.deepEqual(selectVotes(all, { chain: HUB, support: "against" }, HUB).map((r) => r.vote), [hubAgainst, relay]);
    assert.deepEqual(selectVotes(all, { support: "split" }, HUB).map((r) => r.vote), [relay]);
    assert.deepEqual(selectVotes(all, { support: "abstain" }, HUB).map((r) => r.vote), [late]);
    assert.equal(matchesSupport(relay, "for"), true);
    assert.equal(matchesSupport(relay, "abstain"), false);
  });

  it("pages in memory, clamping a page past the end, and counts votes per chain", () => {
    const page = pageOfVotes(all, { page: 2 }, HUB, 3);
    assert.deepEqual(page.rows.map((r) => r.vote), [second, first, zora]);
    assert.deepEqual([page.page, page.pageCount, page.total, page.count], [2, 3, 7, 7]);
    const beyond = pageOfVotes(all, { page: 99, support: "for" }, HUB, 3);
    assert.deepEqual([beyond.page, beyond.pageCount, beyond.total], [2, 2, 4]);
    assert.deepEqual([...page.perChain.entries()].sort(), [[900, 3], [901, 3], [902, 1]]);
    assert.deepEqual(pageOfVotes([], {}, HUB).rows, []);
  });

  it("pages 5,000 votes on one relay quickly", () => {
    const many = Array.from({ length: 5000 }, (_, i) => vote({ chainId: 901, blockNumber: BigInt(i + 1), timestamp: BigInt(i) }));
    const big = vote({ relayedFrom: 901, relayedBlock: 10_000n, support: VoteType.Fractional, timestamp: 9_999_999n });
    const started = performance.now();
    const page = pageOfVotes([...many, big], { sort: "weight" }, HUB);
    assert.ok(performance.now() - started < 500, `${performance.now() - started} ms`);
    assert.equal(page.rows.length, 25);
    assert.equal(relayRows([...many, big], HUB).at(-1)?.covers?.length, 5000);
  });
});

describe("votes CSV", () => {
  it("quotes commas, quotes and line breaks (RFC 4180) and defuses formulas", () => {
    assert.equal(csvCell("plain"), "plain");
    assert.equal(csvCell('a, "b"'), '"a, ""b"""');
    assert.equal(csvCell("line\nbreak"), '"line\nbreak"');
    assert.equal(csvCell("cr\rlf"), '"cr\rlf"');
    for (const formula of ["=HYPERLINK(\"x\")", "+1", "-1+2", "@SUM(A1)", "\tTAB", "\rCR"]) assert.ok(csvCell(formula).replace(/^"/, "").startsWith("'"), formula);
    assert.equal(csvCell("=1,2"), "\"'=1,2\"");
    assert.equal(csvCell(-5n), "-5", "numbers are ours, not formulas");
    assert.equal(csvCell(undefined), "");
    assert.equal(csvLines([["a", "b"], ["c", 1n]]), "a,b\r\nc,1\r\n");
  });

  it("encodes the list with a header, exact weights, splits and relay status, and parses back", () => {
    const reason = 'Because, "reasons"\nand =2+2';
    const hubVote = vote({ reason, weight: 123456789012345678901234n, timestamp: 1_700_000_000n });
    const member = vote({ chainId: 901, blockNumber: 5n, support: VoteType.Against, timestamp: 1_700_000_001n, reason: "-1 from me" });
    const relay = vote({ timestamp: 1_700_000_002n, relayedFrom: 901, relayedBlock: 9n, support: VoteType.Fractional, weight: 10n, split: { againstVotes: 10n, forVotes: 0n, abstainVotes: 0n } });
    const text = votesCsv(selectVotes([hubVote, member, relay], { sort: "oldest" }, HUB), (id) => ({ 900: "hub", 901: "base-local" })[id] ?? "?");
    const [header, ...records] = parseCsv(text);
    assert.deepEqual(header, [...VOTE_CSV_COLUMNS]);
    const field = (row: string[], name: (typeof VOTE_CSV_COLUMNS)[number]) => row[VOTE_CSV_COLUMNS.indexOf(name)];
    assert.equal(records.length, 3);
    const [h, m, r] = records as [string[], string[], string[]];
    assert.equal(field(h, "reason"), reason, "commas, quotes and line breaks survive");
    assert.equal(field(m, "reason"), "'-1 from me", "a reason starting like a formula gets an apostrophe");
    assert.equal(field(h, "weight"), "123456789012345678901234");
    assert.equal(field(h, "for"), "123456789012345678901234");
    assert.equal(field(h, "time_utc"), "2023-11-14T22:13:20.000Z");
    assert.equal(field(h, "counted_on_hub_by"), "");
    assert.equal(field(m, "support"), "Against");
    assert.equal(field(m, "chain"), "base-local");
    assert.equal(field(m, "counted_on_hub_by"), relay.transactionHash);
    assert.equal(field(r, "support"), "Split");
    assert.equal(field(r, "relayed_from_chain_id"), "901");
    assert.equal(field(r, "against"), "10");
    assert.equal(votesCsv([], () => "").split("\r\n").length, 2, "a header alone for no votes");
    assert.match(votesCsvFilename(2n ** 255n), /^proposal-\d{12}-votes\.csv$/);
  });
});

describe("GET /proposals/[id]/votes.csv refusals (before any chain is read)", () => {
  const folder = tempFolder("votes-csv-");
  const request = (query = "") => new Request(`http://127.0.0.1/proposals/1/votes.csv${query}`);
  const body = async (response: Response) => (await response.json()) as { error: { code: string; message: string; details?: string[] } };

  it("answers 404 for a malformed id", async () => {
    for (const id of ["0x2a", "-1", "abc", "1".repeat(100), "01"]) {
      const response = await getVotesCsv(request(), id);
      assert.equal(response.status, 404, id);
      assert.equal((await body(response)).error.code, "not_found");
    }
  });

  it("answers 400 for bad filters and an oversized query, 503 without a deployment", async () => {
    const previous = process.env.SUPERCHAIN_MANIFEST;
    try {
      process.env.SUPERCHAIN_MANIFEST = folder.file("devnet.json", JSON.stringify(buildManifest()));
      for (const query of ["?chain=1", "?support=maybe", "?sort=up", "?chain=901&chain=902", "?evil=%3D1", `?support=${"x".repeat(600)}`]) {
        const response = await getVotesCsv(request(query), "1");
        assert.equal(response.status, 400, query);
        const { error } = await body(response);
        assert.equal(error.code, "malformed");
        assert.ok(error.message.length > 0);
      }
      process.env.SUPERCHAIN_MANIFEST = `${folder.dir}/missing.json`;
      const unavailable = await getVotesCsv(request(), "1");
      assert.equal(unavailable.status, 503);
      assert.equal((await body(unavailable)).error.code, "unavailable");
    } finally {
      if (previous === undefined) delete process.env.SUPERCHAIN_MANIFEST;
      else process.env.SUPERCHAIN_MANIFEST = previous;
    }
  });
});
