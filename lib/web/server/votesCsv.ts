import { BaseError as ViemBaseError } from "viem";

import { allChains, chainName } from "../../chains/index.ts";
import { locateProposal } from "../proposals/detail.ts";
import { parseProposalId } from "../proposals/params.ts";
import { votesCsv, votesCsvFilename } from "../votes/csv.ts";
import { selectVotes } from "../votes/list.ts";
import { parseVoteParams } from "../votes/params.ts";
import { votesOnProposal } from "../votes/types.ts";
import { getDeployment, isUnavailable } from "./deployment.ts";
import { readVotes } from "./readVotes.ts";

type CsvRefusal = "malformed" | "not_found" | "unavailable" | "chain_unreachable" | "internal";

const STATUS: Record<CsvRefusal, number> = { malformed: 400, not_found: 404, unavailable: 503, chain_unreachable: 502, internal: 500 };

const refuse = (code: CsvRefusal, message: string, details?: string[]): Response =>
  Response.json({ error: { code, message, ...(details ? { details } : {}) } }, { status: STATUS[code], headers: { "cache-control": "no-store" } });

/** Query strings longer than this are refused before parsing (the list has four short params). */
const MAX_QUERY = 512;

/**
 * `GET /proposals/<id>/votes.csv?chain=&support=&sort=`: every vote on the proposal the filters
 * select, in their order, as a CSV download (see `votesCsv`). A malformed or unknown id answers
 * 404, bad filter values (an unknown chain, support or sort, a repeated or unknown parameter)
 * 400, each as `{ error: { code, message } }`; 503 without a deployment, 502 when the hub does not answer.
 *
 * @example
 * export const GET = (request: Request, { params }) => params.then(({ id }) => getVotesCsv(request, id))
 */
export async function getVotesCsv(request: Request, idSegment: string): Promise<Response> {
  const id = parseProposalId(idSegment);
  if (id === undefined) return refuse("not_found", "No proposal has this id: ids are decimal numbers.");
  const url = new URL(request.url);
  if (url.search.length > MAX_QUERY) return refuse("malformed", `The query is longer than ${MAX_QUERY} characters.`);
  try {
    const deployment = await getDeployment();
    if (isUnavailable(deployment)) return refuse("unavailable", deployment.reason);
    const { manifest } = deployment;
    const search: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      search[key] = values.length === 1 ? values[0]! : values;
    }
    const parsed = parseVoteParams(search, allChains(manifest).map((chain) => chain.chainId), { strict: true });
    if (!parsed.ok) return refuse("malformed", `Bad filters: ${parsed.errors.join("; ")}.`, parsed.errors);
    const located = await locateProposal(deployment, id);
    if (!located) return refuse("not_found", `The governor has no proposal ${id}.`);
    const { votes } = await readVotes(deployment, { hubHead: located.head });
    const rows = selectVotes(votesOnProposal(votes, id), parsed.params, manifest.hub.chainId);
    return new Response(votesCsv(rows, (chainId) => chainName(manifest, chainId)), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${votesCsvFilename(id)}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof ViemBaseError) return refuse("chain_unreachable", "The hub did not answer; try again.");
    console.error("votes CSV failed", error);
    return refuse("internal", "Reading the votes failed.");
  }
}
