import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { atomDate, escapeXml, renderAtomFeed, stableUrn, type AtomFeed } from "../../../lib/web/feed/atom.ts";
import { newestEvents, toAtomEntry, type FeedEvent } from "../../../lib/web/feed/events.ts";
import { getFeed, publicBaseUrl, PublicUrlError } from "../../../lib/web/feed/http.ts";

const PROPOSER = "0x00000000000000000000000000000000000000aA" as const;

const feed = (overrides: Partial<AtomFeed> = {}): AtomFeed => ({
  id: stableUrn("test:feed"),
  title: "Governance",
  updated: 1_700_000_000n,
  selfUrl: "https://gov.example/feed.xml",
  alternateUrl: "https://gov.example/",
  author: "Superchain Governance",
  entries: [],
  ...overrides,
});

describe("lib/web/feed/atom: escaping", () => {
  it("escapes the five markup characters, & first so nothing is escaped twice", () => {
    assert.equal(escapeXml(`a & b < c > d "e" 'f'`), "a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;");
    assert.equal(escapeXml("&amp;"), "&amp;amp;", "an entity in the text is text, not markup");
    assert.equal(escapeXml("]]>"), "]]&gt;", "a CDATA end cannot appear raw");
  });

  it("drops characters XML 1.0 cannot carry and keeps tab, newlines and any Unicode", () => {
    assert.equal(escapeXml("a\u0000b\u0007c\u001Fd\u000Be\u000Cf"), "abcdef");
    assert.equal(escapeXml("t\tn\nr\r"), "t\tn\nr\r");
    assert.equal(escapeXml("\uFFFE\uFFFF\uD800x"), "x", "non-characters and a lone surrogate go");
    assert.equal(escapeXml("é → 🦊"), "é → 🦊");
  });

  it("writes RFC 3339 UTC dates in whole seconds", () => {
    assert.equal(atomDate(0n), "1970-01-01T00:00:00Z");
    assert.equal(atomDate(1_700_000_000n), "2023-11-14T22:13:20Z");
  });

  it("derives the same urn:uuid (version 8, RFC variant) from the same key, and another from another", () => {
    const id = stableUrn("900:0xabc:proposal:1:created");
    assert.match(id, /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(stableUrn("900:0xabc:proposal:1:created"), id);
    assert.notEqual(stableUrn("900:0xabc:proposal:1:queued"), id);
  });
});

describe("lib/web/feed/atom: the document", () => {
  it("has the Atom namespace, the required feed elements and both links, with no entries", () => {
    const xml = renderAtomFeed(feed());
    assert.ok(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'));
    assert.match(xml, /<id>urn:uuid:[^<]+<\/id>/);
    assert.match(xml, /<title type="text">Governance<\/title>/);
    assert.match(xml, /<updated>2023-11-14T22:13:20Z<\/updated>/);
    assert.match(xml, /<link rel="self" type="application\/atom\+xml" href="https:\/\/gov.example\/feed.xml"\/>/);
    assert.match(xml, /<link rel="alternate" type="text\/html" href="https:\/\/gov.example\/"\/>/);
    assert.match(xml, /<author><name>Superchain Governance<\/name><\/author>/);
    assert.ok(!xml.includes("<entry>"));
    assert.ok(xml.trimEnd().endsWith("</feed>"));
  });

  it("escapes hostile text in every entry field, attributes included, and never emits CDATA", () => {
    const xml = renderAtomFeed(
      feed({
        entries: [
          {
            id: "urn:uuid:1",
            title: `<script>alert("x")</script> & co\u0001`,
            updated: 1n,
            link: `https://gov.example/proposals/1?a=1&b="2"`,
            summary: "]]><evil/>\u0008",
            category: `a"b`,
          },
        ],
      }),
    );
    assert.ok(xml.includes("<title type=\"text\">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co</title>"));
    assert.ok(xml.includes('href="https://gov.example/proposals/1?a=1&amp;b=&quot;2&quot;"'));
    assert.ok(xml.includes("<summary type=\"text\">]]&gt;&lt;evil/&gt;</summary>"));
    assert.ok(xml.includes('<category term="a&quot;b"/>'));
    assert.ok(!xml.includes("<![CDATA["));
    assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml), "no control character survives");
  });
});

