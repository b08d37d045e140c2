import type { ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

type Props = { children?: ReactNode };

type HeadingTag = "h3" | "h4" | "h5" | "h6";

const heading = (Tag: HeadingTag) =>
  function Heading({ children }: Props) {
    return <Tag className="mt-4 mb-2 font-semibold">{children}</Tag>;
  };

const TAGS: readonly HeadingTag[] = ["h3", "h4", "h5", "h6"];

/** `#` renders as `top`, `##` one level below, and so on, stopping at h6; the look is the same at every level. */
const headings = (top: 3 | 4): Components => {
  const at = (depth: number) => heading(TAGS[Math.min(top - 3 + depth, TAGS.length - 1)]!);
  return { h1: at(0), h2: at(1), h3: at(2), h4: at(3), h5: at(4), h6: at(5) };
};

const BLOCKS: Components = {
  p: ({ children }) => <p className="my-2 leading-relaxed">{children}</p>,
  // GFM task lists mark their list `contains-task-list`: the checkbox is the marker, not a bullet.
  ul: ({ children, className }) => (
    <ul className={className?.includes("contains-task-list") ? "my-2 list-none space-y-1 pl-1" : "my-2 list-disc space-y-1 pl-5"}>{children}</ul>
  ),
  ol: ({ children }) => <ol className="my-2 list-decimal space-y-1 pl-5">{children}</ol>,
  blockquote: ({ children }) => <blockquote className="my-2 border-l-4 border-line pl-3 text-muted">{children}</blockquote>,
  pre: ({ children }) => <pre className="my-2 overflow-x-auto rounded-md bg-zinc-100 p-3 text-xs">{children}</pre>,
  code: ({ children }) => <code className="rounded bg-zinc-100 px-1 font-mono text-[0.9em]">{children}</code>,
  // A wide table scrolls inside its own box; the page never scrolls sideways.
  table: ({ children }) => (
    <div className="my-2 max-w-full overflow-x-auto">
      <table className="border-collapse text-left text-sm">{children}</table>
    </div>
  ),
  th: ({ children, style }) => (
    <th style={style} className="border border-line bg-zinc-50 px-2 py-1 font-semibold">
      {children}
    </th>
  ),
  td: ({ children, style }) => (
    <td style={style} className="border border-line px-2 py-1 align-top">
      {children}
    </td>
  ),
  del: ({ children }) => <del className="text-muted">{children}</del>,
  // A task's box shows its state; nobody ticks it here (GFM renders it disabled too).
  input: ({ type, checked }) =>
    type === "checkbox" ? <input type="checkbox" checked={checked ?? false} disabled readOnly className="mr-1.5 align-middle" aria-label={checked ? "done" : "not done"} /> : null,
  a: ({ href, children }) => (
    <a href={href} className="text-accent underline" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  // Remote images would tell a third party who reads the proposal; show their alt text instead.
  img: ({ alt }) => <span className="italic text-muted">[image: {alt || "no description"}]</span>,
};

/** One set of renderers per heading depth, built once. */
const COMPONENTS: Record<3 | 4, Components> = { 3: { ...headings(3), ...BLOCKS }, 4: { ...headings(4), ...BLOCKS } };

/** GitHub Flavored Markdown: tables, ~~strikethrough~~, autolinked URLs, task lists. */
const REMARK_PLUGINS = [remarkGfm];

/**
 * A proposal description as GitHub Flavored Markdown, safely: react-markdown builds React elements (never
 * `dangerouslySetInnerHTML`), raw HTML is shown as text rather than rendered, and unsafe link
 * protocols are dropped by its default URL transform. On the proposal page it renders on the
 * server (no client JS).
 * The proposal page and the new-proposal preview both render through it, so an author sees
 * exactly what voters will. `topHeading` is the tag of a `#` heading (h3 under the page's
 * "Description" h2; h4 inside the preview, under its own h3); only the tag changes, not the look.
 */
export function ProposalMarkdown({ source, topHeading = 3 }: { source: string; topHeading?: 3 | 4 }) {
  if (source.trim() === "") return <p className="text-sm text-muted">No description beyond the title.</p>;
  return (
    <div className="text-sm break-words">
      <Markdown components={COMPONENTS[topHeading]} remarkPlugins={REMARK_PLUGINS}>
        {source}
      </Markdown>
    </div>
  );
}
