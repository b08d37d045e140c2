import type { VoteTally } from "@/lib/governance/index.ts";
import { formatVotes } from "@/lib/web/proposals/format.ts";
import type { TokenInfo } from "@/lib/web/proposals/types.ts";

/** "For … · Against … · Abstain …" of one tally, in the app's vote colours. */
export function TallyLine({ tally, token, testId }: { tally: VoteTally; token: TokenInfo; testId?: string }) {
  return (
    <span data-testid={testId}>
      <span className="text-emerald-800">For {formatVotes(tally.forVotes, token)}</span> · <span className="text-red-800">Against {formatVotes(tally.againstVotes, token)}</span> ·
      Abstain {formatVotes(tally.abstainVotes, token)}
    </span>
  );
}
