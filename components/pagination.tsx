import Link from "next/link";
import type { Route } from "next";

export interface PaginationProps {
  page: number;
  pageCount: number;
  /** The link to page `target`, keeping whatever filters the list has. */
  href: (target: number) => string;
  /** The navigation's accessible name. */
  label?: string;
  previous?: string;
  next?: string;
  /** Whether a single page still shows "Page 1 of 1" (default: nothing is shown). */
  showSinglePage?: boolean;
  /** False keeps the scroll position (a list in the middle of a page). */
  scroll?: boolean;
}

/** Previous / next links between pages of a list, and where the reader is. */
export function Pagination({ page, pageCount, href, label = "Pages", previous = "← Previous", next = "Next →", showSinglePage = false, scroll }: PaginationProps) {
  if (pageCount <= 1 && !showSinglePage) return null;
  const link = (target: number, text: string, rel: "prev" | "next") => (
    <Link href={href(target) as Route} rel={rel} className="btn-secondary" {...(scroll === undefined ? {} : { scroll })}>
      {text}
    </Link>
  );
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-3 text-sm">
      {page > 1 ? link(page - 1, previous, "prev") : <span />}
      <span className="text-muted">
        Page {page} of {Math.max(1, pageCount)}
      </span>
      {page < pageCount ? link(page + 1, next, "next") : <span />}
    </nav>
  );
}
