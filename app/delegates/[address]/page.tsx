import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { DelegateProfileView } from "@/components/delegates/delegate-profile.tsx";
import { DevnetUnavailable } from "@/components/devnet-unavailable.tsx";
import { parseDelegateAddress } from "@/lib/web/delegates/statement.ts";
import { loadDelegateProfile } from "@/lib/web/server/delegateProfile.ts";
import { shortAddress } from "@/lib/web/format.ts";
import { getDeployment, isUnavailable } from "@/lib/web/server/deployment.ts";
import { statementScope } from "@/lib/web/server/statements.ts";

type Props = { params: Promise<{ address: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const address = parseDelegateAddress((await params).address);
  return { title: address ? `Delegate ${shortAddress(address)}` : "Delegate" };
}

export default async function DelegatePage({ params }: Props) {
  const address = parseDelegateAddress((await params).address);
  if (!address) notFound();
  const deployment = await getDeployment();
  if (isUnavailable(deployment)) {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">Delegate</h1>
        <DevnetUnavailable reason={deployment.reason} path={deployment.path} />
      </>
    );
  }
  const profile = await loadDelegateProfile(deployment, address);
  if (!profile) notFound();
  return (
    <>
      <Link href="/delegates" className="text-sm font-medium text-accent hover:underline">
        ← All delegates
      </Link>
      <DelegateProfileView profile={profile} scope={statementScope(deployment)} />
    </>
  );
}
