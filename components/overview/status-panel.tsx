export type StatusItem = {
  label: string;
  value: string;
  state: "ok" | "pending" | "down";
};

export type StatusPanelProps = {
  title?: string;
  summary: string;
  items: readonly StatusItem[];
};

const dotClass: Record<StatusItem["state"], string> = {
  ok: "bg-emerald-500",
  pending: "bg-amber-400",
  down: "bg-zinc-400",
};

/** A titled list of labelled states, e.g. devnet connectivity. */
export function StatusPanel({ title = "Status", summary, items }: StatusPanelProps) {
  return (
    <section aria-labelledby="status-title" className="rounded-lg border border-line bg-surface p-6">
      <h2 id="status-title" className="text-lg font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-sm text-muted">{summary}</p>
      <dl className="mt-4 divide-y divide-line text-sm">
        {items.map((item) => (
          <div key={item.label} className="flex items-center justify-between gap-4 py-2">
            <dt className="text-muted">{item.label}</dt>
            <dd className="flex items-center gap-2 font-medium">
              <span aria-hidden className={`inline-block size-2 rounded-full ${dotClass[item.state]}`} />
              {item.value}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
