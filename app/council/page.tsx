import type { Metadata } from "next";

import { AwaitingChanges } from "@/components/council/awaiting-changes.tsx";
import { CouncilHistory } from "@/components/council/council-history.tsx";
import { CouncilQueueSection } from "@/components/council/council-queue.tsx";
import { CouncilSafeSummary } from "@/components/council/council-safe-summary.tsx";
import { HISTORY_SHOWN, HistoryMoreLink } from "@/components/council/history-links.tsx";
import { PauseControls } from "@/components/council/pause-controls.tsx";
import { ProposalVetoes } from "@/components/council/proposal-vetoes.tsx";
import { SafeAppNotice } from "@/components/council/safe-app-proposal.tsx";
import { RootRejections } from "@/components/council/root-rejections.tsx";
import { SettledChanges } from "@/components/council/settled-changes.tsx";
import { DevnetUnavailable } from "@/components/devnet-unavailable.tsx";
import { readCouncilOverview } from "@/lib/web/council/overview.ts";
import { getCouncilStore } from "@/lib/web/council/server.ts";
import { readCouncilHistory } from "@/lib/web/server/councilHistory.ts";
import { readCouncilQueue } from "@/lib/web/server/councilQueue.ts";
import { getDeployment, isUnavailable } from "@/lib/web/server/deployment.ts";

export const metadata: Metadata = { title: "Council" };

export default async function CouncilPage() {
  const deployment = await getDeployment();
  const intro = (
    <header className="space-y-2">
      <h1 className="text-2xl font-semibold tracking-tight">Security Council</h1>
      <p className="text-muted">
        The council&apos;s Safe approves or rejects the registry changes governance scheduled, can pause sequencing in an emergency, vetoes a proposal before it is executed, and rejects a posted root that is not a chain&apos;s real state while it is in its challenge window. Owners sign
        here; anyone can execute once the threshold is met.
      </p>
    </header>
  );
  if (isUnavailable(deployment)) {
    return (
      <>
        {intro}
        <DevnetUnavailable reason={deployment.reason} path={deployment.path} />
      </>
    );
  }
  const [overview, queue, history] = await Promise.all([
    readCouncilOverview(deployment, getCouncilStore()),
    readCouncilQueue(deployment, getCouncilStore()),
    readCouncilHistory(deployment, { limit: HISTORY_SHOWN }),
  ]);
  return (
    <>
      {intro}
      <SafeAppNotice council={overview.safe} chainId={overview.chainId} />
      <CouncilSafeSummary overview={overview} />
      <CouncilQueueSection queue={queue} />
      <AwaitingChanges overview={overview} />
      <PauseControls overview={overview} />
      <ProposalVetoes overview={overview} />
      <RootRejections overview={overview} />
      <SettledChanges overview={overview} />
      <CouncilHistory {...history} footer={<HistoryMoreLink shown={history.entries.length} total={history.total} />} />
    </>
  );
}
