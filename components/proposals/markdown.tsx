import type { ReactNode } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";

type Props = { id?: string | undefined; children?: ReactNode };

type HeadingTag = "h3" | "h4" | "h5" | "h6";

const heading = (Tag: HeadingTag) =>
  function Heading({ id, children }: Props) {
    return (
      <Tag id={id} className="mt-4 mb-2 font-semibold">
        {children}
      </Tag>
    );
  };

const TAGS: readonly HeadingTag[] = ["h3", "h4", "h5", "h6"];

/** `#` renders as `top`, `##` one level below, and so on, stopping at h6; the look is the same at every level. */
const headings = (top: 3 | 4): Components => {
  const at = (depth: number) => heading(TAGS[Math.min(top - 3 + depth, TAGS.length - 1)]!);
  return { h1: at(0), h2: at(1), h3: at(2), h4: at(3), h5: at(4), h6: at(5) };
};

/** GitHub's task-list classes (remark-gfm), kept as markers to restyle those lists and items. */
const TASK_LIST = "contains-task-list";
const TASK_ITEM = "task-list-item";

const BLOCKS: Components = {
  p: ({ children }) => <p className="my-2 leading-relaxed">{children}</p>,
  ul: ({ className, children }) =>
    className?.includes(TASK_LIST) ? (
      <ul className="my-2 space-y-1">{children}</ul>
    ) : (
      <ul className="my-2 list-disc space-y-1 pl-5">{children}</ul>
    ),
  ol: ({ className, children }) =>
    className?.includes(TASK_LIST) ? (
      <ol className="my-2 space-y-1">{children}</ol>
    ) : (
      <ol className="my-2 list-decimal space-y-1 pl-5">{children}</ol>
    ),
  // A task item is its checkbox and its text in one label, so the checkbox has an accessible name.
  // Ids are kept (prefixed `user-content-` by react-markdown) so that footnote links find their notes.
  li: ({ id, className, children }) =>
    className?.includes(TASK_ITEM) ? (
      <li id={id} className="list-none">
        <label className="flex items-baseline gap-2 [&>p]:my-0">{children}</label>
      </li>
    ) : (
      <li id={id}>{children}</li>
    ),
  // remark-gfm only emits task-list checkboxes; they show the state and cannot be changed.
  input: ({ checked }) => <input type="checkbox" checked={checked ?? false} disabled readOnly className="shrink-0 accent-accent" />,
  blockquote: ({ children }) => <blockquote className="my-2 border-l-4 border-line pl-3 text-muted">{children}</blockquote>,
  // Boxes that scroll sideways take the keyboard focus, so they can be scrolled without a pointer.
  pre: ({ children }) => (
    <pre tabIndex={0} className="my-2 overflow-x-auto rounded-md bg-zinc-100 p-3 text-xs">
      {children}
    </pre>
  ),
  code: ({ children }) => <code className="rounded bg-zinc-100 px-1 font-mono text-[0.9em]">{children}</code>,
  // A wide table scrolls inside its own box; the page keeps its width.
  table: ({ children }) => (
    <div tabIndex={0} className="my-2 max-w-full overflow-x-auto" data-testid="markdown-table">
      <table className="border-collapse text-left text-sm">{children}</table>
    </div>
  ),
  th: ({ style, children }) => (
    <th style={style} className="border border-line bg-zinc-50 px-2 py-1 align-top font-semibold">
      {children}
    </th>
  ),
  td: ({ style, children }) => (
    <td style={style} className="border border-line px-2 py-1 align-top">
      {children}
    </td>
  ),
  del: ({ children }) => <del className="text-muted">{children}</del>,
  // The default URL transform empties unsafe hrefs (javascript:, data:, …): such a link shows as plain text.
  a: ({ id, href, children }) =>
    href ? (
      <a id={id} href={href} className="text-accent underline" rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
  // Remote images would tell a third party who reads the proposal; show their alt text instead.
  img: ({ alt }) => <span className="italic text-muted">[image: {alt || "no description"}]</span>,
};

/** GitHub Flavored Markdown: tables, ~~strikethrough~~, autolinked URLs, task lists. */
const REMARK_PLUGINS = [remarkGfm];

/** One set of renderers per heading depth, built once. */
const COMPONENTS: Record<3 | 4, Components> = { 3: { ...headings(3), ...BLOCKS }, 4: { ...headings(4), ...BLOCKS } };

/**
 * A proposal description as GitHub Flavored Markdown, safely: react-markdown builds React
 * elements (never `dangerouslySetInnerHTML`), raw HTML is shown as text rather than rendered (no
 * rehype-raw), and a link with an unsafe protocol, emptied by its default URL transform, renders
 * as plain text. On the proposal page it renders on the
 * server (no client JS).
 * The proposal page and the new-proposal preview both render through it, so an author sees
 * exactly what voters will. `topHeading` is the tag of a `#` heading (h3 under the page's
 * "Description" h2; h4 inside the preview, under its own h3); only the tag changes, not the look.
 */
export function ProposalMarkdown({ source, topHeading = 3 }: { source: string; topHeading?: 3 | 4 }) {
  if (source.trim() === "") return <p className="text-sm text-muted">No description beyond the title.</p>;
  return (
    <div className="text-sm break-words">
      <Markdown remarkPlugins={REMARK_PLUGINS} components={COMPONENTS[topHeading]}>{source}</Markdown>
    </div>
  );
}
