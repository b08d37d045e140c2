import type { ReactNode } from "react";

/**
 * A table's horizontal scroll container for narrow screens. It takes focus (and is named by its
 * section's heading) so keyboard users can scroll it too.
 */
export function ScrollRegion({ labelledBy, children }: { labelledBy: string; children: ReactNode }) {
  return (
    <div role="region" aria-labelledby={labelledBy} tabIndex={0} className="overflow-x-auto rounded-lg border border-line bg-surface">
      {children}
    </div>
  );
}
