import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { createPublicClient, createTestClient, decodeFunctionData, http, isAddressEqual, isHash, multicall3Abi, type Address, type Hex, type PublicClient, type TestClient } from "viem";

import { deployBlock, loadManifest, viemChain, type Manifest } from "../../../lib/chains/index.ts";
import { devnetDown, devnetUp, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import type { SeededProposal } from "../../../lib/devnet/seedProposals.ts";
import { readScheduledChanges } from "../../../lib/web/server/registryChanges.ts";

type RpcRequest = { method: string; params: [{ to: Address; data?: Hex; input?: Hex }] };
const MULTICALL3: Address = "0xcA11bde05977b3631167028862bE2a173976CA11";

describe("readScheduledChanges against a devnet with seeded proposals", () => {
  const dir = mkdtempSync(join(tmpdir(), "registry-changes-"));
  const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
  let manifest: Manifest;
  let seeded: SeededProposal[];
  const requests: string[] = [];
  /** How many calls each multicall carried. */
  const calls: number[] = [];
  let client: PublicClient;
  let testClient: TestClient;
  const count = (methods: string[]) => methods.reduce<Record<string, number>>((all, method) => ({ ...all, [method]: (all[method] ?? 0) + 1 }), {});

  before(async () => {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
    seeded = (await devnetUp(paths, { ports, seedProposals: 8, sequencer: false })).proposals ?? [];
    manifest = await loadManifest({ path: paths.manifestFile });
    client = createPublicClient({
      chain: viemChain(manifest.hub),
      transport: http(manifest.hub.rpcUrl, {
        onFetchRequest: async (request) => {
          const body = (await request.clone().json()) as RpcRequest | RpcRequest[];
          for (const item of Array.isArray(body) ? body : [body]) {
            requests.push(item.method);
            const call = item.method === "eth_call" ? item.params[0] : undefined;
            const data = call?.data ?? call?.input;
            if (call && data && isAddressEqual(call.to, MULTICALL3)) calls.push(decodeFunctionData({ abi: multicall3Abi, data }).args?.[0]?.length ?? 0);
          }
        },
      }),
    });
    testClient = createTestClient({ chain: viemChain(manifest.hub), mode: "hardhat", transport: http(manifest.hub.rpcUrl) });
  });
  after(async () => {
    await devnetDown(paths);
  });

  it("gives every scheduled change its status and the proposal that scheduled it", async () => {
    const changes = await readScheduledChanges(client, manifest);
    const withChange = seeded.filter((proposal) => proposal.changeId !== undefined);
    assert.deepEqual(withChange.map((p) => p.state), ["awaitingCouncil", "approved", "inForce"]);
    assert.equal(changes.length, withChange.length);
    const expectedStatus = { awaitingCouncil: "awaitingCouncil", approved: "approved", inForce: "active" } as const;
    for (const proposal of withChange) {
      const change = changes.find((c) => c.id === proposal.changeId);
      assert.ok(change, `change ${proposal.changeId} of the ${proposal.state} proposal is listed`);
      assert.equal(change.status, expectedStatus[proposal.state as keyof typeof expectedStatus], proposal.state);
      assert.equal(change.proposalId, proposal.proposalId, `change ${change.id} links to its proposal`);
      assert.equal(change.kind, "setParameters");
      assert.equal(change.action.kind, "setParameters");
      assert.ok(isHash(change.scheduledTx));
      assert.ok(change.scheduledBlock >= deployBlock(manifest, "SequencerConfigRegistry"));
      if (change.status === "awaitingCouncil") assert.equal(change.approvedAt, 0n);
      else assert.ok(change.approvedAt > 0n && change.activatesAt >= change.approvedAt);
    }
    assert.deepEqual(
      changes.map((c) => c.id),
      [...changes.map((c) => c.id)].sort((a, b) => (a > b ? -1 : 1)),
      "newest first",
    );
  });

  it("reads only new blocks' logs, and re-reads only the changes not yet final", async () => {
    await readScheduledChanges(client, manifest);
    requests.length = 0;
    const again = await readScheduledChanges(client, manifest);
    assert.deepEqual(count(requests), { eth_getBlockByNumber: 1, eth_call: 1 }, "no new block: the head, and one multicall");
    const open = again.filter((change) => !["active", "rejected", "cancelled", "expired"].includes(change.status));
    assert.equal(calls.at(-1), open.length * 2, "getChange and changeStatus of the open changes only");
    assert.ok(open.length < again.length, "the active change is final and not read again");

    await testClient.mine({ blocks: 1 });
    requests.length = 0;
    const head = await client.getBlock();
    assert.deepEqual(await readScheduledChanges(client, manifest, head), again);
    assert.deepEqual(count(requests), { eth_getBlockByNumber: 2, eth_getLogs: 2, eth_call: 1 }, "the new block's two log queries, the cached top block's hash");
  });
});
