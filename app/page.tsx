import { OverviewIntro } from "@/components/overview-intro.tsx";
import { StatusPanel } from "@/components/status-panel.tsx";

export default function OverviewPage() {
  return (
    <>
      <OverviewIntro />
      <StatusPanel
        summary="The devnet is not connected yet: this page shows no chain data."
        items={[
          { label: "hub (chain 900)", value: "not connected", state: "down" },
          { label: "base-local (chain 901)", value: "not connected", state: "down" },
          { label: "zora-local (chain 902)", value: "not connected", state: "down" },
        ]}
      />
    </>
  );
}
