import type { ActionView } from "@/lib/web/proposals/detail.ts";

const KIND_LABELS: Partial<Record<ActionView["kind"], string>> = {
  setParameters: "Sequencer parameters",
  approveRelease: "Sequencer release",
  replaceCouncil: "Security Council",
  replaceOperator: "Chain operator",
  addChain: "Member chains",
  removeChain: "Member chains",
  unknown: "Unrecognised call",
};

/** What executing the proposal does, one plain sentence per call, in order. */
export function ActionList({ actions }: { actions: readonly ActionView[] }) {
  return (
    <ol className="space-y-2">
      {actions.map((action, i) => (
        <li key={i} className="card text-sm" data-testid="proposal-action">
          <p className="text-xs font-medium uppercase tracking-wide text-muted">
            {i + 1}. {KIND_LABELS[action.kind] ?? "Governance setting"}
          </p>
          <p className="mt-1 break-words">{action.sentence}</p>
          <p className="mt-1 text-xs text-muted">
            Calls <code className="font-mono break-all">{action.target}</code>
            {action.beforeIsHistoric && " · before = the configuration just before this change activated"}
          </p>
        </li>
      ))}
    </ol>
  );
}
