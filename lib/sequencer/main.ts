/**
 * The sequencer as its own process (what `superchain devnet up` starts and what a chain operator
 * runs): serves every member chain of the manifest, logs JSON lines, stops gracefully on SIGTERM
 * or SIGINT (finishes the block being built, closes the store).
 *
 *   node lib/sequencer/main.ts --manifest deployments/devnet.json --port 7545 --store .devnet/sequencer.sqlite \
 *     [--operator-keys .devnet/operator-keys.json] [--admin-port 7551 --admin-jwt-secret .devnet/sequencer-jwt.hex]
 *
 * With `--admin-port`, the admin RPC (lib/sequencer/admin) listens on 127.0.0.1 behind the JWT
 * secret in `--admin-jwt-secret`, which is generated (never printed) when the file does not exist.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

import type { Hex } from "viem";

import { loadManifest } from "../chains/index.ts";
import { ensureJwtSecret } from "./admin/jwt.ts";
import { startSequencer } from "./service.ts";

const { values } = parseArgs({
  options: {
    manifest: { type: "string" },
    port: { type: "string" },
    store: { type: "string" },
    "operator-keys": { type: "string" },
    "admin-port": { type: "string" },
    "admin-jwt-secret": { type: "string" },
  },
});
const isPort = (value: number) => Number.isInteger(value) && value >= 0 && value <= 65_535;
const port = Number(values.port);
const adminPort = values["admin-port"] === undefined ? undefined : Number(values["admin-port"]);
const adminSecretFile = values["admin-jwt-secret"];
if (!values.manifest || !values.store || !isPort(port) || (adminPort !== undefined && (!isPort(adminPort) || !adminSecretFile))) {
  console.error("usage: main.ts --manifest <path> --port <0-65535> --store <path> [--operator-keys <path>] [--admin-port <0-65535> --admin-jwt-secret <path>]");
  process.exit(1);
}

const log = (event: string, fields: Record<string, unknown>) =>
  console.log(JSON.stringify({ time: new Date().toISOString(), event, ...fields }, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)));

const manifest = await loadManifest({ path: values.manifest });
// {"<chainId>": "0x<private key>"}: each member chain's operator key, which signs its commitments.
const operatorKeys = values["operator-keys"]
  ? (JSON.parse(readFileSync(values["operator-keys"], "utf8")) as Record<number, Hex>)
  : undefined;
let admin: { port: number; jwtSecret: Buffer } | undefined;
if (adminPort !== undefined && adminSecretFile) {
  const { secret, created } = ensureJwtSecret(adminSecretFile);
  if (created) log("admin-jwt-secret-created", { path: adminSecretFile });
  admin = { port: adminPort, jwtSecret: secret };
}
const sequencer = await startSequencer({ manifest, storePath: values.store, port, log, ...(operatorKeys ? { operatorKeys } : {}), ...(admin ? { admin } : {}) });

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log("stopping", { signal });
  await sequencer.stop();
  log("stopped", {});
  process.exit(0);
};
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
