import { formatUtc } from "@/lib/governance/index.ts";

/** A chain timestamp (unix seconds) as UTC text in a machine-readable `<time>`. */
export function ChainTime({ at }: { at: bigint }) {
  return <time dateTime={new Date(Number(at) * 1000).toISOString()}>{formatUtc(at)}</time>;
}
