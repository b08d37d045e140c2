import { getAbiItem, type Address, type Hash, type Hex } from "viem";

import { deployBlock, memberChains } from "../../chains/index.ts";
import { sequencerConfigRegistryAbi } from "../../contracts/index.ts";
import { includesAddress } from "../../council/managers/signatures.ts";
import { decodeCouncilCall, describeCouncilDecision, type CouncilDecision } from "../../council/registryCalls.ts";
import { reviewCouncilTransaction } from "../../council/typedData.ts";
import type { CouncilSafeState, SafeTxData } from "../../council/types.ts";
import { describeAction, type ChangeStatus, type SequencerParameters } from "../../governance/index.ts";
import type { Deployment } from "../server/deployment.ts";
import { readScheduledChanges } from "../server/registryChanges.ts";
import { councilSafeAbi, councilSafeTx, decisionKey } from "./safeTx.ts";
import { councilSignatures, readCouncilSafeState } from "./server.ts";
import type { CouncilSignatureStore } from "./store.ts";

/** One decision the council can take now, as its Safe transaction at the current nonce. */
export interface CouncilDecisionView {
  /** The decision (`pause-901`), whatever the nonce. */
  key: string;
  /**
   * The decision at this nonce (`pause-901@4`): a UI keyed by it starts afresh once the Safe moves
   * on, so no outcome of an earlier transaction lingers.
   */
  instance: string;
  decision: CouncilDecision;
  /** What signing it means, in words ("Approve change #5: Set base-local …"). */
  title: string;
  /** The call the transaction makes, decoded from its own data: `approveChange(5)`. */
  call: string;
  safeTx: SafeTxData;
  safeTxHash: Hash;
  /** Stored signatures of current owners, in the order they arrived. */
  signatures: ReadonlyArray<{ owner: Address; signature: Hex; createdAt: string }>;
  /** Current owners that called `approveHash(safeTxHash)`. */
  approvedOnChain: readonly Address[];
  /** Distinct owners approving by either path. */
  approvals: number;
}

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
  changes: CouncilChangeView[];
  /** The newest settled changes (approved, active, rejected, expired…), newest first. */
  settled: SettledChangeView[];
  pauses: CouncilPauseView[];
}

/**
 * The call a Safe transaction makes, decoded from its own data rather than taken from the decision
 * it was built for, so the text shows what signing really approves.
 */
function callText(registry: Address, safeTx: SafeTxData): string {
  const decoded = decodeCouncilCall(registry, safeTx);
  if (!decoded) return "not a council decision";
  const argument = decoded.kind === "approveChange" || decoded.kind === "rejectChange" ? decoded.changeId : decoded.chainId;
  return `${decoded.kind}(${argument})`;
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
 * the registry's changes and pause events (log queries, one HTTP batch); then the on-chain
 * `approveHash` approvals of every offered decision (one multicall). Signatures come from the
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

  const [state, scheduled, paused, configs, pauseLogs, signatures] = await Promise.all([
    readCouncilSafeState(hub, safe),
    readScheduledChanges(hub, manifest),
    Promise.all(scopes.map((scope) => hub.readContract({ ...contract, functionName: "isPaused", args: [scope] }))),
    Promise.all(scopes.map((scope) => hub.readContract({ ...contract, functionName: "currentConfig", args: [scope] }))),
    hub.getLogs({ address: registry, events: pausedEvents, fromBlock: deployBlock(manifest, "SequencerConfigRegistry"), strict: true }),
    councilSignatures(deployment, store),
  ]);

  const pausedItself = new Map<bigint, boolean>();
  for (const log of pauseLogs) pausedItself.set(log.args.chainId, log.eventName === "Paused");
  const parameters = new Map<bigint, SequencerParameters>(scopes.map((scope, i) => [scope, configs[i]!.parameters]));
  const nameOf = (id: bigint) => members.find((member) => BigInt(member.chainId) === id)?.name;

  const pending: Array<{ decision: CouncilDecision; title: string }> = [];
  const offer = (decision: CouncilDecision, title: string) => {
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

  const built = pending.map(({ decision, title }) => {
    const safeTx = councilSafeTx(registry, decision, state.nonce);
    const { safeTxHash } = reviewCouncilTransaction({ safe, chainId, data: safeTx });
    return { decision, title, safeTx, safeTxHash };
  });
  const onChain = await hub.multicall({
    contracts: built.flatMap(({ safeTxHash }) =>
      state.owners.map((owner) => ({ address: safe, abi: councilSafeAbi, functionName: "approvedHashes", args: [owner, safeTxHash] }) as const),
    ),
    allowFailure: false,
  });
  const views = built.map(({ decision, title, safeTx, safeTxHash }, i): CouncilDecisionView => {
    const approvedOnChain = state.owners.filter((_, j) => onChain[i * state.owners.length + j]! !== 0n);
    const collected = signatures
      .signatures(safeTxHash)
      .filter(({ owner }) => includesAddress(state.owners, owner))
      .map(({ owner, signature, createdAt }) => ({ owner, signature, createdAt }));
    const approvers = new Set([...collected.map(({ owner }) => owner), ...approvedOnChain].map((owner) => owner.toLowerCase()));
    return {
      key: decisionKey(decision),
      instance: `${decisionKey(decision)}@${state.nonce}`,
      decision,
      title,
      call: callText(registry, safeTx),
      safeTx,
      safeTxHash,
      signatures: collected,
      approvedOnChain,
      approvals: approvers.size,
    };
  });

  return {
    safe,
    chainId,
    registry,
    state,
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
  };
}
