import Link from "next/link";

import { listHref, type ListParams } from "@/lib/web/proposals/params.ts";

/** Previous / next links between pages of the list, keeping the filters. */
export function Pagination({ params, page, pageCount }: { params: ListParams; page: number; pageCount: number }) {
  if (pageCount <= 1) return null;
  const link = (target: number, label: string, rel: "prev" | "next") => (
    <Link href={listHref({ ...params, page: target })} rel={rel} className="btn-secondary">
      {label}
    </Link>
  );
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm">
      {page > 1 ? link(page - 1, "← Previous", "prev") : <span />}
      <span className="text-muted">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? link(page + 1, "Next →", "next") : <span />}
    </nav>
  );
}
