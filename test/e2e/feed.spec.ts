import { writeFileSync } from "node:fs";

import { expect, test } from "./support/fixtures.ts";

const ATOM_NS = "http://www.w3.org/2005/Atom";

/** What Chromium's own XML parser (an implementation independent of the app's writer) reads from a feed. */
interface ParsedFeed {
  parserError: string | null;
  rootName: string;
  rootNamespace: string | null;
  /** Counts of the feed's own children by name (RFC 4287 §4.1.1 cardinalities). */
  feedCounts: Record<string, number>;
  selfHref: string | null;
  alternateHref: string | null;
  authorName: string | null;
  updated: string | null;
  entries: Array<{ counts: Record<string, number>; id: string; title: string; updated: string; href: string | null; summary: string }>;
}

/** Fetches `path` in the page and parses it with `DOMParser` as application/xml. */
async function parseFeed(page: import("@playwright/test").Page, path: string): Promise<ParsedFeed> {
  return page.evaluate(
    async ({ path, ns }) => {
      const text = await (await fetch(path)).text();
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const root = doc.documentElement;
      const children = (el: Element, name: string) => Array.from(el.children).filter((c) => c.namespaceURI === ns && c.localName === name);
      const counts = (el: Element) => {
        const out: Record<string, number> = {};
        for (const c of Array.from(el.children)) if (c.namespaceURI === ns) out[c.localName] = (out[c.localName] ?? 0) + 1;
        return out;
      };
      const linkHref = (el: Element, rel: string) => children(el, "link").find((l) => (l.getAttribute("rel") ?? "alternate") === rel)?.getAttribute("href") ?? null;
      return {
        parserError: doc.getElementsByTagName("parsererror")[0]?.textContent ?? null,
        rootName: root.localName,
        rootNamespace: root.namespaceURI,
        feedCounts: counts(root),
        selfHref: linkHref(root, "self"),
        alternateHref: linkHref(root, "alternate"),
        authorName: children(root, "author")[0]?.getElementsByTagNameNS(ns, "name")[0]?.textContent ?? null,
        updated: children(root, "updated")[0]?.textContent ?? null,
        entries: children(root, "entry").map((entry) => ({
          counts: counts(entry),
          id: children(entry, "id")[0]?.textContent ?? "",
          title: children(entry, "title")[0]?.textContent ?? "",
          updated: children(entry, "updated")[0]?.textContent ?? "",
          href: linkHref(entry, "alternate"),
          summary: children(entry, "summary")[0]?.textContent ?? "",
        })),
      };
    },
    { path, ns: ATOM_NS },
  );
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

test.describe("feed", () => {
  test("/feed.xml of the seeded devnet is valid Atom to Chromium's XML parser, newest first, every entry linking to a page that answers 200", async ({ page, request, baseURL }) => {
    await page.goto("/");
    // Every page advertises the feed for readers and browsers.
    const advertised = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
    await expect(advertised).toHaveCount(1);
    expect(new URL((await advertised.getAttribute("href"))!, baseURL).pathname).toBe("/feed.xml");

    const response = await request.get("/feed.xml");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    expect(response.headers()["cache-control"]).toMatch(/max-age=\d+/);

    // Kept for a reader to look at: test-results/e2e/<this test>/feed.xml.
    writeFileSync(test.info().outputPath("feed.xml"), await response.body());
    const feed = await parseFeed(page, "/feed.xml");
    expect(feed.parserError).toBeNull();
    expect(feed.rootName).toBe("feed");
    expect(feed.rootNamespace).toBe(ATOM_NS);
    // RFC 4287 §4.1.1: exactly one id, title, updated; an author (no entry has its own); a self link.
    expect(feed.feedCounts.id).toBe(1);
    expect(feed.feedCounts.title).toBe(1);
    expect(feed.feedCounts.updated).toBe(1);
    expect(feed.authorName).toBeTruthy();
    expect(feed.updated).toMatch(RFC3339);
    expect(feed.selfHref).toBe(`${baseURL}/feed.xml`);
    expect(feed.alternateHref).toBe(`${baseURL}/`);

    expect(feed.entries.length).toBeGreaterThan(8);
    expect(feed.entries.length).toBeLessThanOrEqual(100);
    const ids = new Set<string>();
    let previous = Number.POSITIVE_INFINITY;
    for (const entry of feed.entries) {
      // §4.1.2: exactly one id, title, updated; a link rel=alternate (no content); a summary.
      expect(entry.counts.id, entry.title).toBe(1);
      expect(entry.counts.title, entry.title).toBe(1);
      expect(entry.counts.updated, entry.title).toBe(1);
      expect(entry.counts.summary, entry.title).toBe(1);
      expect(entry.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
      expect(ids.has(entry.id), `duplicate id ${entry.id}`).toBe(false);
      ids.add(entry.id);
      expect(entry.updated).toMatch(RFC3339);
      const at = Date.parse(entry.updated);
      expect(at, "newest first").toBeLessThanOrEqual(previous);
      previous = at;
      expect(entry.href?.startsWith(`${baseURL}/`), entry.href ?? "no link").toBe(true);
      expect(entry.title.length).toBeGreaterThan(0);
      expect(entry.summary.length).toBeGreaterThan(0);
    }
    expect(Date.parse(feed.updated!)).toBe(Date.parse(feed.entries[0]!.updated));

    // The seeded proposals cover every step the feed reports.
    const titles = feed.entries.map((entry) => entry.title);
    for (const prefix of ["New proposal: ", "Defeated: ", "Succeeded: ", "Queued: ", "Executed: ", "Awaiting the council: ", "Approved by the council: ", "In force on "]) {
      expect(titles.some((title) => title.startsWith(prefix)), `an entry starting "${prefix}" in ${JSON.stringify(titles)}`).toBe(true);
    }

    for (const href of new Set(feed.entries.map((entry) => entry.href!))) {
      const page = await request.get(href);
      expect(page.status(), href).toBe(200);
    }

    // Ids are stable from one load to the next.
    const again = await parseFeed(page, "/feed.xml");
    expect(new Set(again.entries.map((entry) => entry.id))).toEqual(ids);
  });

  test("unknown query parameters are ignored, a matching If-None-Match gets 304, HEAD answers without a body, other methods get 405", async ({ request, page }) => {
    await page.goto("/");
    const plain = await parseFeed(page, "/feed.xml");
    const odd = await parseFeed(page, "/feed.xml?page=-1&limit=99999&x=%3Cscript%3E&format=rss");
    expect(odd.parserError).toBeNull();
    expect(odd.entries.map((entry) => entry.id)).toEqual(plain.entries.map((entry) => entry.id));

    const first = await request.get("/feed.xml");
    const etag = first.headers()["etag"];
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const unchanged = await request.get("/feed.xml", { headers: { "if-none-match": `W/${etag}, "other"` } });
    expect(unchanged.status()).toBe(304);
    expect((await unchanged.body()).length).toBe(0);
    expect((await request.get("/feed.xml", { headers: { "if-none-match": '"stale"' } })).status()).toBe(200);

    const head = await request.head("/feed.xml");
    expect(head.status()).toBe(200);
    expect(head.headers()["content-type"]).toBe("application/atom+xml; charset=utf-8");
    expect((await head.body()).length).toBe(0);

    for (const method of ["POST", "PUT", "DELETE", "PATCH"] as const) {
      const answer = await request.fetch("/feed.xml", { method, data: "<feed/>" });
      expect(answer.status(), method).toBe(405);
    }
  });
});
