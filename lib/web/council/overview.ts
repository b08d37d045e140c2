import { getAbiItem, type Address } from "viem";

import { deployBlock, memberChains } from "../../chains/index.ts";
import { sequencerConfigRegistryAbi } from "../../contracts/index.ts";
import { describeProposalVeto } from "../../council/proposalVeto.ts";
import { describeCouncilDecision, type CouncilDecision } from "../../council/registryCalls.ts";
import type { CouncilSafeState } from "../../council/types.ts";
import { describeAction, type ChangeStatus, type SequencerParameters } from "../../governance/index.ts";
import type { ProposalStateName } from "../../governance/votes.ts";
import { scanLogsToLatest } from "../../rpc/logScan.ts";
import type { Deployment } from "../server/deployment.ts";
import { readScheduledChanges } from "../server/registryChanges.ts";
import { councilChains, type CouncilAction } from "./actions.ts";
import { buildDecisionViews, type CouncilDecisionView } from "./decisionViews.ts";
import { readCouncilOwnerKinds, type CouncilOwnerKind } from "./ownerKinds.ts";
import { readRootRejections, type CouncilRootGroup } from "./rootRejections.ts";
import { councilSignatures, readCouncilSafeState } from "./server.ts";
import { readVetoableProposals } from "./vetoes.ts";

export type { CouncilDecisionView } from "./decisionViews.ts";
import type { CouncilSignatureStore } from "./store.ts";

/** A registry change waiting for the council, with both answers ready to sign. */
export interface CouncilChangeView {
  id: bigint;
  proposalId?: bigint;
  /** `describeAction` of the change, with before → after values where known. */
  sentence: string;
  scheduledAt: bigint;
  expiresAt: bigint;
  approve: CouncilDecisionView;
  reject: CouncilDecisionView;
}

/** One pause scope (a member chain, or 0n: all chains) and the decision that flips it. */
export interface CouncilPauseView {
  chainId: bigint;
  name: string;
  /** Sequencing stopped now (by its own pause or a pause of all chains). */
  paused: boolean;
  /** Paused by its own pause, which only `unpause(chainId)` lifts. */
  pausedItself: boolean;
  decision: CouncilDecisionView;
}

/** A proposal the council can still veto, and the veto (the governor's `cancel`, from the Safe). */
export interface CouncilVetoView {
  proposalId: bigint;
  title: string;
  state: ProposalStateName;
  decision: CouncilDecisionView;
}

/** A change the council (or time) already settled, for the page's recent history. */
export interface SettledChangeView {
  id: bigint;
  proposalId?: bigint;
  sentence: string;
  status: ChangeStatus;
  /** When the council approved it (0n unless approved). */
  approvedAt: bigint;
  activatesAt: bigint;
}

export interface CouncilOverview {
  safe: Address;
  chainId: number;
  registry: Address;
  state: CouncilSafeState;
  /** Each owner's kind (EOA, Safe, other contract), which decides how it approves. */
  ownerKinds: CouncilOwnerKind[];
  changes: CouncilChangeView[];
  /** The newest settled changes (approved, active, rejected, expired…), newest first. */
  settled: SettledChangeView[];
  pauses: CouncilPauseView[];
  /** Proposals that can still be executed (pending, active, succeeded, queued), newest first, each with its veto. */
  vetoes: CouncilVetoView[];
  /** Roots in their challenge window the council can reject, by the chain its Safe signs on. */
  roots: CouncilRootGroup[];
}

/** How many settled changes the page lists. */
export const SETTLED_SHOWN = 5;

const pausedEvents = [
  getAbiItem({ abi: sequencerConfigRegistryAbi, name: "Paused" }),
  getAbiItem({ abi: sequencerConfigRegistryAbi, name: "Unpaused" }),
] as const;

/**
 * Everything `/council` shows, in two rounds of reads however many changes there are: first the
 * Safe's owners, threshold and nonce, pause states and current parameters (one multicall) with
 * the registry's changes and pause events (log queries, one HTTP batch) and the proposals it can
 * still veto (the proposal record cache and one multicall of states not known final); then the on-chain
 * `approveHash` approvals of every offered decision (one multicall), with the roots in their
 * challenge window on every chain and their rejections (see `readRootRejections`). Signatures come from the
 * store, of this deployment only, and count only for current owners.
 *
 * @example
 * const overview = await readCouncilOverview(deployment, getCouncilStore())
 */
