import type { Metadata } from "next";

import { DevnetUnavailable } from "@/components/devnet-unavailable.tsx";
import { ProposalForm } from "@/components/propose/proposal-form.tsx";
import { ProposeIntro } from "@/components/propose/propose-intro.tsx";
import { loadProposeContext } from "@/lib/web/propose/loadProposeContext.ts";
import { getDeployment, isUnavailable } from "@/lib/web/server/deployment.ts";

export const metadata: Metadata = { title: "New proposal" };

export default async function NewProposalPage() {
  const deployment = await getDeployment();
  if (isUnavailable(deployment)) {
    return (
      <>
        <ProposeIntro />
        <DevnetUnavailable reason={deployment.reason} path={deployment.path} />
      </>
    );
  }
  const context = await loadProposeContext(deployment);
  return (
    <>
      <ProposeIntro context={context} />
      <ProposalForm context={context} />
    </>
  );
}
