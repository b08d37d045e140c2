import { createPublicClient, createWalletClient, http, keccak256, parseEther, toBytes, type Hash } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { governanceContracts, viemChain } from "../../lib/chains/index.ts";
import { superchainGovernorAbi, superchainTokenAbi } from "../../lib/contracts/index.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { buildProposal } from "../../lib/governance/index.ts";
import { writeContractWithHeadroom } from "../../lib/rpc/gasHeadroom.ts";
import { connectWallet, expect, expectAccessible, snap, test } from "./support/fixtures.ts";

test.describe("gasless", () => {
  test("an account without any ETH delegates to itself and votes with a reason by signature; the app's relayer pays both", async ({ page, wallet, devnet }) => {
    const { manifest } = devnet;
    const chain = viemChain(manifest.hub);
    const client = createPublicClient({ chain, transport: http(manifest.hub.rpcUrl) });
    const confirm = async (hash: Hash) => expect((await client.waitForTransactionReceipt({ hash })).status).toBe("success");
    const token = { address: manifest.contracts.token, abi: superchainTokenAbi } as const;
    const governor = { address: manifest.contracts.governor, abi: superchainGovernorAbi } as const;
    const relayer = devAccount(DEV_ROLES.gaslessRelayer).address;

    // Tokens but no ETH: every transaction this account causes must be paid by someone else.
    const holder = privateKeyToAccount(generatePrivateKey());
    const amount = parseEther("4321");
    const giver = createWalletClient({ account: devAccount(DEV_ROLES.delegates[9]), chain, transport: http(manifest.hub.rpcUrl) });
    await confirm(await writeContractWithHeadroom(giver, { ...token, functionName: "transfer", args: [holder.address, amount] }));
    await wallet.useAccount(holder);

    // 1. Gasless delegation on /delegates.
    await page.goto("/delegates");
    await connectWallet(page);
    await page.getByRole("radio", { name: /Gasless/ }).check();
    await page.getByRole("button", { name: "Delegate to myself" }).click();
    await expect(page.getByText(/Gasless delegation: Confirmed in block/)).toBeVisible();
    await expect(page.getByTestId("my-delegate")).toHaveText("yourself");
    expect(await client.readContract({ ...token, functionName: "getVotes", args: [holder.address] })).toBe(amount);

    // 2. A proposal made after the delegation; voting opens.
    const tag = `${Date.now().toString(36)}`;
    const description = `# Gasless vote target (${tag})\n\nCreated by the gasless spec.`;
    const input = buildProposal([{ kind: "setParameters", chainId: 901n, changes: { maxPendingPerSender: 64 }, requestedActivation: 0n }], description, governanceContracts(manifest));
    const proposer = createWalletClient({ account: devAccount(DEV_ROLES.delegates[0]), chain, transport: http(manifest.hub.rpcUrl) });
    await confirm(await proposer.writeContract({ ...governor, functionName: "propose", args: [input.targets, input.values, input.calldatas, input.description] }));
    const id = await client.readContract({ ...governor, functionName: "hashProposal", args: [input.targets, input.values, input.calldatas, keccak256(toBytes(description))] });
    await devnet.advance(Number(await client.readContract({ ...governor, functionName: "votingDelay" })) + 1);

    // 3. A gasless vote with a reason on the proposal page.
    await page.goto(`/proposals/${id}`);
    const reconnected = await page.getByTestId("connected-account").waitFor({ state: "visible", timeout: 5_000 }).then(() => true, () => false);
    if (!reconnected) await connectWallet(page);
    await expect(page.getByTestId("voting-weight")).toHaveText("4,321 SUP");
    await page.getByRole("radio", { name: "Against" }).check();
    await page.getByLabel(/Reason/).fill("Signed in the browser, sent by the relayer (e2e).");
    await page.getByRole("radio", { name: /Gasless/ }).check();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Vote", exact: true }).click();
    await expect(page.getByText(/Gasless vote: Confirmed in block/)).toBeVisible();
    await expect(page.getByTestId("your-vote")).toHaveText("Against with 4,321 SUP");
    await expect(page.getByText("“Signed in the browser, sent by the relayer (e2e).”")).toBeVisible();
    expect(await client.readContract({ ...governor, functionName: "hasVoted", args: [id, holder.address] })).toBe(true);
    // The relayed vote is the holder's in the proposal's list of votes, with its reason.
    await page.reload();
    const row = page.locator(`[data-testid="vote-row"][data-voter="${holder.address}"]`);
    await expect(row).toHaveAttribute("data-chain", String(manifest.hub.chainId));
    await expect(row).toContainText("Signed in the browser, sent by the relayer (e2e).");
    expect(await client.getBalance({ address: holder.address })).toBe(0n);
    expect(await client.getTransactionCount({ address: holder.address })).toBe(0);
    expect(await client.getTransactionCount({ address: relayer })).toBeGreaterThanOrEqual(2);
    await snap(page, "proposal-gasless-vote");
  });
});
