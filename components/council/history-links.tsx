import Link from "next/link";

import { Pagination } from "@/components/pagination.tsx";

/** How many executed transactions `/council` lists; the rest are on `/council/history`. */
export const HISTORY_SHOWN = 5;
/** Executed transactions per page of `/council/history`. */
export const HISTORY_PAGE_SIZE = 20;

export const historyHref = (page = 1) => (page > 1 ? `/council/history?page=${page}` : "/council/history");

/** Under the newest few on `/council`: the way to the whole history, when there is more. */
export function HistoryMoreLink({ shown, total }: { shown: number; total: number }) {
  if (total <= shown) return null;
  return (
    <p className="text-sm">
      <Link href={historyHref()} className="underline underline-offset-2">
        All {total} executed transactions
      </Link>
    </p>
  );
}

/** Previous / next pages of `/council/history`, newest first. */
export function HistoryPages({ page, pageCount }: { page: number; pageCount: number }) {
  return <Pagination page={page} pageCount={pageCount} href={historyHref} previous="← Newer" next="Older →" showSinglePage />;
}
