import type { APIResponse, Page } from "@playwright/test";
import { createPublicClient, http, type PublicClient } from "viem";

import { governanceContracts, viemChain, type Manifest } from "../../lib/chains/index.ts";
import { sequencerConfigRegistryAbi } from "../../lib/contracts/index.ts";
import type { CouncilDecision } from "../../lib/council/registryCalls.ts";
import type { RootRejection } from "../../lib/council/rootCalls.ts";
import { reviewCouncilTransaction } from "../../lib/council/typedData.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { councilDecides } from "../../lib/devnet/councilDecides.ts";
import { passProposal } from "../../lib/devnet/passProposal.ts";
import { latestTimestamp } from "../../lib/devnet/time.ts";
import { formatUtc } from "../../lib/governance/codec/describe.ts";
import { CHANGE_STATUSES } from "../../lib/governance/index.ts";
import { PARAMETER_LABELS } from "../../lib/governance/parameters.ts";
import { readRunningConfigs, sequencerOrigins } from "../../lib/operator/index.ts";
import { councilSafeAbi, councilSafeTx, decisionKey } from "../../lib/web/council/safeTx.ts";
import { transactionServiceUrl } from "../../lib/web/council/transactionService/client.ts";
import { malleate, signedProposal } from "../helpers/councilProposal.ts";
import { holdHubWithForgedOutput } from "../helpers/roots.ts";
import { connectWallet, expect, expectAccessible, snap, test, type Devnet } from "./support/fixtures.ts";
import type { TestWallet } from "./support/wallet.ts";

const [OWNER_1, OWNER_2, OWNER_3] = DEV_ROLES.councilOwners.map((i) => devAccount(i));
const RELAYER = devAccount(DEV_ROLES.delegates[2]);

