import type { Address } from "viem";

import type { CouncilQueue, CouncilQueueChain, CouncilQueueEntry, QueueEntryStatus } from "@/lib/web/council/queue.ts";
import { shortHex } from "@/lib/web/format.ts";

import { QueueActions } from "./queue-actions.tsx";

const STATUS_TONE: Record<QueueEntryStatus["kind"], string> = {
  next: "border-sky-300 bg-sky-50 text-sky-900",
  queued: "border-line bg-surface text-ink",
  executed: "border-emerald-300 bg-emerald-50 text-emerald-900",
  replaced: "border-amber-300 bg-amber-50 text-amber-950",
};

function statusText(status: QueueEntryStatus): string {
  switch (status.kind) {
    case "next":
      return "Next";
    case "queued":
      return `Queued behind nonce ${status.behind}`;
    case "executed":
      return status.success ? "Executed" : "Executed (its call reverted)";
    case "replaced":
      return "Replaced";
  }
}

/**
 * The council Safe's queue, like Safe{Wallet}'s: on the hub and on each member chain, every stored
 * transaction from the Safe's nonce on, by nonce, with what was executed or replaced at the last
 * few nonces. Transactions at one nonce are alternatives: one runs, the others are replaced.
 */
export function CouncilQueueSection({ queue }: { queue: CouncilQueue }) {
  const chains = queue.chains.filter((chain) => chain.nonces.length > 0);
  return (
    <section aria-labelledby="council-queue" className="space-y-4" data-testid="council-queue">
      <div>
        <h2 id="council-queue" className="text-lg font-semibold">
          Queue
        </h2>
        <p className="text-sm text-muted">
          Council transactions proposed here, with api-kit or in Safe{"{"}Wallet{"}"}, from the Safe&apos;s next nonce on, and what happened at its last few
          nonces. The Safe runs nonces in order; of two transactions at one nonce only one can run, and the other&apos;s confirmations go stale.
        </p>
      </div>
      {chains.length === 0 && <p className="card text-sm text-muted">Nothing is queued for the council Safe.</p>}
      {chains.map((chain) => (
        <QueueChain key={chain.chainId} chain={chain} safe={queue.safe} />
      ))}
      {queue.unreachable.map(({ chainId, name }) => (
        <p key={chainId} className="card text-sm text-muted">
          {name} (chain {chainId}) did not answer: its queue cannot be shown now.
        </p>
      ))}
    </section>
  );
}

function QueueChain({ chain, safe }: { chain: CouncilQueueChain; safe: Address }) {
  const headingId = `queue-chain-${chain.chainId}`;
  return (
    <div className="space-y-3" data-testid={`queue-chain-${chain.chainId}`}>
      <h3 id={headingId} className="font-semibold">
        On {chain.name} (chain {chain.chainId}){" "}
        <span className="text-sm font-normal text-muted">
          · Safe nonce {chain.state.nonce.toString()}, {chain.state.threshold} of {chain.state.owners.length} owners must confirm
        </span>
      </h3>
      <ol className="space-y-3" aria-labelledby={headingId}>
        {chain.nonces.map(({ nonce, entries }) => (
          <li key={nonce.toString()} className="card space-y-3" data-testid={`queue-nonce-${chain.chainId}-${nonce}`}>
            <p className="text-sm font-medium">
              Nonce {nonce.toString()}
              {entries.length > 1 && <span className="font-normal text-muted"> · {entries.length} alternatives: only one can run</span>}
            </p>
            <ul className="space-y-3">
              {entries.map((entry) => (
                <QueueEntryCard
                  key={entry.key}
                  entry={entry}
                  chain={chain}
                  safe={safe}
                  rejectable={!entries.some((other) => other.rejection)}
                />
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}

function QueueEntryCard({ entry, chain, safe, rejectable }: { entry: CouncilQueueEntry; chain: CouncilQueueChain; safe: Address; rejectable: boolean }) {
  const { status } = entry;
  const pending = status.kind === "next" || status.kind === "queued";
  return (
    <li className="space-y-2 rounded-md border border-line p-3 text-sm" data-testid={`queue-entry-${entry.safeTxHash}`} data-status={status.kind}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p className="font-medium" data-testid="queue-sentence">
          {entry.sentence}
        </p>
        <span className={`rounded-full border px-2 py-0.5 text-xs font-medium ${STATUS_TONE[status.kind]}`} data-testid="queue-status">
          {statusText(status)}
        </span>
      </div>
      <dl className="grid grid-cols-1 gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="text-muted">Calls</dt>
        <dd className="font-mono break-all">
          {entry.call} on {entry.safeTx.to}
        </dd>
        <dt className="text-muted">safeTxHash</dt>
        <dd className="font-mono text-xs break-all" data-testid="queue-safe-tx-hash">
          {entry.safeTxHash}
        </dd>
        <dt className="text-muted">Proposed by</dt>
        <dd className="break-all">
          <span className="font-mono">{entry.proposer ?? "unknown"}</span>
          {entry.origin && <span className="text-muted"> from {entry.origin}</span>}
        </dd>
        {status.kind === "executed" && (
          <>
            <dt className="text-muted">Executed in</dt>
            <dd className="font-mono text-xs break-all" data-testid="queue-execution-hash">
              {status.transactionHash}
            </dd>
          </>
        )}
        {status.kind === "replaced" && (
          <>
            <dt className="text-muted">Replaced by</dt>
            <dd className="break-all">
              {status.by ? <span className="font-mono text-xs">{status.by}</span> : "another transaction at this nonce"}: its confirmations are stale and it can
              never be executed.
            </dd>
          </>
        )}
        {entry.alternatives.length > 0 && (
          <>
            <dt className="text-muted">Alternative to</dt>
            <dd className="font-mono text-xs break-all">{entry.alternatives.map((hash) => shortHex(hash, 8, 6)).join(", ")}</dd>
          </>
        )}
      </dl>
      <div>
        <p className="font-medium" data-testid="queue-confirmations">
          {entry.approvals} of {chain.state.threshold} confirmations
        </p>
        {entry.approvals > 0 && (
          <ul className="mt-1 space-y-0.5">
            {entry.confirmations.map(({ owner, createdAt }) => (
              <li key={`sig-${owner}`} className="flex flex-wrap gap-x-2">
                <span className="font-mono break-all">{owner}</span>
                <span className="text-muted">signed {createdAt.slice(0, 19).replace("T", " ")} UTC</span>
              </li>
            ))}
            {entry.approvedOnChain
              .filter((owner) => !entry.confirmations.some((confirmation) => confirmation.owner === owner))
              .map((owner) => (
                <li key={`hash-${owner}`} className="flex flex-wrap gap-x-2">
                  <span className="font-mono break-all">{owner}</span>
                  <span className="text-muted">approved the hash on-chain</span>
                </li>
              ))}
          </ul>
        )}
      </div>
      {pending && (
        <QueueActions entry={entry} safe={safe} chainId={chain.chainId} owners={chain.state.owners} threshold={chain.state.threshold} rejectable={rejectable} />
      )}
    </li>
  );
}
