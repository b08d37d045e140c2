/**
 * `superchain sequencer start`: the shared sequencer in the foreground, for a chain operator. It
 * serves every member chain of the manifest until Ctrl-C or SIGTERM, then stops gracefully.
 * (`superchain devnet up` starts the same service as a background process for the devnet.)
 */
import { dirname, join } from "node:path";

import { z } from "zod";

import { loadManifest } from "../../chains/index.ts";
import { DEVNET_SEQUENCER_PORT } from "../../devnet/devnet.ts";
import { ensureJwtSecret } from "../../sequencer/admin/jwt.ts";
import { startSequencer } from "../../sequencer/service.ts";
import { defineCommand, integerOption } from "../command.ts";

export const sequencerStartCommand = defineCommand({
  name: "sequencer start",
  summary: "Run the shared sequencer for every member chain of the manifest (foreground)",
  options: z.strictObject({
    port: integerOption(0, 65535)
      .optional()
      .meta({ description: `Port to serve /<chainId> on; default the manifest's sequencer URL, else ${DEVNET_SEQUENCER_PORT}`, placeholder: "port" }),
    store: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "SQLite file for acknowledged transactions; default next to the devnet state", placeholder: "path" }),
    adminPort: integerOption(0, 65535)
      .optional()
      .meta({ description: "Serve the admin RPC (admin_stopSequencer, …) on 127.0.0.1:<port>; off without it", placeholder: "port" }),
    adminJwtSecret: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "File with the admin RPC's 32-byte hex JWT secret, created if absent; default sequencer-jwt.hex next to the devnet state", placeholder: "file" }),
  }).refine((options) => options.adminJwtSecret === undefined || options.adminPort !== undefined, {
    error: "--admin-jwt-secret needs --admin-port",
    params: { standalone: true },
  }),
  run: async ({ port, store, adminPort, adminJwtSecret }, { paths, print }) => {
    const manifest = await loadManifest({ path: paths.manifestFile });
    const manifestPort = manifest.members.map((m) => (m.sequencerRpcUrl ? Number(new URL(m.sequencerRpcUrl).port) : undefined)).find(Boolean);
    const secretFile = adminJwtSecret ?? join(dirname(paths.stateFile), "sequencer-jwt.hex");
    let admin: { port: number; jwtSecret: Buffer } | undefined;
    if (adminPort !== undefined) {
      const { secret, created } = ensureJwtSecret(secretFile);
      if (created) print(`created the admin JWT secret in ${secretFile}`);
      admin = { port: adminPort, jwtSecret: secret };
    }
    const sequencer = await startSequencer({
      ...(admin ? { admin } : {}),
      manifest,
      port: port ?? manifestPort ?? DEVNET_SEQUENCER_PORT,
      storePath: store ?? join(dirname(paths.stateFile), "sequencer.sqlite"),
      log: (event, fields) =>
        print(JSON.stringify({ time: new Date().toISOString(), event, ...fields }, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))),
    });
    for (const member of manifest.members) print(`${member.name} (chain ${member.chainId}): ${sequencer.chainUrl(member.chainId)}`);
    if (sequencer.adminUrl) print(`admin RPC: ${sequencer.adminUrl} (Bearer JWT, HS256, secret in ${secretFile})`);
    print(`health: ${sequencer.url}/healthz — Ctrl-C stops`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
    await sequencer.stop();
    print("sequencer stopped");
  },
});

export const sequencerCommands = [sequencerStartCommand];