describe("lib/web/feed/events: entries", () => {
  const created: FeedEvent = { kind: "proposalCreated", at: 100n, proposalId: 42n, title: "Faster blocks", proposer: PROPOSER, voteStart: 110n, voteEnd: 200n };
  const queued: FeedEvent = { kind: "proposalQueued", at: 300n, proposalId: 42n, title: "Faster blocks", eta: 400n };
  const closed: FeedEvent = { kind: "votingClosed", at: 200n, proposalId: 42n, title: "Faster blocks", outcome: "succeeded" };
  const awaiting: FeedEvent = { kind: "changeAwaitingCouncil", at: 500n, change: { id: 3n, proposalId: 42n, sentence: "Set base-local block time to 1,000 ms" }, expiresAt: 900n };
  const orphan: FeedEvent = { kind: "changeRejected", at: 600n, change: { id: 4n, sentence: "Approve release 2" } };
  const inForce: FeedEvent = { kind: "inForce", at: 700n, change: { id: 3n, sentence: "Set base-local block time to 1,000 ms" }, chainId: 901, chainName: "base-local" };

  it("orders newest first, bounded, and puts the later lifecycle step on top within a second", () => {
    const sameSecond: FeedEvent = { ...queued, kind: "proposalExecuted", at: 300n };
    assert.deepEqual(
      newestEvents([created, queued, closed, sameSecond, inForce]).map((e) => e.kind),
      ["inForce", "proposalExecuted", "proposalQueued", "votingClosed", "proposalCreated"],
    );
    assert.equal(newestEvents([created, queued, closed], 2).length, 2);
    assert.equal(newestEvents([created], 0).length, 0);
  });

  it("links each entry to its page under the base URL, with an id stable per deployment and event", () => {
    const scope = "devnet:2026:900:0xgov";
    const base = "https://gov.example/app";
    const entry = toAtomEntry(created, { baseUrl: base, scope });
    assert.equal(entry.link, "https://gov.example/app/proposals/42");
    assert.equal(entry.title, "New proposal: Faster blocks");
    assert.match(entry.summary, /by 0x0{38}aA/);
    assert.equal(entry.updated, 100n);
    assert.equal(toAtomEntry(created, { baseUrl: "http://other", scope }).id, entry.id, "the id does not depend on the host");
    assert.notEqual(toAtomEntry(created, { baseUrl: base, scope: "devnet:2027:900:0xgov" }).id, entry.id, "another deployment, another id");
    assert.notEqual(toAtomEntry(queued, { baseUrl: base, scope }).id, entry.id);

    assert.equal(toAtomEntry(awaiting, { baseUrl: base, scope }).link, `${base}/proposals/42`, "a change links to the proposal that scheduled it");
    assert.equal(toAtomEntry(orphan, { baseUrl: base, scope }).link, `${base}/council`, "…else to the council");
    assert.equal(toAtomEntry(inForce, { baseUrl: base, scope }).link, `${base}/chains/901`);
    assert.equal(toAtomEntry(inForce, { baseUrl: base, scope }).category, "activation");
    assert.match(toAtomEntry(awaiting, { baseUrl: base, scope }).summary, /approve or reject it by 1970-01-01 00:15 UTC/);
  });
});

describe("lib/web/feed/http: the public base URL", () => {
  const request = new Request("http://127.0.0.1:3000/feed.xml?utm=1");

  it("uses SUPERCHAIN_PUBLIC_URL, keeping a path prefix and dropping a trailing slash", () => {
    assert.equal(publicBaseUrl(request, { SUPERCHAIN_PUBLIC_URL: "https://gov.example/" }), "https://gov.example");
    assert.equal(publicBaseUrl(request, { SUPERCHAIN_PUBLIC_URL: " https://gov.example/dao/ " }), "https://gov.example/dao");
  });

  it("falls back to the request's origin, query dropped", () => {
    assert.equal(publicBaseUrl(request, {}), "http://127.0.0.1:3000");
    assert.equal(publicBaseUrl(request, { SUPERCHAIN_PUBLIC_URL: "  " }), "http://127.0.0.1:3000");
  });

  it("takes the host the client asked for and a proxy's scheme, only when well-formed", () => {
    const asked = (headers: Record<string, string>) => publicBaseUrl(new Request("http://localhost:3000/feed.xml", { headers }), {});
    assert.equal(asked({ host: "127.0.0.1:3000" }), "http://127.0.0.1:3000");
    assert.equal(asked({ host: "Gov.Example", "x-forwarded-proto": "https" }), "https://gov.example");
    assert.equal(asked({ host: "[::1]:8080" }), "http://[::1]:8080");
    assert.equal(asked({ host: "gov.example", "x-forwarded-proto": "javascript" }), "http://gov.example", "an odd scheme is ignored");
    for (const host of ["evil.example/path", "a b", "evil.example\"@x", "user@evil.example", "evil.example:99999x"]) {
      assert.equal(asked({ host }), "http://localhost:3000", host);
    }
  });

  it("refuses a configured value that is not a plain http(s) base URL", () => {
    for (const value of ["gov.example", "javascript:alert(1)", "ftp://gov.example", "https://user:pw@gov.example", "https://gov.example/?a=1", "https://gov.example/#x"]) {
      assert.throws(() => publicBaseUrl(request, { SUPERCHAIN_PUBLIC_URL: value }), PublicUrlError, value);
    }
  });
});

describe("lib/web/feed/http: refusals", () => {
  const saved = { url: process.env.SUPERCHAIN_PUBLIC_URL, manifest: process.env.SUPERCHAIN_MANIFEST };
  const restore = () => {
    for (const [name, value] of [["SUPERCHAIN_PUBLIC_URL", saved.url], ["SUPERCHAIN_MANIFEST", saved.manifest]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };

  it("answers 500 with a clear JSON error when SUPERCHAIN_PUBLIC_URL is malformed, before reading any chain", async (t) => {
    t.after(restore);
    process.env.SUPERCHAIN_PUBLIC_URL = "gov.example";
    const response = await getFeed(new Request("http://127.0.0.1:3000/feed.xml"));
    assert.equal(response.status, 500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "misconfigured");
    assert.match(body.error.message, /SUPERCHAIN_PUBLIC_URL/);
  });

  it("answers 503 when there is no deployment to read", async (t) => {
    t.after(restore);
    delete process.env.SUPERCHAIN_PUBLIC_URL;
    process.env.SUPERCHAIN_MANIFEST = "/nonexistent/superchain-feed-test/devnet.json";
    const response = await getFeed(new Request("http://127.0.0.1:3000/feed.xml"));
    assert.equal(response.status, 503);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, "unavailable");
  });
});
