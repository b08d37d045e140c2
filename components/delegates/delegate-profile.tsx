import type { Route } from "next";
import Link from "next/link";
import type { ReactNode } from "react";

import { ChainTime } from "@/components/proposals/chain-time.tsx";
import { formatShare, formatTokens, supportWord } from "@/lib/web/delegates/format.ts";
import { formatParticipation } from "@/lib/web/delegates/profileModel.ts";
import type { StatementScope } from "@/lib/web/delegates/statement.ts";
import { shortAddress, shortHex, shortProposalId } from "@/lib/web/format.ts";
import type { DelegateProfile } from "@/lib/web/server/delegateProfile.ts";

import { PowerChart } from "./power-chart.tsx";
import { StatementEditor } from "./statement-editor.tsx";
import { StatementView } from "./statement-view.tsx";

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="card space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A table that scrolls sideways inside its own box at phone width (and takes focus to do so). */
function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="overflow-x-auto" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

const th = "py-1 pr-3 font-medium";

/**
 * A delegate's profile: power now (per chain and in all) and over time, statement, delegators,
 * votes on every chain with their reasons, participation, and proposals created. Presentational:
 * everything comes from `loadDelegateProfile`; only the statement editor is interactive.
 */
export function DelegateProfileView({ profile, scope }: { profile: DelegateProfile; scope: StatementScope }) {
  const { token, address } = profile;
  const amount = (value: bigint) => `${formatTokens(value, token.decimals)} ${token.symbol}`;
  const chainName = (chainId: number) => profile.chainNames[chainId] ?? `chain ${chainId}`;
  return (
    <>
      <section className="space-y-2">
        <p className="text-sm font-medium text-accent">Delegate</p>
        <h1 className="break-all font-mono text-xl font-semibold tracking-tight sm:text-2xl">{address}</h1>
        {profile.label && <p className="text-sm text-muted">{profile.label}</p>}
        {profile.statement && (
          <p className="inline-flex rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900 ring-1 ring-inset ring-emerald-300">Seeking delegation</p>
        )}
      </section>
      {profile.unreachable.length > 0 && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {profile.unreachable.map((chain) => chain.name).join(", ")} did not answer: power, delegators and votes there are missing below.
        </p>
      )}
      <dl className="card grid gap-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
        <div>
          <dt className="text-muted">Voting power now</dt>
          <dd className="font-medium tabular-nums" data-testid="profile-power">
            {amount(profile.totalVotes)}
          </dd>
          <dd className="text-xs text-muted">{formatShare(profile.totalVotes, token.totalSupply)} of the supply</dd>
          {profile.chains.map((chain) => (
            <dd key={chain.chainId} className="text-xs text-muted tabular-nums">
              {chain.name}: {amount(chain.votes)}
            </dd>
          ))}
        </div>
        <div>
          <dt className="text-muted">Delegators</dt>
          <dd className="font-medium tabular-nums">{profile.delegatorCount}</dd>
        </div>
        <div>
          <dt className="text-muted">Participation</dt>
          <dd className="font-medium" data-testid="profile-participation">
            {formatParticipation(profile.participation)}
          </dd>
          <dd className="text-xs text-muted">Proposals voted on, of those whose snapshot saw them with voting power (any chain)</dd>
        </div>
        <div>
          <dt className="text-muted">Votes cast · proposals created</dt>
          <dd className="font-medium tabular-nums">
            {profile.votes.length} · {profile.proposals.length}
          </dd>
        </div>
      </dl>

      <Section id="statement-title" title="Statement">
        <StatementView statement={profile.statement} href={`/api/delegates/${address}/statement`} />
      </Section>
      <StatementEditor scope={scope} delegate={address} current={profile.statement} />

      <Section id="power-title" title="Voting power over time">
        <PowerChart history={profile.history} now={profile.now} token={token} chainName={chainName} />
      </Section>

      <Section id="delegators-title" title="Delegating to them">
        {profile.delegators.length === 0 ? (
          <p className="text-sm text-muted">Nobody delegates to this address.</p>
        ) : (
          <Scroll label="Delegators table">
            <table className="w-full min-w-[28rem] text-left text-sm" data-testid="delegators-table">
              <thead className="text-muted">
                <tr>
                  <th scope="col" className={th}>Account</th>
                  <th scope="col" className={th}>Chain</th>
                  <th scope="col" className={`${th} text-right`}>Balance</th>
                  <th scope="col" className={th}>Since</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {profile.delegators.map((delegator) => (
                  <tr key={`${delegator.chainId}:${delegator.address}`} data-address={delegator.address}>
                    <td className="py-1 pr-3 font-mono" title={delegator.address}>
                      {delegator.address === address ? "themselves" : shortAddress(delegator.address)}
                    </td>
                    <td className="py-1 pr-3">{chainName(delegator.chainId)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{amount(delegator.balance)}</td>
                    <td className="py-1 pr-3"><ChainTime at={delegator.since} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
            {profile.delegatorCount > profile.delegators.length && (
              <p className="mt-2 text-xs text-muted">
                The {profile.delegators.length} largest of {profile.delegatorCount}.
              </p>
            )}
          </Scroll>
        )}
      </Section>

      <Section id="votes-title" title="Votes">
        {profile.votes.length === 0 ? (
          <p className="text-sm text-muted">No votes cast on any chain.</p>
        ) : (
          <Scroll label="Votes table">
            <table className="w-full min-w-[40rem] text-left text-sm" data-testid="profile-votes">
              <thead className="text-muted">
                <tr>
                  <th scope="col" className={th}>Proposal</th>
                  <th scope="col" className={th}>Chain</th>
                  <th scope="col" className={th}>Vote</th>
                  <th scope="col" className={`${th} text-right`}>Weight</th>
                  <th scope="col" className={th}>Reason</th>
                  <th scope="col" className={th}>When</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line align-top">
                {profile.votes.map((vote) => (
                  <tr key={`${vote.chainId}:${vote.transactionHash}:${vote.logIndex}`}>
                    <td className="py-1 pr-3">
                      <Link className="text-accent underline" href={`/proposals/${vote.proposalId}` as Route}>
                        {vote.title}
                      </Link>
                      <span className="block font-mono text-xs text-muted">{shortProposalId(vote.proposalId)}</span>
                    </td>
                    <td className="py-1 pr-3">{chainName(vote.chainId)}</td>
                    <td className="py-1 pr-3">{supportWord(vote.support)}</td>
                    <td className="py-1 pr-3 text-right tabular-nums">{amount(vote.weight)}</td>
                    <td className="max-w-xs whitespace-pre-line break-words py-1 pr-3">{vote.reason || <span className="text-muted">—</span>}</td>
                    <td className="py-1 pr-3">
                      <ChainTime at={vote.timestamp} />
                      <span className="block font-mono text-xs text-muted" title={vote.transactionHash}>
                        tx {shortHex(vote.transactionHash)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        )}
      </Section>

      <Section id="proposals-title" title="Proposals created">
        {profile.proposals.length === 0 ? (
          <p className="text-sm text-muted">None.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="profile-proposals">
            {profile.proposals.map((proposal) => (
              <li key={proposal.id.toString()}>
                <Link className="text-accent underline" href={`/proposals/${proposal.id}` as Route}>
                  {proposal.title}
                </Link>{" "}
                <span className="text-xs text-muted">
                  snapshot <ChainTime at={proposal.voteStart} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}
