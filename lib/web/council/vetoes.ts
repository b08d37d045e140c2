import { keccak256, toBytes, type Address, type PublicClient } from "viem";

import { superchainGovernorAbi } from "../../contracts/index.ts";
import { proposalVeto, VETOABLE_STATES, type ProposalVeto } from "../../council/proposalVeto.ts";
import { PROPOSAL_STATES, type ProposalStateName } from "../../governance/votes.ts";
import { readStates } from "../proposals/list.ts";
import { readProposalRecords } from "../proposals/records.ts";
import type { ProposalRecord } from "../proposals/types.ts";
import type { Deployment } from "../server/deployment.ts";

/** A proposal the council can still veto, with the veto that cancels it. */
export interface VetoableProposal {
  record: ProposalRecord;
  state: ProposalStateName;
  veto: ProposalVeto;
}

/** The veto of a proposal as its `ProposalCreated` record names it. */
export const vetoOf = (governor: Address, record: ProposalRecord): ProposalVeto =>
  proposalVeto(governor, { targets: record.targets, values: record.values, calldatas: record.calldatas, descriptionHash: keccak256(toBytes(record.description)) });

/**
 * The governor's state of a proposal now, or `undefined` when it has none: `state` reverts for
 * an unknown id, so the snapshot (0 only for an unknown id) is read with it, in one multicall.
 */
export async function readProposalState(client: PublicClient, governor: Address, proposalId: bigint): Promise<ProposalStateName | undefined> {
  const contract = { address: governor, abi: superchainGovernorAbi } as const;
  const [snapshot, state] = await client.multicall({
    contracts: [
      { ...contract, functionName: "proposalSnapshot", args: [proposalId] },
      { ...contract, functionName: "state", args: [proposalId] },
    ],
    allowFailure: true,
  });
  if (snapshot.status !== "success") throw snapshot.error;
  if (snapshot.result === 0n) return undefined;
  if (state.status !== "success") throw state.error;
  return PROPOSAL_STATES[state.result];
}

/**
 * Every proposal the council can veto now (see `VETOABLE_STATES`), newest first: the governor's
 * records from the log cache, and one multicall for the states not yet known to be final.
 *
 * @example
 * const offers = await readVetoableProposals(deployment)
 */
export async function readVetoableProposals(deployment: Deployment): Promise<VetoableProposal[]> {
  const latest = await deployment.hub.getBlock({ blockTag: "latest" });
  const cache = await readProposalRecords(deployment.hub, deployment.manifest, latest);
  const open = cache.records.filter((record) => !cache.terminal.has(record.id));
  const states = await readStates(deployment, cache, open, latest.number);
  return open.flatMap((record) => {
    const state = states.get(record.id);
    return state !== undefined && VETOABLE_STATES.has(state) ? [{ record, state, veto: vetoOf(deployment.manifest.contracts.governor, record) }] : [];
  });
}
