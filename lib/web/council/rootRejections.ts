import { describeRootRejection, type RootRejection } from "../../council/rootCalls.ts";
import type { CouncilSafeState } from "../../council/types.ts";
import { readRootFeed, type RootFeedView, type RootView } from "../roots/readRoots.ts";
import type { Deployment } from "../server/deployment.ts";
import { councilChains, type CouncilChain } from "./actions.ts";
import { buildDecisionViews, type CouncilDecisionView } from "./decisionViews.ts";
import { readCouncilSafeState } from "./server.ts";
import type { CouncilSignatures } from "./store.ts";

/** How many of each feed's newest roots are checked for being in their window (and offered), besides the oldest in its window. */
export const ROOTS_OFFERED = 5;

/** A root in its challenge window and the council's decision to reject it. */
export interface CouncilRootOffer {
  root: RootView;
  /** The oracle chain's clock the state was judged against. */
  now: bigint;
  decision: CouncilDecisionView;
}

/** The roots the council can reject with its Safe on one chain: outputs on the hub, hub states on a member chain. */
export interface CouncilRootGroup {
  chainId: number;
  name: string;
  /** The Safe on this chain; `null` when the chain did not answer (nothing is offered then). */
  state: CouncilSafeState | null;
  offers: CouncilRootOffer[];
}

const rejectionOf = (feed: RootFeedView, root: RootView): RootRejection =>
  feed.feed === "output"
    ? { kind: "rejectOutput", outputOracle: feed.oracle, chainId: BigInt(feed.chainId), blockNumber: root.blockNumber, stateRoot: root.stateRoot }
    : { kind: "rejectHubState", hubStateOracle: feed.oracle, blockNumber: root.blockNumber, stateRoot: root.stateRoot };

/**
 * The roots now in their challenge window, on every chain the council Safe signs on, each with
 * its rejection as a Safe transaction at that chain's nonce: the member chains' outputs on the
 * hub (a hub transaction), and each member chain's hub states (a transaction on that member
 * chain, whose Safe has the hub's address and is read there). Per chain: the Safe's state, the
 * feeds' newest {@link ROOTS_OFFERED} roots and the oldest one in its window (rejecting it
 * rejects every later root, so any forged root in the window is reachable; see `readRootFeed`), and one `approvedHashes`
 * multicall. A member chain that does not answer is shown as such; the hub's failure is the page's.
 *
 * @example
 * const groups = await readRootRejections(deployment, { signatures, hubState })
 */
export async function readRootRejections(
  deployment: Deployment,
  { signatures, hubState }: { signatures: CouncilSignatures; hubState: CouncilSafeState },
): Promise<CouncilRootGroup[]> {
  const { manifest } = deployment;
  const safe = manifest.council.safe;
  const registry = manifest.contracts.sequencerConfig;
  const nameOf = (chainId: number) => manifest.members.find((member) => member.chainId === chainId)?.name ?? `chain ${chainId}`;

  const group = async (chain: CouncilChain, state: CouncilSafeState, feeds: ReadonlyArray<RootFeedView | undefined>): Promise<CouncilRootGroup> => {
    const offered = feeds.flatMap((feed) =>
      feed === undefined ? [] : feed.roots.filter((root) => root.status === "inChallengeWindow").map((root) => ({ feed, root })),
    );
    const pending = offered.map(({ feed, root }) => {
      const decision = rejectionOf(feed, root);
      return { decision, title: describeRootRejection(decision, nameOf(feed.chainId)) };
    });
    const views = await buildDecisionViews(deployment.client(chain.chainId), { safe, chainId: chain.chainId, registry, state, decode: chain.decode }, signatures, pending);
    return { chainId: chain.chainId, name: chain.name, state, offers: offered.map(({ feed, root }, i) => ({ root, now: feed.now, decision: views[i]! })) };
  };

  const [hubChain, ...memberChains] = councilChains(manifest);
  const hubGroup = Promise.all(manifest.members.map((member) => readRootFeed(deployment, { feed: "output", chainId: member.chainId, last: ROOTS_OFFERED, oldestInWindow: true }))).then((feeds) =>
    group(hubChain!, hubState, feeds),
  );
  const memberGroups = memberChains.map(async (chain): Promise<CouncilRootGroup> => {
    try {
      const [state, feed] = await Promise.all([
        readCouncilSafeState(deployment.client(chain.chainId), safe),
        readRootFeed(deployment, { feed: "hubState", chainId: chain.chainId, last: ROOTS_OFFERED, oldestInWindow: true }),
      ]);
      return await group(chain, state, [feed]);
    } catch {
      return { chainId: chain.chainId, name: chain.name, state: null, offers: [] };
    }
  });
  return Promise.all([hubGroup, ...memberGroups]);
}
