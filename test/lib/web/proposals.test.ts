import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { formatTokens } from "../../../lib/web/delegates/format.ts";
import { formatTokenAmount } from "../../../lib/web/format.ts";
import { formatVotes, percent, timeLeft } from "../../../lib/web/proposals/format.ts";
import { DEFAULT_PAGE_SIZE, listHref, MAX_PAGE_SIZE, pageWindow, parseListParams, parseProposalId, proposalHref } from "../../../lib/web/proposals/params.ts";
import { matchesQuery, proposalBody, proposalTitle, QUERY_LIMIT } from "../../../lib/web/proposals/text.ts";
import { buildTimeline, type TimelineChange, type TimelineInput } from "../../../lib/web/proposals/timeline.ts";

describe("proposalTitle", () => {
  it("takes the first Markdown heading, without its marks", () => {
    assert.equal(proposalTitle("# Set base-local block time to 1,000 ms\n\nBody."), "Set base-local block time to 1,000 ms");
    assert.equal(proposalTitle("Intro line\n\n## The **real** title ##\n"), "The real title");
  });

  it("falls back to the first non-empty line, with links and emphasis reduced to text", () => {
    assert.equal(proposalTitle("\n\n  Faster [blocks](https://example.org) for _everyone_  \nmore"), "Faster blocks for everyone");
  });

  it("names an empty description and cuts a long one", () => {
    assert.equal(proposalTitle(""), "Untitled proposal");
    assert.equal(proposalTitle("   \n# \n"), "Untitled proposal");
    const long = proposalTitle(`# ${"x".repeat(500)}`);
    assert.equal(long.length, 140);
    assert.ok(long.endsWith("…"));
  });

  it("ignores OpenZeppelin's #proposer= suffix", () => {
    const suffix = "#proposer=0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    assert.equal(proposalTitle(`Resume base-local ${suffix}`), "Resume base-local");
    assert.equal(proposalBody(`# Title\n\nBody text\n${suffix}`), "Body text");
  });
});

describe("proposalBody", () => {
  it("drops the heading that became the title and keeps the rest", () => {
    assert.equal(proposalBody("# Title\n\nFirst paragraph.\n\n## Details\n- a"), "First paragraph.\n\n## Details\n- a");
  });

  it("drops the title heading wherever it stands, so the title never repeats in the body", () => {
    const description = "Intro line\n\n## The **real** title ##\n\nDetails.";
    assert.equal(proposalTitle(description), "The real title");
    assert.equal(proposalBody(description), "Intro line\n\nDetails.");
    assert.ok(!proposalBody(description).includes("real"));
    // Only the heading that became the title goes; later headings stay.
    assert.equal(proposalBody("# Title\n\nText\n\n# Second\n\nMore"), "Text\n\n# Second\n\nMore");
  });

  it("keeps a first line that is not a heading (the title repeats it, nothing is lost)", () => {
    assert.equal(proposalBody("Plain first line\nsecond"), "Plain first line\nsecond");
    assert.equal(proposalBody(""), "");
  });
});