function chain(manifest: Manifest) {
  const hub = createPublicClient({ chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
  const registry = { address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi } as const;
  return {
    hub,
    nonce: () => hub.readContract({ address: manifest.council.safe, abi: councilSafeAbi, functionName: "nonce" }),
    isPaused: (chainId: bigint) => hub.readContract({ ...registry, functionName: "isPaused", args: [chainId] }),
    changeStatus: async (changeId: bigint) => CHANGE_STATUSES[await hub.readContract({ ...registry, functionName: "changeStatus", args: [changeId] })],
  };
}

/** The transaction and hashes the page must show for a decision at the Safe's current nonce. */
async function expectedReview(manifest: Manifest, hub: PublicClient, decision: CouncilDecision | RootRejection) {
  const nonce = await hub.readContract({ address: manifest.council.safe, abi: councilSafeAbi, functionName: "nonce" });
  const data = councilSafeTx(manifest.contracts.sequencerConfig, decision, nonce);
  return { data, ...reviewCouncilTransaction({ safe: manifest.council.safe, chainId: manifest.hub.chainId, data }) };
}

/** The block time the sequencer applies to a chain now, and whether it is paused, from its `/healthz`. */
async function sequencerView(manifest: Manifest, chainId: number) {
  const state = await readRunningConfigs(sequencerOrigins(manifest.members)[0]!);
  const running = state.chains.find((c) => c.chainId === chainId);
  return { blockTimeMs: running?.config?.parameters.blockTimeMs, paused: running?.paused };
}

/** The newest block of a member chain, read from its own execution node (not the sequencer). */
function memberHead(manifest: Manifest, chainId: number) {
  const member = manifest.members.find((m) => m.chainId === chainId)!;
  const client = createPublicClient({ chain: viemChain(member), transport: http(member.rpcUrl) });
  return () => client.getBlockNumber({ cacheTime: 0 });
}

/**
 * Owners 1 and 2 approve the decision on /council (owner 2 by signature, or on-chain with
 * `approveHash`). Before each signature the page must show the hashes the test computes itself,
 * with no signature asked of the wallet yet.
 */
async function approveThroughPage(page: Page, wallet: TestWallet, devnet: Devnet, decision: CouncilDecision | RootRejection, secondOwner: "signs" | "approvesHash" = "signs") {
  const { hub } = chain(devnet.manifest);
  const expected = await expectedReview(devnet.manifest, hub, decision);
  const card = page.getByTestId(`decision-${decisionKey(decision)}`);
  const signatureRequests = () => wallet.requests.filter((method) => method === "eth_signTypedData_v4").length;
  const asked = signatureRequests();

  for (const [i, owner] of [OWNER_1, OWNER_2].entries()) {
    await wallet.useAccount(owner!);
    if (!(await card.evaluate((el) => (el as HTMLDetailsElement).open))) await card.locator("summary").click();
    await expect(card.getByTestId("safe-tx-hash")).toHaveText(expected.safeTxHash);
    await expect(card.getByTestId("domain-hash")).toHaveText(expected.domainHash);
    await expect(card.getByTestId("message-hash")).toHaveText(expected.messageHash);
    expect(signatureRequests() - asked, "no signature asked before the hashes were shown").toBe(i);
    if (i === 1 && secondOwner === "approvesHash") {
      await card.getByRole("button", { name: "Approve hash on-chain" }).click();
      await expect(card.getByTestId("approval-count")).toHaveText("2 of 2 approvals");
      await expect(card.getByRole("button", { name: "Hash approved on-chain" })).toBeDisabled();
      await expect(card.getByTestId("approvals")).toContainText("approved the hash on-chain");
      continue;
    }
    await card.getByRole("button", { name: "Sign", exact: true }).click();
    await expect(card.getByTestId("approval-count")).toHaveText(`${i + 1} of 2 approvals`);
    await expect(card.getByRole("button", { name: "Signed", exact: true })).toBeDisabled();
  }
  return { card, expected };
}

/** Owners 1 and 2 approve the decision on /council, then a non-owner executes it there. */
async function decideThroughPage(page: Page, wallet: TestWallet, devnet: Devnet, decision: CouncilDecision, secondOwner: "signs" | "approvesHash" = "signs") {
  const { card, expected } = await approveThroughPage(page, wallet, devnet, decision, secondOwner);
  await wallet.useAccount(RELAYER);
  await expect(card.getByTestId("not-owner-note")).toBeVisible();
  await expect(card.getByRole("button", { name: "Sign", exact: true })).toHaveCount(0);
  await card.getByRole("button", { name: "Execute", exact: true }).click();
  await expect.poll(chain(devnet.manifest).nonce, { message: "the Safe executed (nonce moved on)" }).toBe(expected.data.nonce + 1n);
  return expected;
}

test.describe("council", () => {
  test("two owners approve a block time change on /council (hashes shown first), a non-owner executes; /chains/901 shows it scheduled, then in force on the sequencer", async ({
    page,
    wallet,
    devnet,
  }) => {
    const { manifest } = devnet;
    const { hub, changeStatus } = chain(manifest);
    const current = (await sequencerView(manifest, 901)).blockTimeMs;
    const next = current === 1_000 ? 1_500 : 1_000;
    const { changeIds, proposalId } = await passProposal({
      chain: viemChain(manifest.hub),
      rpcUrl: manifest.hub.rpcUrl,
      contracts: governanceContracts(manifest),
      actions: [{ kind: "setParameters", chainId: 901n, changes: { blockTimeMs: next }, requestedActivation: 0n }],
      description: `# Council e2e: base-local block time ${next} ms\n\nApproved by the council through /council (${Date.now()}).`,
      advance: (seconds) => devnet.advance(Number(seconds)),
    });
    const changeId = changeIds[0]!;
    expect(await changeStatus(changeId)).toBe("awaitingCouncil");

    await wallet.useAccount(OWNER_1!);
    await page.goto("/council");
    await expect(page.getByRole("heading", { level: 1, name: "Security Council" })).toBeVisible();
    await expect(page.getByTestId("council-threshold")).toHaveText("2 of 3 owners");
    const change = page.getByTestId(`awaiting-change-${changeId}`);
    await expect(change).toContainText("block time");
    await expect(change.getByRole("link", { name: /proposal/ })).toHaveAttribute("href", `/proposals/${proposalId}`);

    // Not connected: the decision explains what is missing instead of offering actions.
    const card = page.getByTestId(`decision-${decisionKey({ kind: "approveChange", changeId })}`);
    await card.locator("summary").click();
    await expect(card).toContainText(`approveChange(${changeId}) on ${manifest.contracts.sequencerConfig}`);
    await expect(card.getByText("Connect a wallet to sign or execute council decisions.")).toBeVisible();
    await connectWallet(page);
    await snap(page, "council");
    await expectAccessible(page);

    await decideThroughPage(page, wallet, devnet, { kind: "approveChange", changeId });
    await expect.poll(() => changeStatus(changeId)).toBe("approved");
    await expect(change).toHaveCount(0);
    await expect(page.getByTestId(`settled-change-${changeId}`).getByTestId("settled-status")).toHaveText("Approved");

    // Phone width: nothing in the page needs horizontal scrolling.
    await page.setViewportSize({ width: 375, height: 800 });
    await snap(page, "council-mobile");
    expect(await page.locator("main").evaluate((main) => main.scrollWidth <= main.clientWidth)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 800 });

    // The chain's page shows the approved change scheduled, with its activation time.
    const { activatesAt } = await hub.readContract({ address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "getChange", args: [changeId] });
    const hubNow = await latestTimestamp({ name: "hub", rpcUrl: manifest.hub.rpcUrl });
    expect(BigInt(activatesAt)).toBeGreaterThan(hubNow);
    await page.goto("/chains/901");
    await expect(page.getByRole("heading", { level: 1, name: "base-local" })).toBeVisible();
    const scheduled = page.getByTestId(`change-${changeId}`);
    await expect(scheduled).toHaveAttribute("data-stage", "scheduled");
    await expect(scheduled.getByTestId("change-when")).toContainText(`Activates ${formatUtc(BigInt(activatesAt))}`);
    await expect(scheduled).toContainText(`block time ${PARAMETER_LABELS.blockTimeMs.format(current ?? 0)} → ${PARAMETER_LABELS.blockTimeMs.format(next)}`);
    await snap(page, "council-change-scheduled");

    // Time passes the activation; the sequencer applies the change, and the page says so.
    await devnet.advance(Number(BigInt(activatesAt) - hubNow) + 1);
    await expect
      .poll(async () => (await sequencerView(manifest, 901)).blockTimeMs, { message: "the sequencer's /healthz reports the new block time", timeout: 30_000, intervals: [250, 500, 1_000] })
      .toBe(next);
    await page.reload();
    await expect(scheduled).toHaveAttribute("data-stage", "inForce");
    await expect(scheduled).toContainText("in force on the sequencer");
    await expect(page.getByTestId("compare-blockTimeMs").getByTestId("running-value")).toHaveText(PARAMETER_LABELS.blockTimeMs.format(next));
  });

  test("pausing base-local from the council page stops its blocks and the overview shows it paused; unpausing through the page resumes them", async ({
    page,
    wallet,
    devnet,
  }) => {
    const { manifest } = devnet;
    const { isPaused } = chain(manifest);
    const head = memberHead(manifest, 901);
    const overview = await page.context().newPage();
    const overviewState = (chainId: number) => overview.getByTestId(`chain-card-${chainId}`).getByTestId("chain-state");
    expect(await isPaused(901n)).toBe(false);
    try {
      await wallet.useAccount(OWNER_1!);
      await page.goto("/council");
      await connectWallet(page);
      await expect(page.getByTestId("pause-state-901")).toHaveText("Sequencing");

      await decideThroughPage(page, wallet, devnet, { kind: "pause", chainId: 901n });
      await expect.poll(() => isPaused(901n)).toBe(true);
      await expect(page.getByTestId("pause-state-901")).toHaveText("Paused");
      await expect(page.getByTestId("pause-state-902")).toHaveText("Sequencing");
      await snap(page, "council-paused");

      await overview.goto("/");
      await expect(overviewState(901)).toContainText("paused");
      await expect(overviewState(902)).toContainText("running");

      // The sequencer stops building base-local blocks: the chain's head stays put over three block times.
      await expect.poll(async () => (await sequencerView(manifest, 901)).paused, { message: "the sequencer applies the pause", timeout: 15_000 }).toBe(true);
      const blockTimeMs = (await sequencerView(manifest, 901)).blockTimeMs ?? 2_000;
      const stoppedAt = await head();
      await page.waitForTimeout(3 * blockTimeMs + 500);
      expect(await head(), "no base-local block while paused").toBe(stoppedAt);

      await decideThroughPage(page, wallet, devnet, { kind: "unpause", chainId: 901n }, "approvesHash");
      await expect.poll(() => isPaused(901n)).toBe(false);
      await expect(page.getByTestId("pause-state-901")).toHaveText("Sequencing");
      await expect.poll(head, { message: "base-local blocks resume", timeout: 15_000 }).toBeGreaterThan(stoppedAt);
      await overview.reload();
      await expect(overviewState(901)).toContainText("running");
      await expect(overviewState(901)).not.toContainText("paused");
    } finally {
      // Never leave the shared devnet paused for the specs after this one.
      if (await isPaused(901n)) {
        await councilDecides({ rpcUrl: manifest.hub.rpcUrl, safe: manifest.council.safe, registry: manifest.contracts.sequencerConfig }, { kind: "unpause", chainId: 901n });
      }
    }
  });

  test("a decision whose call would revert is explained on Execute, and nothing is sent", async ({ page, wallet, devnet }) => {
    const { manifest } = devnet;
    const { isPaused } = chain(manifest);
    const council = { rpcUrl: manifest.hub.rpcUrl, safe: manifest.council.safe, registry: manifest.contracts.sequencerConfig };
    await councilDecides(council, { kind: "pause", chainId: 902n });
    try {
      await wallet.useAccount(OWNER_1!);
      await page.goto("/council");
      await connectWallet(page);
      const { card, expected } = await approveThroughPage(page, wallet, devnet, { kind: "unpause", chainId: 902n });
      // Governance lifts the pause meanwhile: the Safe's nonce stays, but its call would now revert.
      await passProposal({
        chain: viemChain(manifest.hub),
        rpcUrl: manifest.hub.rpcUrl,
        contracts: governanceContracts(manifest),
        actions: [{ kind: "unpause", chainId: 902n }],
        description: `Council e2e: governance resumes zora-local (${Date.now()})`,
        advance: (seconds) => devnet.advance(Number(seconds)),
      });
      expect(await isPaused(902n)).toBe(false);

      await wallet.useAccount(RELAYER);
      const sent = () => wallet.requests.filter((method) => method === "eth_sendTransaction").length;
      const before = sent();
      await card.getByRole("button", { name: "Execute", exact: true }).click();
      const status = card.locator('[data-tx-status="failed"]');
      await expect(status).toContainText("SequencerConfigNotPaused: Chain 902 is not paused.");
      await expect(status).not.toContainText("GS013");
      expect(sent() - before, "no transaction sent").toBe(0);
      expect(await chain(manifest).nonce()).toBe(expected.data.nonce);
    } finally {
      if (await isPaused(902n)) await councilDecides(council, { kind: "unpause", chainId: 902n });
    }
  });

  test("the transaction service takes api-kit's trailing-slash paths and refuses non-owners, an owner's second signature, stale nonces, wrong chains, malformed and oversized bodies", async ({ request, devnet, baseURL }) => {
    const { manifest } = devnet;
    const { nonce } = chain(manifest);
    const safe = manifest.council.safe;
    // A decision no page offers (no such change), so these signatures show up on no card.
    const decision: CouncilDecision = { kind: "rejectChange", changeId: 1n << 64n };
    const signed = async (account: typeof OWNER_1, at?: bigint) =>
      signedProposal(account!, { safe, chainId: manifest.hub.chainId, safeTx: councilSafeTx(manifest.contracts.sequencerConfig, decision, at ?? (await nonce())) });
    const service = (chainId: number) => transactionServiceUrl("", chainId);
    const proposePath = `${service(manifest.hub.chainId)}/v2/safes/${safe}/multisig-transactions`;
    const confirmPath = (safeTxHash: string) => `${service(manifest.hub.chainId)}/v1/multisig-transactions/${safeTxHash}/confirmations`;
    const post = (path: string, data: unknown, options: { maxRedirects?: number } = {}) => request.post(path, { data: data as Record<string, unknown>, ...options });
    const refusal = async (response: APIResponse) => (await response.json()) as { reason: string; nonFieldErrors?: string[]; detail?: string };

    const outsider = await post(proposePath, (await signed(devAccount(DEV_ROLES.delegates[0]))).body);
    expect(outsider.status()).toBe(422);
    expect((await refusal(outsider)).reason).toBe("not_owner");
    expect((await refusal(outsider)).nonFieldErrors?.[0]).toMatch(/is not an owner/);

    // api-kit sends every path with a trailing slash, as the service spells them; Next.js answers
    // those with a 308 to the path without it (nothing stored yet)…
    const owner3 = await signed(OWNER_3);
    const redirect = await post(`${proposePath}/`, owner3.body, { maxRedirects: 0 });
    expect(redirect.status()).toBe(308);
    expect(redirect.headers().location).toBe(proposePath);
    // …which Playwright's request and Node's fetch (what api-kit calls) follow with the same method and body.
    const accepted = await post(`${proposePath}/`, owner3.body);
    expect(accepted.status()).toBe(201);
    expect(accepted.url()).toBe(new URL(proposePath, baseURL).href);
    expect(accepted.headers()["x-safe-tx-hash"]).toBe(owner3.safeTxHash);
    // The same proposal again is accepted and changes nothing; another signature of the same owner is refused.
    const again = await fetch(new URL(`${proposePath}/`, baseURL), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(owner3.body) });
    expect([again.status, again.redirected]).toEqual([201, true]);
    const second = await post(`${confirmPath(owner3.safeTxHash)}/`, { signature: malleate(owner3.signature) });
    expect(second.status()).toBe(400);
    expect((await refusal(second)).reason).toBe("duplicate_signature");
    const listed = await request.get(`${confirmPath(owner3.safeTxHash)}/`);
    expect(listed.status()).toBe(200);
    expect(((await listed.json()) as { results: Array<{ owner: string }> }).results.map((c) => c.owner)).toEqual([OWNER_3!.address]);

    const current = await nonce();
    expect(current > 0n, "earlier tests executed council transactions").toBe(true);
    const stale = await post(proposePath, (await signed(OWNER_1, current - 1n)).body);
    expect(stale.status()).toBe(422);
    expect((await refusal(stale)).reason).toBe("stale_nonce");

    const wrongChain = await post(`${service(12_345)}/v2/safes/${safe}/multisig-transactions`, owner3.body);
    expect(wrongChain.status()).toBe(404);
    expect((await refusal(wrongChain)).reason).toBe("wrong_chain");
    // The Safe signs on member chains too, but there only rejections of hub states.
    const registryOnMember = await post(`${service(901)}/v2/safes/${safe}/multisig-transactions`, owner3.body);
    expect(registryOnMember.status()).toBe(422);
    expect((await refusal(registryOnMember)).reason).toBe("not_council_decision");

    const malformed = await request.post(proposePath, { data: Buffer.from("{not json"), headers: { "content-type": "application/json" } });
    expect(malformed.status()).toBe(400);
    expect((await refusal(malformed)).reason).toBe("malformed");
    const wrongShape = await post(proposePath, { signature: owner3.signature });
    expect(wrongShape.status()).toBe(400);
    expect((await refusal(wrongShape)).reason).toBe("malformed");
    const oversized = await request.post(proposePath, { data: Buffer.alloc(128 * 1024, 120), headers: { "content-type": "application/json" } });
    expect(oversized.status()).toBe(413);
    expect((await refusal(oversized)).reason).toBe("payload_too_large");
    const badQuery = await request.get(`${proposePath}?nonce__gte=nope`);
    expect(badQuery.status()).toBe(400);
  });

  test("two owners reject a forged output in its challenge window on /council, a non-owner executes; /chains/901 shows it rejected", async ({ page, wallet, devnet }) => {
    const { manifest } = devnet;
    // The hub is held still (no sleeping): the output stays in its 4 s window until the rejection's block.
    const held = await holdHubWithForgedOutput(manifest, 901);
    const { blockNumber, stateRoot } = held.output;
    const rejection: RootRejection = { kind: "rejectOutput", outputOracle: manifest.contracts.outputOracle!, chainId: 901n, blockNumber, stateRoot };
    try {
      await page.goto("/chains/901");
      const row = page.getByTestId("roots-output").getByTestId(`root-${blockNumber}`);
      await expect(row.getByTestId("root-status")).toContainText("in challenge window (usable at");

      await page.goto("/council");
      await connectWallet(page);
      const card = page.getByTestId(`decision-${decisionKey(rejection)}`);
      await expect(card).toContainText(`Reject base-local (chain 901)'s output of block ${blockNumber} (state root ${stateRoot.slice(0, 6)}…${stateRoot.slice(-4)})`);
      await expect(page.getByTestId(`root-group-${manifest.hub.chainId}`)).toContainText("in challenge window");
      const { expected } = await approveThroughPage(page, wallet, devnet, rejection);
      await expect(card).toContainText(`rejectOutputs(901, ${blockNumber},`);
      await snap(page, "council-root-rejection");

      await wallet.useAccount(RELAYER);
      await card.getByRole("button", { name: "Execute", exact: true }).click();
      await held.mineWhenPending(RELAYER!.address);
      await expect.poll(chain(manifest).nonce, { message: "the Safe executed (nonce moved on)" }).toBe(expected.data.nonce + 1n);
    } finally {
      await held.release();
      // Held, the hub fell behind the member chains' clocks: bring every chain to one time again.
      await devnet.advance(1);
    }
    await expect(page.getByTestId(`decision-${decisionKey(rejection)}`)).toHaveCount(0);

    await page.goto("/chains/901");
    const row = page.getByTestId("roots-output").getByTestId(`root-${blockNumber}`);
    await expect(row.getByTestId("root-status")).toHaveText(/rejected/);
    await expect(row).toContainText(stateRoot.slice(0, 8));
    await expectAccessible(page);
    await snap(page, "chain-901-root-rejected");
  });
});
