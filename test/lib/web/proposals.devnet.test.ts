import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { createPublicClient, http } from "viem";

import { loadManifest, type Manifest } from "../../../lib/chains/index.ts";
import { superchainGovernorAbi } from "../../../lib/contracts/index.ts";
import { devnetDown, devnetUp, type DevnetPaths, type DevnetUpResult } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { getProposal, locateProposal } from "../../../lib/web/proposals/detail.ts";
import { activeProposals, listProposals } from "../../../lib/web/proposals/list.ts";
import { countingDeployment } from "../../helpers/countingDeployment.ts";
import { seedManyProposals } from "../../helpers/manyProposals.ts";

describe("listProposals / getProposal on a seeded devnet", () => {
  const dir = mkdtempSync(join(tmpdir(), "web-proposals-"));
  const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
  let up: DevnetUpResult;
  let manifest: Manifest;

  before(async () => {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
    up = await devnetUp(paths, { ports, seedProposals: 8 });
    manifest = await loadManifest({ path: paths.manifestFile });
  });
  after(async () => {
    await devnetDown(paths);
  });

  // devnetUp may create governance proposals of its own before seeding (e.g. appointing vote
  // sources); the seeded eight are checked by id, the totals allow for the others.
  const seededStates = () => new Map((up.proposals ?? []).map((p) => [p.proposalId, p.state]));

  it("lists every seeded proposal, newest first, with its state, tallies per chain and quorum", async () => {
    const { deployment } = countingDeployment(manifest);
    const page = await listProposals(deployment);
    const seeded = seededStates();
    assert.equal(seeded.size, 8);
    assert.equal(page.proposals.length, page.count);
    assert.equal(page.proposals.filter((p) => seeded.has(p.id)).length, 8);
    const expected: Record<string, string> = { pending: "pending", active: "active", defeated: "defeated", succeeded: "succeeded", queued: "queued", awaitingCouncil: "executed", approved: "executed", inForce: "executed" };
    for (const proposal of page.proposals) {
      assert.deepEqual(proposal.tallies.map((t) => t.chainId), [900, 901, 902]);
      const sum = proposal.tallies.reduce((total, t) => total + t.tally.forVotes, 0n);
      assert.equal(sum, proposal.totals.forVotes, "chains sum to the totals");
      if (!seeded.has(proposal.id)) continue;
      assert.equal(proposal.state, expected[seeded.get(proposal.id)!], proposal.title);
      assert.match(proposal.title, /^Set (base|zora)-local block time to /);
    }
    assert.equal(page.proposals[0]?.state, "pending", "the pending proposal was created last");
    assert.equal(page.proposals[0]?.quorum, undefined, "no quorum before the snapshot");
    assert.ok((page.proposals.find((p) => p.state === "executed")?.quorum ?? 0n) > 0n);
    assert.equal(page.token.symbol, "SUP");
  });

  it("filters by state and text, and pages", async () => {
    const { deployment } = countingDeployment(manifest);
    const all = await listProposals(deployment);
    const seeded = seededStates();
    const executed = await listProposals(deployment, { state: "executed" });
    assert.equal(executed.total, all.proposals.filter((p) => p.state === "executed").length);
    assert.equal(executed.proposals.filter((p) => seeded.has(p.id)).length, 3);
    assert.ok(executed.proposals.every((p) => p.state === "executed"));
    const zora = await listProposals(deployment, { query: "ZORA-local block time" });
    assert.deepEqual(zora.proposals.map((p) => p.title), ["Set zora-local block time to 1,600 ms"]);
    const pageCount = Math.ceil(all.count / 3);
    const second = await listProposals(deployment, { page: 2, pageSize: 3 });
    assert.equal(second.page, 2);
    assert.equal(second.pageCount, pageCount);
    assert.equal(second.proposals.length, 3);
    assert.deepEqual(second.proposals.map((p) => p.id), all.proposals.slice(3, 6).map((p) => p.id));
    const beyond = await listProposals(deployment, { page: 99, pageSize: 3 });
    assert.equal(beyond.page, pageCount);
    assert.equal(beyond.proposals.length, all.count - 3 * (pageCount - 1));
  });

  it("makes the same few requests whatever the list holds, and queries only new logs", async () => {
    const { deployment, requests } = countingDeployment(manifest);
    await listProposals(deployment);
    requests.length = 0;
    await listProposals(deployment, { state: "executed" });
    assert.ok(requests.length <= 3, `HTTP requests: ${JSON.stringify(requests)}`);
    // At most one log query, for blocks not seen yet (the sequencer's commitments keep the hub moving).
    assert.ok(requests.flat().filter((m) => m === "eth_getLogs").length <= 1, "the cached list needs only new logs");
    assert.ok(requests.flat().filter((m) => m === "eth_call").length <= 2, "one multicall for the page (and none more for cached final states)");
  });

  it("answers the overview's active proposals", async () => {
    const { deployment: listing } = countingDeployment(manifest);
    const page = await listProposals(listing, { state: "active" });
    const { deployment, requests } = countingDeployment(manifest);
    const { proposals, total, now } = await activeProposals(deployment, 5);
    assert.equal(total, 1);
    assert.equal(proposals[0]?.id, page.proposals[0]?.id);
    assert.equal(proposals[0]?.title, page.proposals[0]?.title);
    assert.ok(proposals[0]!.deadline > now);
    // Lean: the head, at most the new logs, and one multicall of states and deadlines — no tallies, no quorum.
    assert.ok(requests.flat().filter((m) => m === "eth_call").length <= 1, `HTTP requests: ${JSON.stringify(requests)}`);
    assert.deepEqual(await activeProposals(deployment, 0).then((r) => [r.proposals.length, r.total]), [0, 1]);
  });

  it("builds the detail and its timeline up to in force on the sequencer", async () => {
    const { deployment } = countingDeployment(manifest);
    assert.equal(await locateProposal(deployment, 12345n), undefined, "an unknown id is refused before any detail read");
    const inForce = up.proposals!.find((p) => p.state === "inForce")!;
    const detail = await getProposal(deployment, inForce.proposalId);
    assert.ok(detail);
    assert.equal(detail.state, "executed");
    assert.match(detail.actions[0]?.sentence ?? "", /^Set base-local block time 2,000 ms → 1,\d00 ms/);
    assert.equal(detail.actions[0]?.beforeIsHistoric, true);
    assert.deepEqual(
      detail.timeline.map((step) => step.key),
      ["created", "voting", "outcome", "queued", "executed", "council", "decision", "activation", "inForce"],
    );
    assert.ok(detail.timeline.slice(0, -1).every((step) => step.state === "done"), JSON.stringify(detail.timeline, (_, v) => (typeof v === "bigint" ? v.toString() : v)));
    assert.ok(detail.timeline.every((step) => step.key === "inForce" || step.at !== undefined), "every past step has its time");
    // The sequencer applies the change from its first block at or after activation.
    assert.ok(["done", "current"].includes(detail.timeline.at(-1)!.state));

    const awaiting = await getProposal(deployment, up.proposals!.find((p) => p.state === "awaitingCouncil")!.proposalId);
    assert.equal(awaiting?.timeline.find((step) => step.key === "council")?.state, "current");
    const defeated = await getProposal(deployment, up.proposals!.find((p) => p.state === "defeated")!.proposalId);
    assert.equal(defeated?.timeline.at(-1)?.state, "failed");
    assert.equal(await getProposal(deployment, 12345n), undefined);
  });

  // Last: it moves the hub's clock past every proposal's voting.
  it("reads the state of a thousand closed proposals once, in multicalls the node accepts, then never again", async () => {
    await seedManyProposals(manifest, 1_000, 0);
    const governor = { address: manifest.contracts.governor, abi: superchainGovernorAbi } as const;
    const hub = createPublicClient({ transport: http(manifest.hub.rpcUrl) });
    const [delay, period] = await Promise.all([hub.readContract({ ...governor, functionName: "votingDelay" }), hub.readContract({ ...governor, functionName: "votingPeriod" })]);
    await advanceTime([{ name: "hub", rpcUrl: manifest.hub.rpcUrl }], delay + period + 1n);

    const { deployment, requests } = countingDeployment(manifest);
    assert.equal((await activeProposals(deployment, 5)).total, 0, "every proposal's voting has closed");
    const calls = () => requests.flat().filter((m) => m === "eth_call").length;
    assert.ok(calls() > 1, `the states were read in several multicalls (one of ~2,000 calls exceeds the call gas cap): ${calls()}`);
    requests.length = 0;
    assert.equal((await activeProposals(deployment, 5)).total, 0);
    assert.equal(calls(), 0, "final states are not read again");
  });
});
