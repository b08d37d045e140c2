/**
 * Crash safety: under load, the sequencer process is killed with SIGKILL, and its supervisor starts
 * it again on the same store. Every transaction it acknowledged (returned a hash for) must end up included exactly
 * once; nothing is included that nobody sent.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import { createPublicClient, http, keccak256, parseGwei, type Hex } from "viem";

import { loadManifest } from "../../../lib/chains/index.ts";
import { devAccount } from "../../../lib/devnet/accounts.ts";
import { devnetDown, devnetUp, readDevnetState, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { freePort, isAlive } from "../../../lib/devnet/nodes.ts";
import { currentSequencer, servingAfterRestart } from "../../helpers/supervisedSequencer.ts";

const dir = mkdtempSync(join(tmpdir(), "crash-"));
const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
const SENDERS = [4, 5, 6, 7, 8, 9, 10, 11];

describe("sequencer crash safety", () => {
  after(async () => {
    await devnetDown(paths);
  });

  it("includes every acknowledged transaction exactly once after kill -9 and restart", async () => {
    await devnetUp(paths, { ports: { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() } });
    const manifest = await loadManifest({ path: paths.manifestFile });
    const state = readDevnetState(paths);
    assert.ok(state?.sequencer);
    const url = `${state.sequencer.url}/901`;
    const node = createPublicClient({ transport: http(manifest.members[0]!.rpcUrl) });

    const sent = new Set<Hex>();
    const acknowledged = new Set<Hex>();
    let killed = false;
    const send = async (raw: Hex) => {
      sent.add(keccak256(raw));
      try {
        const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_sendRawTransaction", params: [raw] }) });
        const body = (await response.json()) as { result?: Hex };
        if (body.result) acknowledged.add(body.result);
        return body.result !== undefined;
      } catch {
        return false; // connection refused or reset: the sequencer is down
      }
    };
    // Each sender streams transactions with consecutive nonces until the crash.
    const senders = SENDERS.map(async (index) => {
      const account = devAccount(index);
      let nonce = await node.getTransactionCount({ address: account.address });
      while (!killed) {
        const raw = await account.signTransaction({ type: "eip1559", chainId: 901, nonce, to: account.address, value: 0n, gas: 21_000n, maxFeePerGas: parseGwei("20"), maxPriorityFeePerGas: 1n });
        if (await send(raw)) nonce++;
      }
    });
    await new Promise((r) => setTimeout(r, 3_000));
    const crashed = currentSequencer(state.sequencer);
    process.kill(crashed.pid, "SIGKILL");
    killed = true;
    await Promise.all(senders);
    for (let i = 0; i < 40 && isAlive(crashed.pid); i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(isAlive(crashed.pid), false, "the sequencer is gone");
    assert.ok(acknowledged.size > 50, `enough load before the crash (${acknowledged.size} acknowledged)`);

    await servingAfterRestart(state.sequencer, 1);

    const deadline = Date.now() + 60_000;
    const missing = new Set(acknowledged);
    while (missing.size > 0 && Date.now() < deadline) {
      for (const hash of [...missing]) {
        const receipt = await node.getTransactionReceipt({ hash }).catch(() => undefined);
        if (receipt) missing.delete(hash);
      }
      if (missing.size > 0) await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(missing.size, 0, `${missing.size} acknowledged transactions never included`);

    // Exactly once, and nothing nobody sent: every transaction from the load's senders on chain is one we sent.
    const head = await node.getBlockNumber();
    const onChain: Hex[] = [];
    for (let n = 1n; n <= head; n++) {
      const block = await node.getBlock({ blockNumber: n, includeTransactions: true });
      for (const tx of block.transactions) if (SENDERS.some((i) => devAccount(i).address.toLowerCase() === tx.from.toLowerCase())) onChain.push(tx.hash);
    }
    assert.equal(new Set(onChain).size, onChain.length, "no transaction included twice");
    for (const hash of onChain) assert.ok(sent.has(hash), `${hash} was sent by the load`);
    for (const hash of acknowledged) assert.ok(onChain.includes(hash), `${hash} acknowledged and included`);
  });
});
