import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import { DevnetNodeStartError, DevnetPortInUseError } from "../../../lib/devnet/errors.ts";
import { freePort, freePorts, isAlive, isPortInUse, startNode, stopNode, type RunningNode } from "../../../lib/devnet/nodes.ts";

const logs = mkdtempSync(join(tmpdir(), "devnet-nodes-"));

describe("devnet nodes", () => {
  const started: RunningNode[] = [];
  after(async () => {
    for (const node of started) await stopNode(node);
  });

  it("starts an OP-type EDR node on an ephemeral port with the requested chain id, and stops it", async () => {
    const port = await freePort();
    const node = await startNode({ name: "base-local", chainId: 901, chainType: "op", port, logFile: join(logs, "base.log") });
    started.push(node);
    assert.equal(node.rpcUrl, `http://127.0.0.1:${port}`);
    const response = await fetch(node.rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_blockNumber", params: [] }),
    });
    assert.equal(((await response.json()) as { result: string }).result, "0x0");
    assert.match(readFileSync(node.logFile, "utf8"), /"event":"listening","chainId":901,"chainType":"op"/);

    await stopNode(node);
    assert.equal(isAlive(node.pid), false);
    assert.match(readFileSync(node.logFile, "utf8"), /"event":"stopping","signal":"SIGTERM"/);
  });

  it("hands out distinct free ports below the kernel's ephemeral range, never the same one twice", async () => {
    const [low] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
    const ports = [...(await freePorts(40)), await freePort()];
    assert.equal(new Set(ports).size, ports.length);
    for (const port of ports) {
      assert.ok(port >= 10_000 && port < low!, `${port} is outside [10000, ${low})`);
      assert.equal(await isPortInUse(port), false);
    }
  });

  it("refuses a port that something else listens on, naming the port", async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    const address = blocker.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      await assert.rejects(
        startNode({ name: "hub", chainId: 900, chainType: "l1", port, logFile: join(logs, "hub.log") }),
        (error: unknown) => error instanceof DevnetPortInUseError && error.port === port && error.message.includes(`Port ${port}`),
      );
    } finally {
      blocker.close();
    }
  });

  it("reports a node that exits before answering, with its log", async () => {
    const port = await freePort();
    await assert.rejects(
      // Chain id 0 is refused by the node process itself.
      startNode({ name: "broken", chainId: 0, chainType: "l1", port, logFile: join(logs, "broken.log") }),
      (error: unknown) => error instanceof DevnetNodeStartError && /exited \(code 1\)/.test(error.message) && /usage/.test(error.message),
    );
  });
});
