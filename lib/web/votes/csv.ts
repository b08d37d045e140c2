import { supportLabel } from "../proposals/ballot.ts";
import type { VoteRow } from "./list.ts";

/** Characters a spreadsheet reads as the start of a formula (OWASP's list: = + - @, tab and carriage return). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a text a spreadsheet would run as a formula gets a leading apostrophe (OWASP's
 * CSV injection advice), then a cell holding a comma, quote or line break is quoted with its
 * quotes doubled (RFC 4180).
 *
 * @example
 * csvCell('say "hi", then') // '"say ""hi"", then"'
 * csvCell("=1+1") // "'=1+1"
 */
export function csvCell(value: string | number | bigint | undefined | null): string {
  let text = value === undefined || value === null ? "" : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows of cells as CSV text: cells joined by commas, records ended by CRLF (RFC 4180). */
export const csvLines = (rows: readonly (readonly (string | number | bigint | undefined | null)[])[]): string => rows.map((row) => `${row.map(csvCell).join(",")}\r\n`).join("");

export const VOTE_CSV_COLUMNS = [
  "proposal_id",
  "chain_id",
  "chain",
  "voter",
  "support",
  "weight",
  "against",
  "for",
  "abstain",
  "reason",
  "time_utc",
  "timestamp",
  "block_number",
  "log_index",
  "transaction_hash",
  "relayed_from_chain_id",
  "counted_on_hub_by",
] as const;

/**
 * The votes list as CSV: a header, then one record per row. Weights are integers in the token's
 * base units (exact; a spreadsheet divides by 10^decimals); a split vote lists its parts. For a
 * member-chain vote `counted_on_hub_by` is the relay transaction that carried it to the hub, or
 * `not relayed yet`.
 *
 * @example
 * new Response(votesCsv(selectVotes(votes, params, hubChainId), (id) => chainName(manifest, id)), { headers: { "content-type": "text/csv; charset=utf-8" } })
 */
export function votesCsv(rows: readonly VoteRow[], chainName: (chainId: number) => string): string {
  return csvLines([
    VOTE_CSV_COLUMNS,
    ...rows.map(({ vote, countedBy }) => [
      vote.proposalId,
      vote.chainId,
      chainName(vote.chainId),
      vote.voter,
      supportLabel(vote.support),
      vote.weight,
      vote.split?.againstVotes ?? (vote.support === 0 ? vote.weight : 0n),
      vote.split?.forVotes ?? (vote.support === 1 ? vote.weight : 0n),
      vote.split?.abstainVotes ?? (vote.support === 2 ? vote.weight : 0n),
      vote.reason,
      new Date(Number(vote.timestamp) * 1000).toISOString(),
      vote.timestamp,
      vote.blockNumber,
      vote.logIndex,
      vote.transactionHash,
      vote.relayedFrom,
      countedBy === undefined ? "" : countedBy === null ? "not relayed yet" : countedBy.transactionHash,
    ]),
  ]);
}

/** A file name for the download: `proposal-<first 12 digits>-votes.csv` (ids run to 78 digits). */
export const votesCsvFilename = (proposalId: bigint): string => `proposal-${proposalId.toString().slice(0, 12)}-votes.csv`;
