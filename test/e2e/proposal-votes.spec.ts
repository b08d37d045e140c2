import { readFileSync } from "node:fs";

import { createPublicClient, createWalletClient, http, keccak256, toBytes, type Abi, type LocalAccount } from "viem";

import { governanceContracts, userRpcUrl, viemChain, votingMember, type ChainEntry, type Manifest } from "../../lib/chains/index.ts";
import { spokeVoteAggregatorAbi, superchainGovernorAbi } from "../../lib/contracts/index.ts";
import { newestUsableHubState } from "../../lib/crosschain/index.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { buildProposal, VoteType } from "../../lib/governance/index.ts";
import { writeContractWithHeadroom } from "../../lib/rpc/gasHeadroom.ts";
import { learnWriteFromJson, relayWriteFromJson } from "../../lib/web/proposals/crosschainWire.ts";
import { VOTE_CSV_COLUMNS } from "../../lib/web/votes/csv.ts";
import { parseCsv } from "../helpers/csv.ts";
import type { TestCall } from "../helpers/spokeDevnet.ts";
import { expect, expectAccessible, snap, test } from "./support/fixtures.ts";

const BASE = 901;
const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

/** Sends and confirms contract writes on one chain (member chains through the sequencer, as users do). */
function chainWriter(entry: ChainEntry, rpcUrl: string) {
  const chain = viemChain(entry);
  const client = createPublicClient({ chain, transport: http(entry.rpcUrl) });
  return {
    client,
    async write(account: LocalAccount, call: TestCall) {
      const wallet = createWalletClient({ account, chain, transport: http(rpcUrl) });
      const hash = await writeContractWithHeadroom(wallet, { ...call, abi: call.abi as Abi, chain } as never);
      const receipt = await client.waitForTransactionReceipt({ hash });
      expect(receipt.status, `${call.functionName} on ${entry.name}`).toBe("success");
      return receipt;
    },
  };
}

function setup(manifest: Manifest) {
  const voting = votingMember(manifest, BASE);
  return {
    voting,
    hub: chainWriter(manifest.hub, manifest.hub.rpcUrl),
    base: chainWriter(voting.chain, userRpcUrl(voting.chain)),
    governor: { address: manifest.contracts.governor, abi: superchainGovernorAbi } as const,
    aggregator: { address: voting.spoke.aggregator, abi: spokeVoteAggregatorAbi } as const,
  };
}

