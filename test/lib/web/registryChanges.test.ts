import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { createPublicClient, http, isHash, type PublicClient } from "viem";

import { loadManifest, viemChain, type Manifest } from "../../../lib/chains/index.ts";
import { devnetDown, devnetUp, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import type { SeededProposal } from "../../../lib/devnet/seedProposals.ts";
import { deployBlock, readScheduledChanges } from "../../../lib/web/server/registryChanges.ts";

describe("readScheduledChanges against a devnet with seeded proposals", () => {
  const dir = mkdtempSync(join(tmpdir(), "registry-changes-"));
  const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
  let manifest: Manifest;
  let seeded: SeededProposal[];
  const requests: string[] = [];
  let client: PublicClient;

  before(async () => {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
    seeded = (await devnetUp(paths, { ports, seedProposals: 8, sequencer: false })).proposals ?? [];
    manifest = await loadManifest({ path: paths.manifestFile });
    client = createPublicClient({
      chain: viemChain(manifest.hub),
      transport: http(manifest.hub.rpcUrl, {
        onFetchRequest: async (request) => {
          const body = (await request.clone().json()) as { method: string } | Array<{ method: string }>;
          for (const item of Array.isArray(body) ? body : [body]) requests.push(item.method);
        },
      }),
    });
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

  it("costs two log queries and one eth_call however many changes there are", async () => {
    requests.length = 0;
    await readScheduledChanges(client, manifest);
    const counts = requests.reduce<Record<string, number>>((all, method) => ({ ...all, [method]: (all[method] ?? 0) + 1 }), {});
    assert.deepEqual({ logs: counts["eth_getLogs"], calls: counts["eth_call"] }, { logs: 2, calls: 1 });
  });
});
