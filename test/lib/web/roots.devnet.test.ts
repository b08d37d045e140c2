/**
 * Root states and root rejections against a real devnet (no sequencer, so only the test posts):
 * the chain page's feeds, the council page's offers, what the Transaction Service–compatible API
 * refuses for a rejection, and a rejection carried out by two owners through the Safe.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { createPublicClient, createWalletClient, encodeFunctionData, http, type Hex } from "viem";

import { loadManifest, viemChain, type Manifest } from "../../../lib/chains/index.ts";
import { hubStateOracleAbi } from "../../../lib/contracts/index.ts";
import type { RootRejection } from "../../../lib/council/index.ts";
import type { SafeTxData } from "../../../lib/council/types.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { devnetDown, devnetUp, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { readCouncilOverview } from "../../../lib/web/council/overview.ts";
import { councilSafeAbi, councilSafeTx, encodeExecSignatures } from "../../../lib/web/council/safeTx.ts";
import { readCouncilSafeState } from "../../../lib/web/council/server.ts";
import { CouncilSignatureStore } from "../../../lib/web/council/store.ts";
import { QUEUE_DEPTH } from "../../../lib/web/council/transactionService/accept.ts";
import { readRootFeed } from "../../../lib/web/roots/readRoots.ts";
import { getDeployment, isUnavailable, type Deployment } from "../../../lib/web/server/deployment.ts";
import type { ServiceAnswer } from "../../helpers/councilProposal.ts";
import { holdHubWithForgedOutput, type HeldHub } from "../../helpers/roots.ts";
import { execCouncilTx } from "../../helpers/councilDevnet.ts";
import { proposeCouncilTx } from "../../helpers/transactionService.ts";

describe("root states and rejections on a devnet", () => {
  const dir = mkdtempSync(join(tmpdir(), "web-roots-"));
  const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
  let manifest: Manifest;
  let deployment: Deployment;
  let store: CouncilSignatureStore;
  let held: HeldHub | undefined;
  const [owner1, owner2] = DEV_ROLES.councilOwners.map((i) => devAccount(i));
  const relayer = devAccount(DEV_ROLES.deployer);

  before(async () => {
    await devnetUp(paths, { ports: { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort() }, sequencer: false });
    process.env.SUPERCHAIN_MANIFEST = paths.manifestFile;
    manifest = await loadManifest({ path: paths.manifestFile });
    const loaded = await getDeployment();
    assert.ok(!isUnavailable(loaded));
    deployment = loaded;
    store = await CouncilSignatureStore.open(join(dir, "web.sqlite"));
  });
  after(async () => {
    await held?.release();
    await store?.close();
    await devnetDown(paths);
  });

  /** `account` signs `safeTx` for the council Safe on `chainId` and proposes it there (the service at that chain id). */
  const propose = (account: typeof owner1, chainId: number, safeTx: SafeTxData) => proposeCouncilTx(store, account!, { safe: manifest.council.safe, chainId, safeTx });
  const nonceOn = async (chainId: number) => (await readCouncilSafeState(deployment.client(chainId), manifest.council.safe)).nonce;

  it("reads a member chain's hub states with their state, matching the oracle", async () => {
    const member = manifest.members[0]!;
    const feed = await readRootFeed(deployment, { feed: "hubState", chainId: member.chainId });
    assert.ok(feed && feed.roots.length > 0, "devnet up posted hub states while bridging");
    const newest = feed.roots[0]!;
    const latest = await deployment.client(member.chainId).readContract({ address: member.hubStateOracle!, abi: hubStateOracleAbi, functionName: "latestHubState" });
    assert.equal(newest.blockNumber, latest.blockNumber);
    assert.equal(newest.stateRoot, latest.stateRoot);
    assert.equal(newest.postedAt, BigInt(latest.postedAt));
    assert.equal(newest.status, "usable", "devnet up waited the window out");
    assert.ok(newest.usableAt !== undefined && newest.usableAt <= feed.now);
    assert.equal(feed.oracleChainId, member.chainId);
  });

  it("shows a forged output in its window on the chain page and offers its rejection on the council page", async () => {
    held = await holdHubWithForgedOutput(manifest, 901);
    const { blockNumber, stateRoot, postedAt } = held.output;
    const feed = await readRootFeed(deployment, { feed: "output", chainId: 901 });
    const newest = feed!.roots[0]!;
    assert.deepEqual([newest.blockNumber, newest.stateRoot, newest.postedAt, newest.status], [blockNumber, stateRoot, postedAt, "inChallengeWindow"]);
    assert.equal(newest.usableAt, postedAt + 4n, "the devnet's 4 s output window");

    const overview = await readCouncilOverview(deployment, store);
    const hubGroup = overview.roots.find((group) => group.chainId === manifest.hub.chainId)!;
    const offer = hubGroup.offers.find((o) => o.root.blockNumber === blockNumber)!;
    assert.ok(offer, "the council page offers the rejection");
    assert.equal(offer.decision.key, `rejectOutput-901-${blockNumber}`);
    assert.match(offer.decision.title, new RegExp(`^Reject base-local \\(chain 901\\)'s output of block ${blockNumber} `));
    assert.equal(offer.decision.call, `rejectOutputs(901, ${blockNumber}, ${stateRoot.slice(0, 6)}…${stateRoot.slice(-4)})`);
    assert.equal(offer.decision.safeTx.to, manifest.contracts.outputOracle);
    // Member chains' hub states are all usable: nothing is offered there, but their Safes answered.
    for (const group of overview.roots.filter((g) => g.chainId !== manifest.hub.chainId)) assert.ok(group.state !== null && group.offers.length === 0);
  });

  it("refuses a rejection signed for the wrong chain (422, or 404 for a chain the Safe is not on), the wrong oracle, or a call that is not a rejection, and stores nothing", async () => {
    const { blockNumber, stateRoot } = held!.output;
    const hubNonce = await nonceOn(manifest.hub.chainId);
    const rejection: RootRejection = { kind: "rejectOutput", outputOracle: manifest.contracts.outputOracle!, chainId: 901n, blockNumber, stateRoot };
    const registry = manifest.contracts.sequencerConfig;
    const [base] = manifest.members;
    const cases: Array<[string, Promise<ServiceAnswer>, number, string, RegExp]> = [
      ["an output rejection signed for a member chain", propose(owner1, 901, councilSafeTx(registry, rejection, hubNonce)), 422, "not_council_decision", /chain 901.*hub state/],
      ["an output rejection on another contract", propose(owner1, 900, councilSafeTx(registry, { ...rejection, outputOracle: registry }, hubNonce)), 422, "not_council_decision", /chain 900/],
      ["an output rejection of a chain that is not a member", propose(owner1, 900, councilSafeTx(registry, { ...rejection, chainId: 999n }, hubNonce)), 422, "not_council_decision", /OutputOracle/],
      [
        "a hub-state rejection addressed to another contract on base-local",
        propose(owner1, base!.chainId, councilSafeTx(registry, { kind: "rejectHubState", hubStateOracle: base!.spoke!.token, blockNumber, stateRoot }, 0n)),
        422,
        "not_council_decision",
        /base-local's HubStateOracle/,
      ],
      [
        "a hub-state rejection on the hub",
        propose(owner1, 900, councilSafeTx(registry, { kind: "rejectHubState", hubStateOracle: manifest.contracts.outputOracle!, blockNumber, stateRoot }, hubNonce)),
        422,
        "not_council_decision",
        /chain 900/,
      ],
      [
        "another call of the member's oracle",
        propose(owner1, base!.chainId, { ...councilSafeTx(registry, rejection, 0n), to: base!.hubStateOracle!, data: encodeFunctionData({ abi: hubStateOracleAbi, functionName: "hubStateCount" }) }),
        422,
        "not_council_decision",
        /rejections of a hub state/,
      ],
      ["a chain the Safe is not on", propose(owner1, 12_345, councilSafeTx(registry, rejection, hubNonce)), 404, "wrong_chain", /chains 900, 901, 902/],
    ];
    for (const [label, pending, status, reason, message] of cases) {
      const answer = await pending;
      assert.equal(answer.status, status, label);
      assert.equal(answer.reason, reason, label);
      assert.match(answer.message!, message, label);
    }
    const overview = await readCouncilOverview(deployment, store);
    assert.ok(overview.roots.every((group) => group.offers.every((offer) => offer.decision.signatures.length === 0)), "nothing refused was stored");
  });

  it("rejects the forged output with two owners' signatures through the Safe; the chain page then shows it rejected", async () => {
    const { blockNumber, stateRoot, postedAt } = held!.output;
    const overview = await readCouncilOverview(deployment, store);
    const view = overview.roots.find((g) => g.chainId === manifest.hub.chainId)!.offers.find((o) => o.root.blockNumber === blockNumber)!.decision;
    for (const owner of [owner1, owner2]) assert.equal((await propose(owner, manifest.hub.chainId, view.safeTx)).status, 201);
    const signed = (await readCouncilOverview(deployment, store)).roots[0]!.offers.find((o) => o.decision.key === view.key)!.decision;
    assert.equal(signed.approvals, 2);

    const wallet = createWalletClient({ account: relayer, chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
    const hash = await execCouncilTx(wallet, manifest.council.safe, signed.safeTx, encodeExecSignatures(signed.signatures), 500_000n);
    await held!.mineWhenPending(relayer.address as Hex);
    const hub = createPublicClient({ chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
    const receipt = await hub.getTransactionReceipt({ hash });
    assert.equal(receipt.status, "success");
    await held!.release();
    held = undefined;

    const feed = (await readRootFeed(deployment, { feed: "output", chainId: 901 }))!;
    const forged = feed.roots.find((root) => root.stateRoot === stateRoot)!;
    assert.deepEqual([forged.blockNumber, forged.status, forged.postedAt, forged.usableAt], [blockNumber, "rejected", postedAt, undefined]);
    assert.ok(feed.roots.filter((root) => root !== forged).every((root) => root.status === "usable"), "the outputs before it stay usable");
    const after = await readCouncilOverview(deployment, store);
    assert.ok(!after.roots[0]!.offers.some((o) => o.root.blockNumber === blockNumber), "no longer offered");
  });

  it("reaches a forged root older than the newest ones shown: the oldest root in its window is read too", async () => {
    held = await holdHubWithForgedOutput(manifest, 902, 3);
    const [oldest, , newest] = held.outputs;
    const newestOnly = (await readRootFeed(deployment, { feed: "output", chainId: 902, last: 1 }))!;
    assert.deepEqual(newestOnly.roots.map((root) => root.blockNumber), [newest!.blockNumber], "the newest one alone");
    const feed = (await readRootFeed(deployment, { feed: "output", chainId: 902, last: 1, oldestInWindow: true }))!;
    assert.deepEqual(feed.roots.map((root) => [root.blockNumber, root.status]), [
      [newest!.blockNumber, "inChallengeWindow"],
      [oldest!.blockNumber, "inChallengeWindow"],
    ]);
    const offers = (await readCouncilOverview(deployment, store)).roots.find((g) => g.chainId === manifest.hub.chainId)!.offers;
    assert.ok(offers.some((offer) => offer.root.blockNumber === oldest!.blockNumber), "the council page offers the oldest in its window");
    await held.release();
    held = undefined;
  });

  it("collects a hub-state rejection on the member chain against that chain's Safe (its own nonce and queue)", async () => {
    const member = manifest.members[1]!;
    const feed = (await readRootFeed(deployment, { feed: "hubState", chainId: member.chainId }))!;
    const root = feed.roots[0]!;
    const rejection: RootRejection = { kind: "rejectHubState", hubStateOracle: member.hubStateOracle!, blockNumber: root.blockNumber, stateRoot: root.stateRoot };
    const memberNonce = await nonceOn(member.chainId);
    const hubNonce = await nonceOn(manifest.hub.chainId);
    assert.ok(hubNonce > memberNonce, "the hub Safe executed the rejection; the member's has not moved");
    const at = (nonce: bigint) => propose(owner1, member.chainId, councilSafeTx(manifest.contracts.sequencerConfig, rejection, nonce));
    // Past the member Safe's queue, though within the hub Safe's: judged by the member's nonce.
    const tooFar = await at(memberNonce + QUEUE_DEPTH + 1n);
    assert.ok(memberNonce + QUEUE_DEPTH + 1n <= hubNonce + QUEUE_DEPTH);
    assert.deepEqual([tooFar.status, tooFar.reason], [422, "future_nonce"]);
    assert.match(tooFar.message!, new RegExp(`nonce ${memberNonce} on ${member.name}`));
    assert.equal((await at(memberNonce)).status, 201);
    // The hub's nonce is in the member Safe's queue: accepted as its next decisions are.
    assert.equal((await at(hubNonce)).status, 201);
  });
});