test.describe("votes on a proposal", () => {
  test("hub and base-local votes appear with their reasons, filter by chain beside their relay, export as CSV", async ({ page, devnet }) => {
    test.setTimeout(300_000);
    const { manifest } = devnet;
    const { voting, hub, base, governor, aggregator } = setup(manifest);
    const hubVoter = devAccount(DEV_ROLES.delegates[3]);
    const otherVoter = devAccount(DEV_ROLES.delegates[4]);
    const baseVoter = devAccount(DEV_ROLES.spokeDelegates[1]); // base-local tokens only, seeded by `devnet up`
    const tag = unique();
    const hubReason = `Too fast, "really",\nand =risky (${tag})`;
    const baseReason = `From base-local, with care (${tag})`;

    // A proposal, open for votes on every chain.
    const description = `# Votes list (${tag})\n\nCreated by the proposal votes spec.`;
    const input = buildProposal([{ kind: "setParameters", chainId: 902n, changes: { maxPendingPerSender: 69 }, requestedActivation: 0n }], description, governanceContracts(manifest));
    const created = await hub.write(devAccount(DEV_ROLES.delegates[0]), { ...governor, functionName: "propose", args: [input.targets, input.values, input.calldatas, input.description] });
    const id = await hub.client.readContract({ ...governor, functionName: "hashProposal", args: [input.targets, input.values, input.calldatas, keccak256(toBytes(description))] });
    await devnet.advance(Number(await hub.client.readContract({ ...governor, functionName: "votingDelay" })) + 1);

    // Two hub votes, one with a reason full of CSV specials.
    await hub.write(hubVoter, { ...governor, functionName: "castVoteWithReason", args: [id, VoteType.Against, hubReason] });
    await hub.write(otherVoter, { ...governor, functionName: "castVoteWithReason", args: [id, VoteType.For, ""] });

    // base-local learns the proposal once the sequencer has posted a hub state after it, then a delegate votes there.
    await expect.poll(async () => (await newestUsableHubState(base.client, voting.hubStateOracle)).blockNumber >= created.blockNumber, { timeout: 90_000, intervals: [1_000] }).toBe(true);
    if ((await base.client.readContract({ ...aggregator, functionName: "state", args: [id] })) === 0) {
      const learn = await page.request.get(`/api/crosschain/learn?chainId=${BASE}&proposalId=${id}`);
      expect(learn.status()).toBe(200);
      const write = learnWriteFromJson((await learn.json()).call, { chainId: BASE, address: voting.spoke.aggregator, proposalId: id });
      expect(write).toBeDefined();
      const { chainId: _chain, ...call } = write!;
      await base.write(otherVoter, call as unknown as TestCall);
    }
    await base.write(baseVoter, { ...aggregator, functionName: "castVoteWithReason", args: [id, VoteType.For, baseReason] });

    // Every vote is listed, with its reason; each voter links to their delegate profile.
    await page.goto(`/proposals/${id}`);
    const list = page.getByRole("list", { name: "Votes" });
    const rowOf = (address: string) => list.locator(`[data-testid="vote-row"][data-voter="${address}"]`);
    await expect(page.getByTestId("vote-count")).toHaveText("3 votes");
    await expect(rowOf(hubVoter.address)).toContainText("Against");
    await expect(rowOf(hubVoter.address).getByText(/Too fast, "really",/)).toBeVisible();
    await expect(rowOf(hubVoter.address).getByRole("link", { name: hubVoter.address })).toHaveAttribute("href", `/delegates/${hubVoter.address}`);
    await expect(rowOf(baseVoter.address)).toHaveAttribute("data-chain", String(BASE));
    await expect(rowOf(baseVoter.address)).toContainText(baseReason);
    await expect(rowOf(baseVoter.address)).toContainText("Not relayed to the hub yet");

    // The chain filter (a plain GET form) shows base-local's vote under base-local, and no hub vote.
    const filters = page.getByRole("form", { name: "Filter votes" });
    await filters.getByLabel("Chain", { exact: true }).selectOption(String(BASE));
    await filters.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(new RegExp(`/proposals/${id}\\?chain=${BASE}`));
    await expect(page.getByTestId("vote-count")).toHaveText("1 of 3 votes match");
    await expect(rowOf(baseVoter.address)).toBeVisible();
    await expect(rowOf(hubVoter.address)).toHaveCount(0);

    // Once base-local's tally is relayed (by the sequencer or by us), the relay shows beside the vote it carried.
    const relayed = async () => (await hub.client.readContract({ ...governor, functionName: "proposalVotesByChain", args: [id, BigInt(BASE)] }))[1] > 0n;
    await expect(async () => {
      if (await relayed()) return;
      const relay = await page.request.get(`/api/crosschain/relay?chainId=${BASE}&proposalId=${id}`);
      if (relay.status() === 200) {
        const write = relayWriteFromJson((await relay.json()).call, { chainId: manifest.hub.chainId, address: voting.spoke.pool, proposalId: id });
        if (write) {
          const { chainId: _chain, ...call } = write;
          await hub.write(otherVoter, call as unknown as TestCall);
        }
      }
      expect(await relayed()).toBe(true);
    }).toPass({ timeout: 120_000, intervals: [2_000, 5_000] });
    await page.reload();
    const relayRow = rowOf(voting.spoke.pool);
    await expect(relayRow).toContainText("base-local tally, relayed");
    await expect(rowOf(baseVoter.address)).toContainText("Counted on the hub by the relay in");
    await relayRow.getByText(/Carries 1 vote cast on base-local/).click();
    await expect(relayRow.getByRole("link", { name: baseVoter.address })).toBeVisible();
    await snap(page, "proposal-votes-base-local");

    // The CSV of the filtered list downloads and parses: the base-local vote and its relay.
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^proposal-\d+-votes\.csv$/);
    const [header, ...records] = parseCsv(readFileSync((await file.path())!, "utf8"));
    expect(header).toEqual([...VOTE_CSV_COLUMNS]);
    const voters = records.map((record) => record[VOTE_CSV_COLUMNS.indexOf("voter")]);
    expect(voters.sort()).toEqual([baseVoter.address, voting.spoke.pool].sort());

    // Every vote, by weight: the hub reason comes back whole, its formula start defused only where it starts a cell.
    const all = await page.request.get(`/proposals/${id}/votes.csv?sort=weight`);
    expect(all.headers()["content-type"]).toMatch(/^text\/csv/);
    const rows = parseCsv(await all.text()).slice(1);
    expect(rows).toHaveLength(4);
    expect(rows.map((row) => row[VOTE_CSV_COLUMNS.indexOf("reason")])).toContain(hubReason);
    expect((await page.request.get(`/proposals/${id}/votes.csv?chain=7`)).status()).toBe(400);
    expect((await page.request.get(`/proposals/${id}/votes.csv?support=maybe`)).status()).toBe(400);
    expect((await page.request.get(`/proposals/0x2a/votes.csv`)).status()).toBe(404);
    expect((await page.request.get(`/proposals/12345/votes.csv`)).status()).toBe(404);

    // Sorting by weight works without JavaScript too (a link / form GET); the page passes axe and fits a phone.
    await page.goto(`/proposals/${id}?sort=weight#vote-list`);
    await expect(page.getByTestId("vote-count")).toHaveText("4 votes");
    await expectAccessible(page);
    await snap(page, "proposal-votes");
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await snap(page, "proposal-votes-phone");
  });
});