export async function readCouncilOverview(deployment: Deployment, store: CouncilSignatureStore): Promise<CouncilOverview> {
  const { manifest, hub } = deployment;
  const safe = manifest.council.safe;
  const registry = manifest.contracts.sequencerConfig;
  const chainId = manifest.hub.chainId;
  const members = memberChains(manifest);
  const scopes = [0n, ...members.map((member) => BigInt(member.chainId))];
  const contract = { address: registry, abi: sequencerConfigRegistryAbi } as const;

  const [state, scheduled, paused, configs, pauseLogs, signatures, vetoable] = await Promise.all([
    readCouncilSafeState(hub, safe),
    readScheduledChanges(hub, manifest),
    Promise.all(scopes.map((scope) => hub.readContract({ ...contract, functionName: "isPaused", args: [scope] }))),
    Promise.all(scopes.map((scope) => hub.readContract({ ...contract, functionName: "currentConfig", args: [scope] }))),
    scanLogsToLatest(hub, (fromBlock, toBlock) => hub.getLogs({ address: registry, events: pausedEvents, fromBlock, toBlock, strict: true }), deployBlock(manifest, "SequencerConfigRegistry")),
    councilSignatures(deployment, store),
    readVetoableProposals(deployment),
  ]);

  const pausedItself = new Map<bigint, boolean>();
  for (const log of pauseLogs) pausedItself.set(log.args.chainId, log.eventName === "Paused");
  const parameters = new Map<bigint, SequencerParameters>(scopes.map((scope, i) => [scope, configs[i]!.parameters]));
  const nameOf = (id: bigint) => members.find((member) => BigInt(member.chainId) === id)?.name;

  const pending: Array<{ decision: CouncilAction; title: string }> = [];
  const offer = (decision: CouncilAction, title: string) => {
    pending.push({ decision, title });
    return pending.length - 1;
  };
  const awaiting = scheduled.filter((change) => change.status === "awaitingCouncil");
  const changeSlots = awaiting.map((change) => {
    const sentence = describeAction(change.action, { chainName: nameOf, currentParameters: (id) => parameters.get(id) });
    return {
      change,
      sentence,
      approve: offer({ kind: "approveChange", changeId: change.id }, describeCouncilDecision({ kind: "approveChange", changeId: change.id }, sentence)),
      reject: offer({ kind: "rejectChange", changeId: change.id }, describeCouncilDecision({ kind: "rejectChange", changeId: change.id }, sentence)),
    };
  });
  const pauseSlots = scopes.map((scope, i) => {
    const own = scope === 0n ? paused[0]! : (pausedItself.get(scope) ?? false);
    const decision: CouncilDecision = own ? { kind: "unpause", chainId: scope } : { kind: "pause", chainId: scope };
    return { scope, paused: paused[i]!, own, slot: offer(decision, describeCouncilDecision(decision, undefined, nameOf(scope))) };
  });

  const vetoSlots = vetoable.map(({ record, state: proposalState, veto }) => ({ record, proposalState, slot: offer(veto, describeProposalVeto(veto, record.title)) }));

  const hubChain = councilChains(manifest).find((entry) => entry.chainId === chainId)!;
  const [views, roots, ownerKinds] = await Promise.all([
    buildDecisionViews(hub, { safe, chainId, registry, state, decode: hubChain.decode }, signatures, pending),
    readRootRejections(deployment, { signatures, hubState: state }),
    readCouncilOwnerKinds(hub, state.owners),
  ]);

  return {
    safe,
    chainId,
    registry,
    state,
    ownerKinds,
    changes: changeSlots.map(({ change, sentence, approve, reject }) => ({
      id: change.id,
      ...(change.proposalId === undefined ? {} : { proposalId: change.proposalId }),
      sentence,
      scheduledAt: change.scheduledAt,
      expiresAt: change.expiresAt,
      approve: views[approve]!,
      reject: views[reject]!,
    })),
    settled: scheduled
      .filter((change) => change.status !== "awaitingCouncil")
      .slice(0, SETTLED_SHOWN)
      .map((change) => ({
        id: change.id,
        ...(change.proposalId === undefined ? {} : { proposalId: change.proposalId }),
        // No before → after: the values in force now may already be this change's own.
        sentence: describeAction(change.action, { chainName: nameOf }),
        status: change.status,
        approvedAt: change.approvedAt,
        activatesAt: change.activatesAt,
      })),
    pauses: pauseSlots.map(({ scope, paused: isPaused, own, slot }) => ({
      chainId: scope,
      name: scope === 0n ? "All chains" : (nameOf(scope) ?? `chain ${scope}`),
      paused: isPaused,
      pausedItself: own,
      decision: views[slot]!,
    })),
    vetoes: vetoSlots.map(({ record, proposalState, slot }) => ({ proposalId: record.id, title: record.title, state: proposalState, decision: views[slot]! })),
    roots,
  };
}
