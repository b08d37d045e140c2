import { keccak256, toBytes } from "viem";

/** One `<entry>` of an Atom feed (RFC 4287 §4.1.2). */
export interface AtomEntry {
  /** A permanent IRI: see {@link stableUrn}. */
  id: string;
  title: string;
  /** Unix seconds. */
  updated: bigint;
  /** Absolute URL of the entry's page (`<link rel="alternate">`). */
  link: string;
  /** Plain text (`type="text"`). */
  summary: string;
  /** A short machine term (`proposal`, `change`, `activation`) for readers that filter. */
  category?: string;
}

/** An Atom 1.0 feed document (RFC 4287 §4.1.1). */
export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  /** Unix seconds: the newest entry's, or any fixed time when there are none. */
  updated: bigint;
  /** Absolute URL of the feed itself (`<link rel="self">`). */
  selfUrl: string;
  /** Absolute URL of the site the feed follows (`<link rel="alternate">`). */
  alternateUrl: string;
  /** Feed-level author: RFC 4287 requires one unless every entry has its own. */
  author: string;
  entries: readonly AtomEntry[];
}

export const ATOM_NS = "http://www.w3.org/2005/Atom";

/**
 * Characters XML 1.0 forbids anywhere (§2.2 `Char`): C0 controls but tab, LF and CR, lone
 * surrogates, U+FFFE and U+FFFF. Escaping cannot make them legal, so they are dropped.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/**
 * Text safe inside an element or a double- or single-quoted attribute: markup characters become
 * entities, characters XML cannot carry are removed (so no CDATA section is ever needed).
 *
 * @example
 * escapeXml('a < b & "c"\u0007') // 'a &lt; b &amp; &quot;c&quot;'
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, "").replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/**
 * An RFC 3339 `date-time` in UTC, whole seconds (RFC 4287 §3.3).
 *
 * @example
 * atomDate(0n) // "1970-01-01T00:00:00Z"
 */
export function atomDate(unixSeconds: bigint): string {
  return new Date(Number(unixSeconds) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * A permanent `urn:uuid:` for a key (RFC 9562 version 8: the first 128 bits of its keccak256,
 * version and variant bits set). The same key gives the same id on every run and host, so a
 * reader never sees an entry twice; the id does not depend on the URL the app is served from.
 *
 * @example
 * stableUrn("900:0xGovernor:proposal:42:created") // "urn:uuid:…-8…-…"
 */
export function stableUrn(key: string): string {
  const hex = keccak256(toBytes(key)).slice(2, 34).split("");
  hex[12] = "8";
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const h = hex.join("");
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const element = (name: string, text: string, attributes = ""): string => `<${name}${attributes}>${escapeXml(text)}</${name}>`;
const link = (rel: string, href: string, type?: string): string =>
  `<link rel="${rel}"${type ? ` type="${type}"` : ""} href="${escapeXml(href)}"/>`;

function renderEntry(entry: AtomEntry): string {
  return [
    "  <entry>",
    `    ${element("id", entry.id)}`,
    `    ${element("title", entry.title, ' type="text"')}`,
    `    ${element("updated", atomDate(entry.updated))}`,
    `    ${link("alternate", entry.link, "text/html")}`,
    ...(entry.category ? [`    <category term="${escapeXml(entry.category)}"/>`] : []),
    `    ${element("summary", entry.summary, ' type="text"')}`,
    "  </entry>",
  ].join("\n");
}

/**
 * The feed as an Atom 1.0 document (RFC 4287), UTF-8, entries in the order given. Every text is
 * escaped by {@link escapeXml}; URLs must already be absolute.
 *
 * @example
 * renderAtomFeed({ id, title: "Governance", updated, selfUrl, alternateUrl, author: "Superchain Governance", entries })
 */
export function renderAtomFeed(feed: AtomFeed): string {
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="${ATOM_NS}">`,
    `  ${element("id", feed.id)}`,
    `  ${element("title", feed.title, ' type="text"')}`,
    ...(feed.subtitle ? [`  ${element("subtitle", feed.subtitle, ' type="text"')}`] : []),
    `  ${element("updated", atomDate(feed.updated))}`,
    `  ${link("self", feed.selfUrl, "application/atom+xml")}`,
    `  ${link("alternate", feed.alternateUrl, "text/html")}`,
    `  <author>${element("name", feed.author)}</author>`,
    ...feed.entries.map(renderEntry),
    "</feed>",
    "",
  ].join("\n");
}
