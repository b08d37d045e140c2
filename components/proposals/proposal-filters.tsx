import Form from "next/form";
import Link from "next/link";

import { listHref, type ListParams } from "@/lib/web/proposals/params.ts";
import { QUERY_LIMIT } from "@/lib/web/proposals/text.ts";
import { PROPOSAL_STATES } from "@/lib/web/proposals/types.ts";

const TABS = [undefined, "active", "pending", "succeeded", "queued", "executed", "defeated", "canceled"] as const;

/**
 * State tabs and a search form. Both are plain links and a GET form, so filtering works without
 * JavaScript; with it, `next/form` navigates client-side.
 */
export function ProposalFilters({ params }: { params: ListParams }) {
  return (
    <div className="space-y-3">
      <nav aria-label="Filter by state" className="-mx-1 overflow-x-auto">
        <ul className="flex gap-1 px-1 pb-1">
          {TABS.map((state) => (
            <li key={state ?? "all"}>
              <Link
                href={listHref({ ...(state ? { state } : {}), ...(params.query ? { query: params.query } : {}) })}
                aria-current={params.state === state ? "page" : undefined}
                className="block whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium capitalize text-muted hover:bg-line/60 hover:text-ink aria-[current=page]:bg-accent-soft aria-[current=page]:text-accent"
              >
                {state ?? "All"}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Form action="/proposals" role="search" className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="grow">
          <label htmlFor="proposal-search" className="mb-1 block text-sm font-medium">
            Search
          </label>
          <input
            id="proposal-search"
            name="q"
            type="search"
            className="field"
            defaultValue={params.query ?? ""}
            maxLength={QUERY_LIMIT}
            placeholder="Title, text, proposer or id"
          />
        </div>
        <div>
          <label htmlFor="proposal-state" className="mb-1 block text-sm font-medium">
            State
          </label>
          <select id="proposal-state" name="state" className="field capitalize" defaultValue={params.state ?? ""}>
            <option value="">All states</option>
            {PROPOSAL_STATES.map((state) => (
              <option key={state} value={state}>
                {state}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-primary">
          Apply
        </button>
      </Form>
    </div>
  );
}
