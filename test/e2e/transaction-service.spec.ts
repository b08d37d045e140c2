import { createRequire } from "node:module";

import type { Page } from "@playwright/test";
import SafeApiKit from "@safe-global/api-kit";
import Safe from "@safe-global/protocol-kit";
import { createPublicClient, http, type Address, type Hash, type Hex } from "viem";

import { viemChain, type Manifest } from "../../lib/chains/index.ts";
import { sequencerConfigRegistryAbi } from "../../lib/contracts/index.ts";
import type { CouncilDecision } from "../../lib/council/registryCalls.ts";
import { reviewCouncilTransaction } from "../../lib/council/typedData.ts";
import type { SafeTxData } from "../../lib/council/types.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { councilDecides } from "../../lib/devnet/councilDecides.ts";
import { hdPrivateKey } from "../../lib/devnet/keys.ts";
import { safeContractNetworks } from "../../lib/safe/contractNetworks.ts";
import { callSafeTx, councilSafeAbi, councilSafeTx } from "../../lib/web/council/safeTx.ts";
import { proposeBody, transactionServiceUrl } from "../../lib/web/council/transactionService/client.ts";
import { connectWallet, expect, expectAccessible, snap, test } from "./support/fixtures.ts";

const [OWNER_1, OWNER_2, OWNER_3] = DEV_ROLES.councilOwners;
const RELAYER = DEV_ROLES.delegates[2]!;
/** The member chain these tests pause and resume (council.spec.ts pauses 901). */
const CHAIN = 902n;

