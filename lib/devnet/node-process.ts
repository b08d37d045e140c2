/**
 * One devnet chain: an EDR node (Hardhat 3's in-process simulator) served over JSON-RPC on
 * 127.0.0.1. Started as its own process by `startNode` so each chain has its own log and pid.
 *
 *   node lib/devnet/node-process.ts --chain-id 901 --chain-type op --port 9545
 *
 * Exits 0 on SIGTERM / SIGINT after closing the server, 1 on bad arguments or a failed start.
 */
import { parseArgs } from "node:util";

import { network } from "hardhat";

const { values } = parseArgs({
  options: {
    "chain-id": { type: "string" },
    "chain-type": { type: "string", default: "l1" },
    port: { type: "string" },
  },
});

const chainId = Number(values["chain-id"]);
const port = Number(values.port);
const chainType = values["chain-type"];
if (!Number.isSafeInteger(chainId) || chainId <= 0 || !Number.isInteger(port) || port <= 0 || port > 65_535) {
  console.error(`usage: node-process.ts --chain-id <id> --chain-type l1|op --port <1-65535>`);
  process.exit(1);
}
if (chainType !== "l1" && chainType !== "op") {
  console.error(`--chain-type must be l1 or op, got ${chainType}`);
  process.exit(1);
}

// Member chains are built by the sequencer: it sends exactly the transactions of a block and mines
// it, so the node's own mempool must keep arrival order, and sub-second blocks may share a second.
const sequenced = chainType === "op";
const server = await network.createServer(
  {
    chainType,
    override: sequenced
      ? { chainId, allowBlocksWithSameTimestamp: true, mining: { auto: true, interval: 0, mempool: { order: "fifo" } } }
      : { chainId },
  },
  "127.0.0.1",
  port,
);
const listening = await server.listen();
console.log(JSON.stringify({ event: "listening", chainId, chainType, ...listening, pid: process.pid }));

let closing = false;
const stop = async (signal: string) => {
  if (closing) return;
  closing = true;
  console.log(JSON.stringify({ event: "stopping", signal }));
  await server.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
