import type { ProposalRecord } from "./types.ts";

/**
 * OpenZeppelin's proposer restriction: a description may end with `#proposer=0x…` so only that
 * account can submit it. It is part of the text the id commits to, but not something to read.
 */
const PROPOSER_SUFFIX = /\s*#proposer=0x[0-9a-fA-F]{40}\s*$/;

const TITLE_LIMIT = 140;

function stripInline(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1") // images → alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1") // links → their text
    .replace(/[*_`~]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A proposal's title, as voters know it: the first Markdown heading, else the first line of its
 * description, without Markdown marks, at most 140 characters. Proposals carry no title field,
 * so every list and page reads it the same way from here.
 *
 * @example
 * proposalTitle("# Faster blocks\n\nHalve base-local's block time.") // "Faster blocks"
 */
export function proposalTitle(description: string): string {
  const lines = description.replace(PROPOSER_SUFFIX, "").split(/\r?\n/);
  const heading = lines.find((line) => /^\s{0,3}#{1,6}\s+\S/.test(line));
  const first = heading ?? lines.find((line) => line.trim() !== "");
  const title = first === undefined ? "" : stripInline(first.replace(/^\s{0,3}#{1,6}\s+/, "").replace(/\s+#+\s*$/, ""));
  if (title === "") return "Untitled proposal";
  return title.length > TITLE_LIMIT ? `${title.slice(0, TITLE_LIMIT - 1).trimEnd()}…` : title;
}

/**
 * The description to render under the title: without the heading that became the title (the
 * page already shows it as its one `<h1>`) and without a proposer restriction suffix.
 */
export function proposalBody(description: string): string {
  const text = description.replace(PROPOSER_SUFFIX, "");
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((line) => line.trim() !== "");
  if (index === -1) return "";
  if (/^\s{0,3}#{1,6}\s+\S/.test(lines[index] ?? "")) lines.splice(index, 1);
  return lines.join("\n").trim();
}

/** The longest search text the list accepts; longer queries are cut, not refused. */
export const QUERY_LIMIT = 200;

/**
 * Whether a proposal matches a free-text search: every word must appear in its title,
 * description, proposer address or decimal id (case-insensitive), so "base block" finds
 * "Set base-local block time".
 */
export function matchesQuery(record: Pick<ProposalRecord, "id" | "description" | "proposer">, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = `${record.description}\n${record.proposer}\n${record.id}`.toLowerCase();
  return words.every((word) => haystack.includes(word));
}
