import type { ReactNode } from "react";

import { formatUtc } from "@/lib/governance/codec/describe.ts";
import type { SafeSigner } from "@/lib/safe/signatures.ts";
import type { CouncilHistoryEntry } from "@/lib/web/council/history.ts";
import { shortHex } from "@/lib/web/format.ts";

/** How each approval reached the Safe, in a signer's words. */
const SIGNATURE_KIND: Record<SafeSigner["kind"], string> = {
  ecdsa: "signed (EIP-712)",
  ethSign: "signed (eth_sign)",
  approvedHash: "approved on-chain (approveHash)",
  contract: "contract signature (EIP-1271)",
};

const kindOf = (signer: SafeSigner) => (signer.executor ? "approved by executing" : SIGNATURE_KIND[signer.kind]);

/**
 * The council Safe's executed transactions, newest first: what each decided, where, at which
 * nonce, who approved it and how, who executed it and when. A failed execution (the call reverted,
 * the nonce was spent) is flagged. `footer` holds the link to more, or the pages.
 */
export function CouncilHistory({
  entries,
  total,
  unreachable,
  footer,
  headingLevel = 2,
}: {
  entries: readonly CouncilHistoryEntry[];
  total: number;
  unreachable: ReadonlyArray<{ chainId: number; name: string }>;
  footer?: ReactNode;
  headingLevel?: 1 | 2;
}) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <section aria-labelledby="council-history" id="history" className="scroll-mt-4 space-y-3">
      <div>
        <Heading id="council-history" className={headingLevel === 1 ? "text-2xl font-semibold tracking-tight" : "text-lg font-semibold"}>
          History
        </Heading>
        <p className="text-sm text-muted">
          Every transaction the council&apos;s Safe executed, on the hub and on each member chain, newest first ({total} in all), with the owners whose approvals
          executed it — read from the Safe&apos;s own logs.
        </p>
      </div>
      {unreachable.length > 0 && (
        <p role="status" className="card text-sm text-muted">
          Not shown: {unreachable.map((chain) => chain.name).join(", ")} did not answer.
        </p>
      )}
      {entries.length === 0 ? (
        <p className="card text-sm text-muted">The council has executed no transaction yet.</p>
      ) : (
        <ol className="card divide-y divide-line p-0 text-sm">
          {entries.map((entry) => (
            <HistoryEntry key={entry.key} entry={entry} />
          ))}
        </ol>
      )}
      {footer}
    </section>
  );
}

function HistoryEntry({ entry }: { entry: CouncilHistoryEntry }) {
  return (
    <li className="space-y-2 p-4" data-testid={`history-${entry.chainId}-${entry.nonce}`}>
      <p className="flex flex-wrap items-center gap-2">
        <span className="min-w-0 font-medium break-words" data-testid="history-sentence">
          {entry.sentence}
        </span>
        {!entry.success && (
          <span className="rounded-full bg-red-100 px-2 py-0.5 text-xs text-red-900" data-testid="history-failed">
            Failed: the call reverted, the nonce was spent
          </span>
        )}
      </p>
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="text-muted">Chain</dt>
        <dd>
          {entry.chainName} (chain {entry.chainId}), nonce {entry.nonce.toString()}
        </dd>
        <dt className="text-muted">Call</dt>
        <dd className="break-all font-mono text-xs">{entry.call}</dd>
        <dt className="text-muted">Signed by</dt>
        <dd>
          {entry.signers === null ? (
            <span className="text-muted">The signatures do not decode.</span>
          ) : (
            <ul className="space-y-0.5" data-testid="history-signers">
              {entry.signers.map((signer) => (
                <li key={signer.owner} data-owner={signer.owner} data-kind={signer.executor ? "executor" : signer.kind}>
                  <code className="break-all font-mono text-xs">{signer.owner}</code> <span className="text-muted">— {kindOf(signer)}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt className="text-muted">Executed by</dt>
        <dd>
          <code className="break-all font-mono text-xs" data-testid="history-executor">
            {entry.executor}
          </code>
          , {formatUtc(entry.timestamp)}
        </dd>
        <dt className="text-muted">Transaction</dt>
        <dd>
          <code className="font-mono text-xs" title={entry.transactionHash}>
            {shortHex(entry.transactionHash, 10, 8)}
          </code>
          <span className="text-muted"> · safeTxHash </span>
          <code className="font-mono text-xs" title={entry.safeTxHash}>
            {shortHex(entry.safeTxHash, 10, 8)}
          </code>
        </dd>
      </dl>
    </li>
  );
}