function hubReads(manifest: Manifest) {
  const hub = createPublicClient({ chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
  return {
    nonce: () => hub.readContract({ address: manifest.council.safe, abi: councilSafeAbi, functionName: "nonce" }),
    isPaused: (chainId: bigint) => hub.readContract({ address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "isPaused", args: [chainId] }),
  };
}

/** Scripts' side of the council: api-kit against the running app, protocol-kit on the hub as dev account `index`. */
function scripts(manifest: Manifest, baseURL: string) {
  const chainId = manifest.hub.chainId;
  const safe = manifest.council.safe;
  const api = new SafeApiKit({ chainId: BigInt(chainId), txServiceUrl: transactionServiceUrl(baseURL, chainId) });
  const kit = (index: number) => Safe.init({ provider: manifest.hub.rpcUrl, signer: hdPrivateKey(index), safeAddress: safe, contractNetworks: safeContractNetworks(chainId) });
  const hashOf = (data: SafeTxData) => reviewCouncilTransaction({ safe, chainId, data }).safeTxHash;
  return {
    api,
    hashOf,
    /** Builds `data` with protocol-kit, signs it as `index` and proposes it with api-kit; the hash protocol-kit computed. */
    async propose(index: number, data: SafeTxData): Promise<Hash> {
      const signer = await kit(index);
      const tx = await signer.createTransaction({ transactions: [{ to: data.to, value: data.value.toString(), data: data.data }], options: { nonce: Number(data.nonce) } });
      const safeTxHash = (await signer.getTransactionHash(tx)) as Hash;
      expect(safeTxHash, "protocol-kit builds the very transaction the app hashes").toBe(hashOf(data));
      const signed = await signer.signTransaction(tx);
      const sender = devAccount(index).address;
      await api.proposeTransaction({ safeAddress: safe, safeTransactionData: signed.data, safeTxHash, senderAddress: sender, senderSignature: signed.getSignature(sender)!.data, origin: "transaction-service e2e" });
      return safeTxHash;
    },
    /** Adds owner `index`'s confirmation of a stored transaction with api-kit. */
    confirm: async (index: number, safeTxHash: Hash) => api.confirmTransaction(safeTxHash, (await devAccount(index).sign({ hash: safeTxHash })) as Hex),
    /** Executes a stored transaction from what api-kit reads, with protocol-kit, as the non-owner relayer. */
    async execute(safeTxHash: Hash) {
      const relayer = await kit(RELAYER);
      const result = await relayer.executeTransaction(await api.getTransaction(safeTxHash));
      const receipt = await createPublicClient({ chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) }).waitForTransactionReceipt({ hash: result.hash as Hash });
      expect(receipt.status).toBe("success");
      return result.hash as Hash;
    },
  };
}

/** Pause or resume, whichever flips `CHAIN` from what it is now. */
const flip = async (manifest: Manifest): Promise<CouncilDecision> => ({ kind: (await hubReads(manifest).isPaused(CHAIN)) ? "unpause" : "pause", chainId: CHAIN });

/** One transaction in the page's queue. */
const queueEntry = (page: Page, safeTxHash: Hash) => page.getByTestId("council-queue").getByTestId(`queue-entry-${safeTxHash}`);

test.describe("Safe Transaction Service–compatible API", () => {
  test("api-kit's paths end in a slash: Next redirects them (308) to the path without it, and node-fetch, api-kit's fetch in Node, follows with the same method and body", async ({
    devnet,
    baseURL,
  }) => {
    const { manifest } = devnet;
    const safe = manifest.council.safe;
    const service = transactionServiceUrl(baseURL!, manifest.hub.chainId);
    const list = `${service}/v2/safes/${safe}/multisig-transactions/?executed=false&nonce__gte=0`;
    const redirected = await fetch(list, { redirect: "manual" });
    expect(redirected.status).toBe(308);
    expect(redirected.headers.get("location")).toBe(new URL(list).pathname.replace(/\/$/, "") + "?executed=false&nonce__gte=0");
    // What api-kit's `sendRequest` does in Node: node-fetch 2, JSON headers, redirects followed.
    const nodeFetch = createRequire(import.meta.url)("node-fetch") as typeof fetch;
    const headers = { Accept: "application/json", "Content-Type": "application/json" };
    const got = await nodeFetch(list, { method: "GET", headers });
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ results: expect.any(Array) });
    // The handler itself answers the redirected POST, body included: it names the hash the body claims.
    const claimed = `0x${"11".repeat(32)}` as Hash;
    const body = proposeBody({ safeTx: councilSafeTx(manifest.contracts.sequencerConfig, { kind: "pause", chainId: CHAIN }, 0n), safeTxHash: claimed, sender: devAccount(OWNER_1!).address, signature: `0x${"22".repeat(65)}` });
    const posted = await nodeFetch(`${service}/v2/safes/${safe}/multisig-transactions/`, { method: "POST", headers, body: JSON.stringify(body) });
    expect(posted.status).toBe(422);
    expect(await posted.json()).toMatchObject({ reason: "hash_mismatch", nonFieldErrors: [expect.stringContaining(`provided contract-tx-hash=${claimed}`)] });
  });

  test("proposed with protocol-kit + api-kit, confirmed in the browser by a second owner, listed with api-kit, executed from a script: the queue shows it next, then executed", async ({
    page,
    wallet,
    devnet,
    baseURL,
  }) => {
    const { manifest } = devnet;
    const reads = hubReads(manifest);
    const { api, propose, execute } = scripts(manifest, baseURL!);
    const decision = await flip(manifest);
    const nonce = await reads.nonce();
    const safeTxHash = await propose(OWNER_1!, councilSafeTx(manifest.contracts.sequencerConfig, decision, nonce));

    await wallet.useAccount(devAccount(OWNER_2!));
    await page.goto("/council");
    await connectWallet(page);
    const entry = queueEntry(page, safeTxHash);
    await expect(entry).toHaveAttribute("data-status", "next");
    await expect(entry.getByTestId("queue-status")).toHaveText("Next");
    await expect(entry.getByTestId("queue-sentence")).toHaveText(new RegExp(`^${decision.kind === "pause" ? "Pause" : "Resume"} sequencing of .*\\(chain ${CHAIN}\\)`));
    await expect(entry.getByTestId("queue-confirmations")).toHaveText("1 of 2 confirmations");
    await expect(entry).toContainText(devAccount(OWNER_1!).address);
    await expect(entry).toContainText("from transaction-service e2e");
    await expect(entry.getByRole("button", { name: /^Execute/ })).toBeDisabled();
    await expectAccessible(page);
    await snap(page, "queue-proposed-by-api-kit");

    await entry.getByRole("button", { name: "Confirm", exact: true }).click();
    await expect(entry.getByTestId("queue-confirmations")).toHaveText("2 of 2 confirmations");
    await expect(entry.getByRole("button", { name: "Confirmed", exact: true })).toBeDisabled();
    await expect(entry).toContainText(devAccount(OWNER_2!).address);

    const pending = await api.getPendingTransactions(manifest.council.safe);
    const listed = pending.results.find((tx) => tx.safeTxHash === safeTxHash);
    expect(listed?.confirmations?.map(({ owner }) => owner).sort()).toEqual([devAccount(OWNER_1!).address, devAccount(OWNER_2!).address].sort());
    expect(listed?.confirmationsRequired).toBe(2);

    const transactionHash = await execute(safeTxHash);
    expect(await reads.nonce()).toBe(nonce + 1n);
    expect(await reads.isPaused(CHAIN)).toBe(decision.kind === "pause");
    await page.reload();
    await expect(entry).toHaveAttribute("data-status", "executed");
    await expect(entry.getByTestId("queue-status")).toHaveText("Executed");
    await expect(entry.getByTestId("queue-execution-hash")).toHaveText(transactionHash);
    await expect(page.getByTestId(`pause-state-${CHAIN}`)).toHaveText(decision.kind === "pause" ? "Paused" : "Sequencing");
    await snap(page, "queue-executed-by-protocol-kit");

    // Leave the shared devnet as it was.
    await councilDecides({ rpcUrl: manifest.hub.rpcUrl, safe: manifest.council.safe, registry: manifest.contracts.sequencerConfig }, { kind: decision.kind === "pause" ? "unpause" : "pause", chainId: CHAIN });
  });

  test("two nonces and a replaced alternative: an owner rejects the next transaction on-chain in the browser, the rejection executes, the first is replaced and the second is next", async ({
    page,
    wallet,
    devnet,
    baseURL,
  }) => {
    const { manifest } = devnet;
    const safe = manifest.council.safe;
    const reads = hubReads(manifest);
    const { propose, confirm, execute, hashOf } = scripts(manifest, baseURL!);
    const decision = await flip(manifest);
    const nonce = await reads.nonce();
    const a = await propose(OWNER_1!, councilSafeTx(manifest.contracts.sequencerConfig, decision, nonce));
    const b = await propose(OWNER_1!, councilSafeTx(manifest.contracts.sequencerConfig, decision, nonce + 1n));
    const rejection = hashOf(callSafeTx({ to: safe, data: "0x" }, nonce));

    await wallet.useAccount(devAccount(OWNER_2!));
    await page.goto("/council");
    await connectWallet(page);
    await expect(queueEntry(page, a).getByTestId("queue-status")).toHaveText("Next");
    await expect(queueEntry(page, b).getByTestId("queue-status")).toHaveText(`Queued behind nonce ${nonce}`);
    await expect(queueEntry(page, b).getByRole("button", { name: /^Execute/ })).toHaveCount(0);

    // Rejecting asks first; keeping it changes nothing.
    await queueEntry(page, a).getByRole("button", { name: "Reject", exact: true }).click();
    const question = queueEntry(page, a).getByRole("group", { name: new RegExp(`^Reject nonce ${nonce}\\?`) });
    await expect(question).toBeVisible();
    await expectAccessible(page);
    await question.getByRole("button", { name: "Keep it" }).click();
    await expect(question).toHaveCount(0);
    await queueEntry(page, a).getByRole("button", { name: "Reject", exact: true }).click();
    await question.getByRole("button", { name: `Sign the rejection of nonce ${nonce}` }).click();

    const rejectionEntry = queueEntry(page, rejection);
    await expect(rejectionEntry.getByTestId("queue-sentence")).toHaveText(`On-chain rejection: uses up nonce ${nonce} so nothing queued there runs`);
    await expect(rejectionEntry.getByTestId("queue-confirmations")).toHaveText("1 of 2 confirmations");
    await expect(page.getByTestId(`queue-nonce-${manifest.hub.chainId}-${nonce}`)).toContainText("2 alternatives");
    // One rejection per nonce: no second one is offered.
    await expect(page.getByTestId(`queue-nonce-${manifest.hub.chainId}-${nonce}`).getByRole("button", { name: "Reject", exact: true })).toHaveCount(0);

    await confirm(OWNER_3!, rejection);
    await page.reload();
    await expect(rejectionEntry.getByTestId("queue-confirmations")).toHaveText("2 of 2 confirmations");
    await rejectionEntry.getByRole("button", { name: "Execute", exact: true }).click();
    await expect.poll(reads.nonce, { message: "the rejection used up the nonce" }).toBe(nonce + 1n);
    expect(await reads.isPaused(CHAIN), "the rejected decision never ran").toBe(decision.kind === "unpause");

    await page.reload();
    await expect(queueEntry(page, a)).toHaveAttribute("data-status", "replaced");
    await expect(queueEntry(page, a).getByTestId("queue-status")).toHaveText("Replaced");
    await expect(queueEntry(page, a)).toContainText(rejection);
    await expect(queueEntry(page, a).getByRole("button")).toHaveCount(0);
    await expect(rejectionEntry.getByTestId("queue-status")).toHaveText("Executed");
    await expect(queueEntry(page, b).getByTestId("queue-status")).toHaveText("Next");
    await expectAccessible(page);
    await snap(page, "queue-replaced-alternative");
    await page.getByTestId("council-queue").screenshot({ path: "test-results/screenshots/queue-section.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId("council-queue").scrollIntoViewIfNeeded();
    await snap(page, "queue-replaced-alternative-phone");
    await page.getByTestId("council-queue").screenshot({ path: "test-results/screenshots/queue-section-phone.png" });

    // Leave nothing pending: B runs, then the devnet is put back.
    await confirm(OWNER_2!, b);
    await execute(b);
    await councilDecides({ rpcUrl: manifest.hub.rpcUrl, safe, registry: manifest.contracts.sequencerConfig }, { kind: decision.kind === "pause" ? "unpause" : "pause", chainId: CHAIN });
  });
});
