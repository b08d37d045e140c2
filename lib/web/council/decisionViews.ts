import type { Address, Hash, Hex, PublicClient } from "viem";

import { includesAddress } from "../../council/managers/signatures.ts";
import { reviewCouncilTransaction } from "../../council/typedData.ts";
import type { CouncilSafeState, SafeTxData } from "../../council/types.ts";
import { councilActionCallText, type CouncilAction } from "./actions.ts";
import { councilSafeAbi, councilSafeTx, decisionKey } from "./safeTx.ts";
import type { CouncilSignatures } from "./store.ts";

/** One decision the council can take now, as its Safe transaction at the current nonce. */
export interface CouncilDecisionView {
  /** The decision (`pause-901`), whatever the nonce. */
  key: string;
  /**
   * The decision at this nonce (`pause-901@4`): a UI keyed by it starts afresh once the Safe moves
   * on, so no outcome of an earlier transaction lingers.
   */
  instance: string;
  decision: CouncilAction;
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

/** The council Safe on one chain, as `buildDecisionViews` needs it. */
export interface DecisionSafe {
  safe: Address;
  chainId: number;
  /** The hub's registry (registry decisions call it; root rejections name their oracle). */
  registry: Address;
  state: CouncilSafeState;
  /** Decodes a Safe call back into the action it is, so a view shows what signing really approves. */
  decode: (call: { to: Address; data: Hex }) => CouncilAction | undefined;
}

/**
 * Each offered decision as its Safe transaction at the Safe's current nonce on `client`'s chain,
 * with who approved it so far: the stored signatures of current owners, and on-chain
 * `approveHash` approvals, all read in one multicall however many decisions there are.
 *
 * @example
 * const [view] = await buildDecisionViews(hub, { safe, chainId: 900, registry, state, decode }, signatures, [{ decision, title }])
 */
export async function buildDecisionViews(
  client: PublicClient,
  { safe, chainId, registry, state, decode }: DecisionSafe,
  signatures: CouncilSignatures,
  pending: ReadonlyArray<{ decision: CouncilAction; title: string }>,
): Promise<CouncilDecisionView[]> {
  if (pending.length === 0) return [];
  const built = pending.map(({ decision, title }) => {
    const safeTx = councilSafeTx(registry, decision, state.nonce);
    const { safeTxHash } = reviewCouncilTransaction({ safe, chainId, data: safeTx });
    return { decision, title, safeTx, safeTxHash };
  });
  const [onChain, stored] = await Promise.all([
    client.multicall({
    contracts: built.flatMap(({ safeTxHash }) =>
      state.owners.map((owner) => ({ address: safe, abi: councilSafeAbi, functionName: "approvedHashes", args: [owner, safeTxHash] }) as const),
    ),
    allowFailure: false,
    }),
    Promise.all(built.map(({ safeTxHash }) => signatures.signatures(safeTxHash))),
  ]);
  return built.map(({ decision, title, safeTx, safeTxHash }, i): CouncilDecisionView => {
    const approvedOnChain = state.owners.filter((_, j) => onChain[i * state.owners.length + j]! !== 0n);
    const collected = stored[i]!
      .filter(({ owner }) => includesAddress(state.owners, owner))
      .map(({ owner, signature, createdAt }) => ({ owner, signature, createdAt }));
    const approvers = new Set([...collected.map(({ owner }) => owner), ...approvedOnChain].map((owner) => owner.toLowerCase()));
    const decoded = decode(safeTx);
    return {
      key: decisionKey(decision),
      instance: `${decisionKey(decision)}@${state.nonce}`,
      decision,
      title,
      call: decoded ? councilActionCallText(decoded) : "not a council decision",
      safeTx,
      safeTxHash,
      signatures: collected,
      approvedOnChain,
      approvals: approvers.size,
    };
  });
}
