"use client";

import { useState } from "react";

/**
 * A hash a signer compares with their wallet: in full, monospace, selectable, with a copy button
 * whose success is announced to screen readers. Rendered as one `dt`/`dd` pair, so several form a
 * definition list.
 */
export function HashField({ label, value, testId }: { label: string; value: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 1_500);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="py-1.5">
      <dt className="text-xs font-medium text-muted">{label}</dt>
      <dd className="mt-0.5 flex items-start gap-2">
        <code data-testid={testId} className="min-w-0 flex-1 break-all rounded bg-canvas px-2 py-1 font-mono text-xs select-all">
          {value}
        </code>
        <button type="button" className="btn-secondary shrink-0 px-2 py-1 text-xs" aria-label={`Copy ${label}`} onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </button>
        {/* The button's name stays "Copy …"; this mounted, empty-until-copied region says it worked. */}
        <span role="status" className="sr-only">
          {copied ? `${label} copied to the clipboard` : ""}
        </span>
      </dd>
    </div>
  );
}
