import { ChainTime } from "@/components/proposals/chain-time.tsx";
import { ProposalMarkdown } from "@/components/proposals/markdown.tsx";

/** A delegate's topics as small labels. */
export function TopicList({ topics, label }: { topics: readonly string[]; label: string }) {
  if (topics.length === 0) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1">
      {topics.map((topic) => (
        <li key={topic} className="rounded-full bg-zinc-100 px-2 py-0.5 text-xs text-zinc-800 ring-1 ring-inset ring-zinc-300">
          {topic}
        </li>
      ))}
    </ul>
  );
}

type Props = {
  statement: { statement: string; topics: readonly string[]; issuedAt: number } | undefined;
  /** Where the signed statement can be fetched to verify it. */
  href: string;
};

/**
 * The delegate's signed statement, rendered like a proposal description (safe Markdown), with its
 * topics and when it was signed; the raw signed record is one link away for anyone to verify.
 */
export function StatementView({ statement, href }: Props) {
  if (!statement) return <p className="text-sm text-muted">This delegate has not published a statement.</p>;
  return (
    <div className="space-y-3" data-testid="delegate-statement">
      <TopicList topics={statement.topics} label="Topics" />
      <ProposalMarkdown source={statement.statement} />
      <p className="text-xs text-muted">
        Signed by the delegate (EIP-712) at <ChainTime at={BigInt(statement.issuedAt)} />.{" "}
        <a className="text-accent underline" href={href}>
          The signed statement
        </a>
      </p>
    </div>
  );
}
