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

const HEADING = /^\s{0,3}#{1,6}\s+\S/;

/**
 * Where the title comes from, in a description split into lines (without the proposer suffix):
 * the first Markdown heading, else the first non-empty line; -1 when every line is blank.
 * {@link proposalTitle} and {@link proposalBody} both ask this, so they always agree on the line.
 */
function titleLineIndex(lines: readonly string[]): number {
  const heading = lines.findIndex((line) => HEADING.test(line));
  return heading !== -1 ? heading : lines.findIndex((line) => line.trim() !== "");
}

const linesOf = (description: string) => description.replace(PROPOSER_SUFFIX, "").split(/\r?\n/);

/**
 * A proposal's title, as voters know it: the first Markdown heading, else the first line of its
 * description, without Markdown marks, at most 140 characters. Proposals carry no title field,
 * so every list and page reads it the same way from here.
 *
 * @example
 * proposalTitle("# Faster blocks\n\nHalve base-local's block time.") // "Faster blocks"
 */
export function proposalTitle(description: string): string {
  const lines = linesOf(description);
  const line = lines[titleLineIndex(lines)];
  const title = line === undefined ? "" : stripInline(line.replace(/^\s{0,3}#{1,6}\s+/, "").replace(/\s+#+\s*$/, ""));
  if (title === "") return "Untitled proposal";
  return title.length > TITLE_LIMIT ? `${title.slice(0, TITLE_LIMIT - 1).trimEnd()}…` : title;
}

/**
 * The description to render under the title: without the heading that became the title,
 * wherever it stands (the page already shows it as its one `<h1>`), and without a proposer
 * restriction suffix. A plain first line that became the title stays: the title may have cut
 * it or dropped its links, and the body must lose nothing.
 *
 * @example
 * proposalBody("Intro\n\n# Faster blocks\n\nDetails.") // "Intro\n\nDetails."
 */
export function proposalBody(description: string): string {
  const lines = linesOf(description);
  const index = titleLineIndex(lines);
  if (index === -1) return "";
  // The heading and the blank line after it, so no gap is left where it stood.
  if (HEADING.test(lines[index] ?? "")) lines.splice(index, lines[index + 1]?.trim() === "" ? 2 : 1);
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
