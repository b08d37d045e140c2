export type StatusItem = {
  label: string;
  value: string;
  state: "ok" | "pending" | "down";
};

export type StatusPanelProps = {
  title?: string;
  summary: string;
  items: readonly StatusItem[];
  testId?: string;
};

const dotClass: Record<StatusItem["state"], string> = {
  ok: "bg-emerald-500",
  pending: "bg-amber-400",
  down: "bg-red-500",
};

/** A titled list of labelled states (the value says it in words; the dot only repeats it). */
export function StatusPanel({ title = "Status", summary, items, testId }: StatusPanelProps) {
  return (
    <section aria-labelledby="status-title" className="card" data-testid={testId}>
      <h2 id="status-title" className="text-lg font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-sm text-muted">{summary}</p>
      <dl className="mt-3 divide-y divide-line text-sm">
        {items.map((item) => (
          <div key={item.label} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2">
            <dt className="text-muted">{item.label}</dt>
            <dd className="flex min-w-0 items-center gap-2 font-medium">
              <span aria-hidden className={`inline-block size-2 shrink-0 rounded-full ${dotClass[item.state]}`} />
              <span className="break-words">{item.value}</span>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