describe("matchesQuery", () => {
  const record = { id: 123456789n, proposer: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" as const, description: "# Set base-local block time\n\nFaster." };

  it("needs every word, in any case, in the text, the proposer or the id", () => {
    assert.equal(matchesQuery(record, ""), true);
    assert.equal(matchesQuery(record, "BASE block"), true);
    assert.equal(matchesQuery(record, "base zora"), false);
    assert.equal(matchesQuery(record, "0x70997970c5"), true);
    assert.equal(matchesQuery(record, "3456"), true);
  });
});

describe("parseListParams", () => {
  it("reads state, query and page", () => {
    assert.deepEqual(parseListParams({ state: "Active", q: "  block time ", page: "3" }), { state: "active", query: "block time", page: 3 });
  });

  it("drops malformed values instead of failing", () => {
    assert.deepEqual(parseListParams({ state: "nonsense", q: "   ", page: "-1" }), {});
    assert.deepEqual(parseListParams({ page: "1e3" }), {});
    assert.deepEqual(parseListParams({ page: "99999999999" }), {});
    assert.deepEqual(parseListParams({ state: ["queued", "active"] }), { state: "queued" });
    assert.equal(parseListParams({ q: "x".repeat(5_000) }).query?.length, QUERY_LIMIT);
  });
});

describe("pageWindow", () => {
  it("slices pages and clamps out-of-range pages and sizes", () => {
    assert.deepEqual(pageWindow(60, 3, 25), { page: 3, pageCount: 3, pageSize: 25, start: 50, end: 60 });
    assert.deepEqual(pageWindow(60, 9, 25), { page: 3, pageCount: 3, pageSize: 25, start: 50, end: 60 });
    assert.deepEqual(pageWindow(0), { page: 1, pageCount: 1, pageSize: DEFAULT_PAGE_SIZE, start: 0, end: 0 });
    assert.equal(pageWindow(1_000, 1, 10_000).pageSize, MAX_PAGE_SIZE);
    assert.equal(pageWindow(1_000, 0, 25).page, 1);
    assert.deepEqual(pageWindow(1_000, 40, 25), { page: 40, pageCount: 40, pageSize: 25, start: 975, end: 1_000 });
  });
});

describe("hrefs and ids", () => {
  it("builds list URLs that leave defaults out", () => {
    assert.equal(listHref({}), "/proposals");
    assert.equal(listHref({ state: "active", query: "a b", page: 2 }), "/proposals?state=active&q=a+b&page=2");
    assert.equal(listHref({ page: 1 }), "/proposals");
    assert.equal(proposalHref(42n), "/proposals/42");
  });

  it("accepts only decimal uint256 ids", () => {
    assert.equal(parseProposalId("42"), 42n);
    assert.equal(parseProposalId("0"), 0n);
    assert.equal(parseProposalId(((1n << 256n) - 1n).toString()), (1n << 256n) - 1n);
    for (const bad of ["", "0x2a", "-1", "01", "1.5", "abc", (1n << 256n).toString(), "9".repeat(79)]) {
      assert.equal(parseProposalId(bad), undefined, bad);
    }
  });
});

describe("formatTokenAmount", () => {
  const e18 = 10n ** 18n;

  it("cuts extra digits instead of rounding up: a voter never sees more power than they have", () => {
    assert.equal(formatTokenAmount(99_999n * 10n ** 15n, 18), "99.99");
    assert.equal(formatTokenAmount(99_999n * 10n ** 15n, 18, { symbol: "SUP" }), "99.99 SUP");
    assert.equal(formatTokenAmount(e18 - 1n, 18), "0.99");
    assert.equal(formatTokenAmount(9n * 10n ** 15n, 18), "0");
    assert.equal(formatTokenAmount(1_234_567n * 10n ** 15n, 18, { fractionDigits: 0 }), "1,234");
    assert.equal(formatTokenAmount(1_234_567n * 10n ** 15n, 18, { fractionDigits: 3 }), "1,234.567");
    assert.equal(formatTokenAmount(0n, 18), "0");
  });

  it("stays exact above 2^53 (no float on the way)", () => {
    assert.equal(formatTokenAmount(2n ** 64n, 0), "18,446,744,073,709,551,616");
    assert.equal(formatTokenAmount(2n ** 64n + 1n, 2), "184,467,440,737,095,516.17");
    assert.equal(formatTokenAmount(123_456_789_012_345_678_901_234_567n, 18), "123,456,789.01");
  });

  it("abbreviates when compact, cutting the same way", () => {
    assert.equal(formatTokenAmount(33_000_000n * e18, 18, { compact: true }), "33M");
    assert.equal(formatTokenAmount(33_990_000n * e18, 18, { compact: true }), "33.9M");
    assert.equal(formatTokenAmount(999_999n * e18, 18, { compact: true }), "999.9K");
    assert.equal(formatTokenAmount(1_000n * e18, 18, { compact: true }), "1K");
    assert.equal(formatTokenAmount(999n * e18 + 99n * 10n ** 16n, 18, { compact: true }), "999.9");
    assert.equal(formatTokenAmount(2_500_000_000n * e18, 18, { compact: true }), "2.5B");
    assert.equal(formatTokenAmount(4_321n * 10n ** 12n * e18, 18, { compact: true }), "4,321T");
    assert.equal(formatTokenAmount(123_456_789n, 6, { compact: true, symbol: "USDC" }), "123.4 USDC");
  });

  it("takes the token's decimals and keeps the sign", () => {
    assert.equal(formatTokenAmount(1_500_000n, 6), "1.5");
    assert.equal(formatTokenAmount(-1_234_560n, 3), "-1,234.56");
    assert.equal(formatTokenAmount(-1n, 18), "0");
    assert.throws(() => formatTokenAmount(1n, -1), RangeError);
    assert.throws(() => formatTokenAmount(1n, 1.5), RangeError);
  });

  it("is what the delegates' formatTokens prints", () => {
    for (const amount of [0n, 1n, 99_999n * 10n ** 15n, 33_000_000n * e18, 2n ** 70n]) {
      assert.equal(formatTokens(amount, 18), formatTokenAmount(amount, 18));
      assert.equal(formatTokens(amount, 18, 4), formatTokenAmount(amount, 18, { fractionDigits: 4 }));
    }
  });
});

describe("format", () => {
  it("prints votes and time left", () => {
    const token = { symbol: "SUP", decimals: 18 };
    assert.equal(formatVotes(33_000_000n * 10n ** 18n, token), "33M SUP");
    assert.equal(formatVotes(12_500_000n * 10n ** 18n, token, "full"), "12,500,000 SUP");
    assert.equal(formatVotes(99_999n * 10n ** 15n, token, "full"), "99.99 SUP");
    assert.equal(formatVotes(1_299_999n * 10n ** 17n, token), "129.9K SUP");
    assert.equal(formatVotes(1_500_000n, { symbol: "USDC", decimals: 6 }, "full"), "1.5 USDC");
    assert.equal(timeLeft(100n, 100n), undefined);
    assert.equal(timeLeft(100n + 86_400n + 3_600n + 59n, 100n), "1 day 1 hour");
    assert.equal(timeLeft(100n + 125n, 100n), "2 minutes 5 seconds");
    assert.equal(percent(1n, 3n), 33.3);
    assert.equal(percent(1n, 0n), 0);
  });
});

describe("buildTimeline", () => {
  const base: TimelineInput = {
    now: 1_000n,
    state: "active",
    createdAt: 100n,
    voteStart: 400n,
    deadline: 2_000n,
    eta: 0n,
    schedulesChanges: true,
    changes: [],
    memberChainIds: [901, 902],
  };
  const change = (overrides: Partial<TimelineChange> = {}): TimelineChange => ({
    id: 1n,
    kind: "setParameters",
    chainId: 901n,
    status: "awaitingCouncil",
    scheduledAt: 5_000n,
    expiresAt: 9_000n,
    approvedAt: 0n,
    activatesAt: 0n,
    requestedActivation: 0n,
    ...overrides,
  });
  const states = (steps: ReturnType<typeof buildTimeline>) => steps.map((step) => `${step.key}:${step.state}`);

  it("runs from created to in force, with voting current while active", () => {
    const steps = buildTimeline(base);
    assert.deepEqual(states(steps), [
      "created:done",
      "voting:current",
      "outcome:upcoming",
      "queued:upcoming",
      "executed:upcoming",
      "council:upcoming",
      "decision:upcoming",
      "activation:upcoming",
      "inForce:upcoming",
    ]);
    assert.equal(steps[1]?.at, 2_000n);
    assert.equal(steps[1]?.expected, true);
  });

  it("shows a pending proposal's opening time as expected", () => {
    const steps = buildTimeline({ ...base, state: "pending", now: 200n });
    assert.deepEqual(steps[1], { key: "voting", label: "Voting", state: "upcoming", at: 400n, expected: true, timeLabel: "opens" });
  });

  it("ends at a defeat", () => {
    assert.deepEqual(states(buildTimeline({ ...base, state: "defeated", now: 3_000n })), ["created:done", "voting:done", "outcome:failed"]);
  });

  it("ends at a cancellation, before or after voting", () => {
    assert.deepEqual(states(buildTimeline({ ...base, state: "canceled", canceledAt: 300n })), ["created:done", "voting:failed", "canceled:failed"]);
    assert.deepEqual(states(buildTimeline({ ...base, state: "canceled", canceledAt: 2_500n })), ["created:done", "voting:done", "canceled:failed"]);
  });

  it("asks for queueing once succeeded, and execution once the eta passed", () => {
    assert.deepEqual(states(buildTimeline({ ...base, state: "succeeded", now: 3_000n })).slice(2, 5), ["outcome:done", "queued:current", "executed:upcoming"]);
    const waiting = buildTimeline({ ...base, state: "queued", now: 3_000n, queuedAt: 2_100n, eta: 5_700n });
    assert.deepEqual(states(waiting).slice(3, 5), ["queued:done", "executed:upcoming"]);
    assert.equal(waiting[4]?.at, 5_700n);
    assert.equal(waiting[4]?.expected, true);
    const ready = buildTimeline({ ...base, state: "queued", now: 6_000n, queuedAt: 2_100n, eta: 5_700n });
    assert.equal(ready[4]?.state, "current");
  });

  it("waits for the council after execution, with the expiry as the decision's deadline", () => {
    const steps = buildTimeline({ ...base, state: "executed", now: 6_000n, executedAt: 5_000n, eta: 4_900n, changes: [change()] });
    assert.deepEqual(states(steps).slice(4), ["executed:done", "council:current", "decision:upcoming", "activation:upcoming", "inForce:upcoming"]);
    assert.equal(steps[6]?.at, 9_000n);
  });

  it("ends at a rejection or an expiry", () => {
    const rejected = buildTimeline({ ...base, state: "executed", now: 6_000n, changes: [change({ status: "rejected" })] });
    assert.deepEqual(states(rejected).slice(-2), ["council:done", "decision:failed"]);
    assert.equal(rejected.at(-1)?.label, "Rejected by the council");
    const expired = buildTimeline({ ...base, state: "executed", now: 10_000n, changes: [change({ status: "expired" })] });
    assert.equal(expired.at(-1)?.at, 9_000n);
  });

  it("expects the activation once approved", () => {
    const steps = buildTimeline({ ...base, state: "executed", now: 6_000n, changes: [change({ status: "approved", approvedAt: 5_500n, activatesAt: 6_100n })] });
    assert.deepEqual(states(steps).slice(-4), ["council:done", "decision:done", "activation:current", "inForce:upcoming"]);
    assert.equal(steps.at(-2)?.at, 6_100n);
  });

  it("is in force on the sequencer only when the running config activated at or after the change", () => {
    const active = { ...base, state: "executed" as const, now: 7_000n, changes: [change({ status: "active", approvedAt: 5_500n, activatesAt: 6_100n })] };
    const behind = buildTimeline({ ...active, sequencer: { reachable: true, chains: [{ chainId: 901, activatedAt: 6_000n }] } });
    assert.equal(behind.at(-1)?.state, "current");
    assert.match(behind.at(-1)?.detail ?? "", /chain 901/);
    const inForce = buildTimeline({ ...active, sequencer: { reachable: true, chains: [{ chainId: 901, activatedAt: 6_100n }] } });
    assert.deepEqual(states(inForce).slice(-2), ["activation:done", "inForce:done"]);
    const down = buildTimeline({ ...active, sequencer: { reachable: false, reason: "connection refused" } });
    assert.equal(down.at(-1)?.state, "current");
    assert.match(down.at(-1)?.detail ?? "", /connection refused/);
  });

  it("needs every member chain for a global (chain 0) change", () => {
    const global = { ...base, state: "executed" as const, now: 7_000n, changes: [change({ chainId: 0n, status: "active", approvedAt: 5_500n, activatesAt: 6_100n })], memberName: (id: number) => (id === 902 ? "zora-local" : `chain ${id}`) };
    const partial = buildTimeline({ ...global, sequencer: { reachable: true, chains: [{ chainId: 901, activatedAt: 6_100n }, { chainId: 902, activatedAt: undefined }] } });
    assert.equal(partial.at(-1)?.state, "current");
    assert.match(partial.at(-1)?.detail ?? "", /zora-local/);
    const all = buildTimeline({ ...global, sequencer: { reachable: true, chains: [{ chainId: 901, activatedAt: 6_100n }, { chainId: 902, activatedAt: 6_500n }] } });
    assert.equal(all.at(-1)?.state, "done");
  });

  it("ends at execution for settings that take effect on execution", () => {
    const steps = buildTimeline({ ...base, state: "executed", now: 6_000n, executedAt: 5_000n, schedulesChanges: false });
    assert.deepEqual(states(steps).slice(-2), ["executed:done", "inForce:done"]);
    assert.equal(steps.at(-1)?.at, 5_000n);
  });
});
