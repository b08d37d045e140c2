import Link from "next/link";

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

/** Previous / next pages of `/council/history`. */
export function HistoryPages({ page, pageCount }: { page: number; pageCount: number }) {
  const link = (target: number, label: string, rel: "prev" | "next") => (
    <Link href={historyHref(target)} rel={rel} className="btn-secondary">
      {label}
    </Link>
  );
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm">
      {page > 1 ? link(page - 1, "← Newer", "prev") : <span />}
      <span className="text-muted">
        Page {page} of {Math.max(1, pageCount)}
      </span>
      {page < pageCount ? link(page + 1, "Older →", "next") : <span />}
    </nav>
  );
}
