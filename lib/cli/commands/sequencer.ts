/**
 * `superchain sequencer start`: the shared sequencer in the foreground — what a chain operator
 * runs, and what `superchain devnet up` runs under its supervisor. It serves every member chain
 * of the manifest, logs JSON lines to stdout (pino; `LOG_LEVEL`, default info) until Ctrl-C or
 * SIGTERM, then stops gracefully: finishes the block being built, closes the store.
 */
import { dirname, join } from "node:path";

import { z } from "zod";

import { loadManifest } from "../../chains/index.ts";
import { DEVNET_SEQUENCER_PORT, type DevnetPaths } from "../../devnet/devnet.ts";
import { ensureJwtSecret } from "../../sequencer/admin/jwt.ts";
import { DEFAULT_RECOVERY_NICENESS } from "../../sequencer/recovery/pool.ts";
import { createLogger, logLevel, type Logger } from "../../sequencer/log.ts";
import { startSequencer } from "../../sequencer/service.ts";
import { defineCommand, integerOption } from "../command.ts";
import { operatorAccounts, operatorKeystoreOption } from "./operatorKeys.ts";
import { sequencerStatusCommand } from "./sequencerStatus.ts";

const path = (description: string, placeholder = "path") => z.string().min(1).optional().meta({ description, placeholder });

const startOptions = z
  .strictObject({
    manifest: path("Deployment manifest; default $SUPERCHAIN_MANIFEST, else deployments/devnet.json"),
    port: integerOption(0, 65535)
      .optional()
      .meta({ description: `Port to serve /<chainId> on; default the manifest's sequencer URL, else ${DEVNET_SEQUENCER_PORT}`, placeholder: "port" }),
    store: path("SQLite file for acknowledged transactions; default next to the devnet state"),
    operatorKeys: path('Devnet only: JSON file {"<chainId>": "0x<private key>"} of the operators\' plaintext keys; elsewhere use --operator-keystore', "file"),
    operatorKeystore: operatorKeystoreOption,
    passwordFile: path("File whose first line is the operator keystores' password; default a prompt per keystore (terminal only)", "file"),
    adminPort: integerOption(0, 65535)
      .optional()
      .meta({ description: "Serve the admin RPC (admin_stopSequencer, …) on 127.0.0.1:<port>; off without it", placeholder: "port" }),
    adminJwtSecret: path("File with the admin RPC's 32-byte hex JWT secret, created if absent; default sequencer-jwt.hex next to the devnet state", "file"),
    recoveryThreads: integerOption(1, 256)
      .optional()
      .meta({ description: "Worker threads recovering transaction senders; default one per core", placeholder: "n" }),
    recoveryNiceness: integerOption(0, 19)
      .optional()
      .meta({ description: `Their niceness on Linux, so a flood's recovery yields the CPU to block building; default ${DEFAULT_RECOVERY_NICENESS}`, placeholder: "0-19" }),
    etcd: z
      .string()
      .regex(/^https?:\/\/[^\s,/]+(,https?:\/\/[^\s,/]+)*$/, "comma-separated etcd client URLs, e.g. http://127.0.0.1:2379,http://127.0.0.1:22379")
      .optional()
      .meta({ description: "Run as one replica: etcd client URLs (comma-separated); acknowledgements go to etcd, each chain's leader is elected", placeholder: "urls" }),
    replicaId: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, "1 to 64 letters, digits, '.', '_' or '-'")
      .optional()
      .meta({ description: "This replica's name, unique among the replicas (with --etcd)", placeholder: "id" }),
    leaseTtl: integerOption(1, 60)
      .optional()
      .meta({ description: "Replica lease TTL in seconds: how long a dead leader keeps its chains; default 3 (with --etcd)", placeholder: "s" }),
  })
  .refine((options) => options.operatorKeys === undefined || options.operatorKeystore === undefined, {
    error: "--operator-keys and --operator-keystore: give one or the other",
    params: { standalone: true },
  })
  .refine((options) => options.passwordFile === undefined || options.operatorKeystore !== undefined, {
    error: "--password-file needs --operator-keystore",
    params: { standalone: true },
  })
  .refine((options) => options.adminJwtSecret === undefined || options.adminPort !== undefined, {
    error: "--admin-jwt-secret needs --admin-port",
    params: { standalone: true },
  })
  .refine((options) => (options.etcd === undefined) === (options.replicaId === undefined), {
    error: "--etcd and --replica-id go together",
    params: { standalone: true },
  })
  .refine((options) => options.leaseTtl === undefined || options.etcd !== undefined, {
    error: "--lease-ttl needs --etcd",
    params: { standalone: true },
  });

export const sequencerStartCommand = defineCommand({
  name: "sequencer start",
  summary: "Run the shared sequencer for every member chain of the manifest (foreground, JSON log lines on stdout)",
  options: startOptions,
  run: async (options, { paths, print, env = process.env, usage }) => {
    const log = createLogger({ level: logLevel(env), destination: { write: (line: string) => print(line.trimEnd()) } });
    // From here on a signal stops the sequencer gracefully, even one that arrives while it starts.
    let onSignal: (signal: NodeJS.Signals) => void = () => {};
    const signalled = new Promise<NodeJS.Signals>((resolve) => (onSignal = resolve));
    process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
    try {
      await serve(options, { paths, log, signalled, usage });
    } finally {
      process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
    }
  },
});

async function serve(
  options: z.output<typeof startOptions>,
  { paths, log, signalled, usage }: { paths: DevnetPaths; log: Logger; signalled: Promise<NodeJS.Signals>; usage: string },
): Promise<void> {
  const manifest = await loadManifest({ path: options.manifest ?? paths.manifestFile });
  const operators = await operatorAccounts(options, manifest, usage);
  const manifestPort = manifest.members.map((m) => (m.sequencerRpcUrl ? Number(new URL(m.sequencerRpcUrl).port) : undefined)).find(Boolean);
  let admin: { port: number; jwtSecret: Buffer } | undefined;
  if (options.adminPort !== undefined) {
    const secretFile = options.adminJwtSecret ?? join(dirname(paths.stateFile), "sequencer-jwt.hex");
    const { secret, created } = ensureJwtSecret(secretFile);
    if (created) log.info("admin-jwt-secret-created", { path: secretFile });
    admin = { port: options.adminPort, jwtSecret: secret };
  }
  const sequencer = await startSequencer({
    ...(admin ? { admin } : {}),
    ...(operators ? { operators } : {}),
    ...(options.etcd && options.replicaId
      ? { replication: { etcd: options.etcd.split(","), replicaId: options.replicaId, ...(options.leaseTtl === undefined ? {} : { leaseTtlSeconds: options.leaseTtl }) } }
      : {}),
    manifest,
    port: options.port ?? manifestPort ?? DEVNET_SEQUENCER_PORT,
    storePath: options.store ?? join(dirname(paths.stateFile), "sequencer.sqlite"),
    recovery: {
      ...(options.recoveryThreads === undefined ? {} : { threads: options.recoveryThreads }),
      ...(options.recoveryNiceness === undefined ? {} : { niceness: options.recoveryNiceness }),
    },
    log,
  });
  log.info("stopping", { signal: await signalled });
  await sequencer.stop();
  log.info("stopped");
}

export const sequencerCommands = [sequencerStartCommand, sequencerStatusCommand];
