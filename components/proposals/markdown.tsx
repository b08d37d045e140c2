import type { ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";

type Props = { children?: ReactNode };

/** Headings sit under the page's "Description" (h2): `#` becomes h3, `##` h4, and so on. */
const heading = (Tag: "h3" | "h4" | "h5" | "h6") =>
  function Heading({ children }: Props) {
    return <Tag className="mt-4 mb-2 font-semibold">{children}</Tag>;
  };

const COMPONENTS: Components = {
  h1: heading("h3"),
  h2: heading("h4"),
  h3: heading("h5"),
  h4: heading("h6"),
  h5: heading("h6"),
  h6: heading("h6"),
  p: ({ children }) => <p className="my-2 leading-relaxed">{children}</p>,
  ul: ({ children }) => <ul className="my-2 list-disc space-y-1 pl-5">{children}</ul>,
  ol: ({ children }) => <ol className="my-2 list-decimal space-y-1 pl-5">{children}</ol>,
  blockquote: ({ children }) => <blockquote className="my-2 border-l-4 border-line pl-3 text-muted">{children}</blockquote>,
  pre: ({ children }) => <pre className="my-2 overflow-x-auto rounded-md bg-zinc-100 p-3 text-xs">{children}</pre>,
  code: ({ children }) => <code className="rounded bg-zinc-100 px-1 font-mono text-[0.9em]">{children}</code>,
  table: ({ children }) => (
    <div className="my-2 overflow-x-auto">
      <table className="text-left text-sm">{children}</table>
    </div>
  ),
  a: ({ href, children }) => (
    <a href={href} className="text-accent underline" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  // Remote images would tell a third party who reads the proposal; show their alt text instead.
  img: ({ alt }) => <span className="italic text-muted">[image: {alt || "no description"}]</span>,
};

/**
 * A proposal description as Markdown, safely: react-markdown builds React elements (never
 * `dangerouslySetInnerHTML`), raw HTML is shown as text rather than rendered, and unsafe link
 * protocols are dropped by its default URL transform. Renders on the server: no client JS.
 */
export function ProposalMarkdown({ source }: { source: string }) {
  if (source.trim() === "") return <p className="text-sm text-muted">No description beyond the title.</p>;
  return (
    <div className="text-sm break-words">
      <Markdown components={COMPONENTS}>{source}</Markdown>
    </div>
  );
}
