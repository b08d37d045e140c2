/**
 * `superchain devnet …`: start, inspect, stop and reset the local superchain, and move its time.
 * Thin: every step is a call into lib/devnet; this file parses nothing and only prints.
 */
import { rmSync } from "node:fs";

import { createPublicClient, http } from "viem";
import { z } from "zod";

import { loadManifest, ManifestError } from "../../chains/index.ts";
import { DEV_MNEMONIC, DEV_ROLES, devAccount } from "../../devnet/accounts.ts";
import {
  DEVNET_CHAINS,
  DEVNET_SEQUENCER_ADMIN_PORT,
  devnetDown,
  devnetUp,
  readDevnetState,
  runningDevnet,
  type DevnetPaths,
  type DevnetPorts,
  type DevnetState,
} from "../../devnet/devnet.ts";
import { DEVNET_SPOKE_DELEGATES } from "../../devnet/crosschain.ts";
import { DevnetError } from "../../devnet/errors.ts";
import { hdPrivateKey } from "../../devnet/keys.ts";
import { isAlive } from "../../devnet/nodes.ts";
import { advanceTime, parseDuration } from "../../devnet/time.ts";
import { defineCommand, integerOption, kebabCase, type CommandContext } from "../command.ts";
import { DevnetNotRunningError } from "../errors.ts";

type ChainName = (typeof DEVNET_CHAINS)[number]["name"];

/** Which flag sets which chain's port. */
const PORT_FLAGS = [
  { key: "hubPort", chain: "hub" },
  { key: "basePort", chain: "base-local" },
  { key: "zoraPort", chain: "zora-local" },
] as const satisfies readonly { key: string; chain: ChainName }[];

const chainNamed = (name: ChainName) => DEVNET_CHAINS.find((chain) => chain.name === name) ?? DEVNET_CHAINS[0];
const defaultPort = (name: ChainName): number => chainNamed(name).defaultPort;

const portOption = (name: ChainName) => {
  const chain = chainNamed(name);
  return integerOption(1024, 65535)
    .optional()
    .meta({ description: `RPC port of ${chain.name} (chain ${chain.chainId}); default ${chain.defaultPort}`, placeholder: "port" });
};

const upOptions = z
  .strictObject({
    hubPort: portOption("hub"),
    basePort: portOption("base-local"),
    zoraPort: portOption("zora-local"),
    sequencerPort: integerOption(1024, 65535)
      .optional()
      .meta({ description: "Port of the shared sequencer (/<chainId> per member chain); default 7545", placeholder: "port" }),
    sequencerAdminPort: integerOption(1024, 65535)
      .optional()
      .meta({ description: `Port of the sequencer's admin RPC (JWT secret in .devnet/sequencer-jwt.hex); default ${DEVNET_SEQUENCER_ADMIN_PORT}`, placeholder: "port" }),
    seedProposals: integerOption(0, 100)
      .optional()
      .meta({ description: "Create N sample proposals spread over every lifecycle state; default 0", placeholder: "n" }),
    replicas: integerOption(1, 5)
      .optional()
      .meta({ description: "Sequencer replicas: 2 or more run on a three-member etcd cluster (ports 2379, 22379, 32379), one leader per chain; default 1 (the single embedded sequencer)", placeholder: "n" }),
    etcdPort: integerOption(1024, 65530)
      .optional()
      .meta({ description: "With --replicas: etcd member i listens on <port> + 2i (clients) and + 2i + 1 (peers) instead of 2379/22379/32379", placeholder: "port" }),
  })
  .refine((options) => options.etcdPort === undefined || (options.replicas ?? 1) > 1, { error: "--etcd-port needs --replicas 2 or more", params: { standalone: true } })
  .superRefine((options, ctx) => {
    const seen = new Map<number, string>();
    for (const { key, chain } of PORT_FLAGS) {
      const port = options[key] ?? defaultPort(chain);
      const other = seen.get(port);
      if (other !== undefined) {
        ctx.addIssue({ code: "custom", path: [], message: `--${kebabCase(other)} and --${kebabCase(key)} are both ${port}; each node needs its own port` });
      }
      seen.set(port, key);
    }
  });

type UpOptions = z.output<typeof upOptions>;

const noOptions = z.strictObject({});

const DURATION_FORMS = "90s, 15m, 1h30m, 2d, or a number of seconds";

const durationArgument = z
  .string({ error: (issue) => (issue.input === undefined ? `is required (e.g. ${DURATION_FORMS})` : "must be text") })
  .transform((text, ctx) => {
    const seconds = parseDuration(text);
    if (seconds === undefined) {
      ctx.addIssue({ code: "custom", message: `${JSON.stringify(text)} is not a duration; use ${DURATION_FORMS}`, params: { standalone: true } });
      return z.NEVER;
    }
    return seconds;
  })
  .meta({ description: `How far to move time: ${DURATION_FORMS}` });

export const devnetUpCommand = defineCommand({
  name: "devnet up",
  summary: "Start hub + base-local + zora-local, deploy the contracts, print URLs and dev accounts",
  options: upOptions,
  run: async (options, context) => {
    await up(options, context);
  },
});

export const devnetStatusCommand = defineCommand({
  name: "devnet status",
  summary: "Show each node's pid, RPC URL and latest block (exit 1 when not running)",
  options: noOptions,
  run: async (_options, { paths, print }) => {
    const state = readDevnetState(paths);
    if (state === undefined || state.nodes.length === 0) throw new DevnetNotRunningError();
    const rows = await Promise.all(
      state.nodes.map(async (node) => {
        const alive = isAlive(node.pid);
        const block = alive ? await latestBlock(node.rpcUrl) : undefined;
        const head = block === undefined ? (alive ? "not answering" : "-") : `block ${block.number} at ${isoSeconds(block.timestamp)}`;
        return { node, alive, answering: block !== undefined, cells: [node.name, String(node.chainId), node.rpcUrl, `pid ${node.pid}`, alive ? "alive" : "exited", head] };
      }),
    );
    for (const line of columns(rows.map((row) => row.cells))) print(line);
    const broken = rows.filter((row) => !row.alive || !row.answering);
    if (broken.length > 0) {
      throw new DevnetError(`the devnet recorded in ${paths.stateFile} is not fully running`, {
        details: `${broken.map((row) => `${row.node.name} (pid ${row.node.pid}) ${row.alive ? "does not answer" : "has exited"}`).join("; ")}. Run \`superchain devnet reset\` to start afresh.`,
      });
    }
    print();
    print(`devnet running since ${state.startedAt}; manifest ${paths.manifestFile}`);
  },
});

export const devnetDownCommand = defineCommand({
  name: "devnet down",
  summary: "Stop the nodes this devnet started (by recorded pid, never by name)",
  options: noOptions,
  run: async (_options, { paths, print }) => {
    await down(paths, print);
  },
});

export const devnetResetCommand = defineCommand({
  name: "devnet reset",
  summary: "Stop, delete the manifest and start afresh (same options as up)",
  options: upOptions,
  run: async (options, context) => {
    await down(context.paths, context.print);
    rmSync(context.paths.manifestFile, { force: true });
    context.print(`removed ${context.paths.manifestFile}`);
    await up(options, context);
  },
});

export const devnetTimeAdvanceCommand = defineCommand({
  name: "devnet time advance",
  summary: "Move time forward on all three chains to one common timestamp",
  options: z.strictObject({ duration: durationArgument }),
  positionals: ["duration"],
  run: async ({ duration }, { paths, print }) => {
    const state = runningDevnet(paths);
    if (state === undefined) {
      const stale = readDevnetState(paths) !== undefined;
      throw new DevnetNotRunningError(stale ? { details: `Some nodes recorded in ${paths.stateFile} have exited; run \`superchain devnet reset\`.` } : {});
    }
    const now = await advanceTime(state.nodes, duration);
    print(`advanced ${duration} s on ${state.nodes.map((node) => node.name).join(", ")}`);
    print(`now ${isoSeconds(now)} (${now})`);
  },
});

export const devnetCommands = [devnetUpCommand, devnetStatusCommand, devnetDownCommand, devnetResetCommand, devnetTimeAdvanceCommand];

async function up(options: UpOptions, { paths, print }: CommandContext): Promise<void> {
  const ports: DevnetPorts = {};
  for (const { key, chain } of PORT_FLAGS) {
    const port = options[key];
    if (port !== undefined) ports[chain] = port;
  }
  if (options.sequencerPort !== undefined) ports.sequencer = options.sequencerPort;
  ports.sequencerAdmin = options.sequencerAdminPort ?? DEVNET_SEQUENCER_ADMIN_PORT;
  const started = performance.now();
  const upOptions: NonNullable<Parameters<typeof devnetUp>[1]> & { seedProposals?: number } = {
    ports,
    onProgress: (message) => print(`• ${message}`),
    ...(options.seedProposals === undefined ? {} : { seedProposals: options.seedProposals }),
    ...(options.replicas === undefined ? {} : { replicas: options.replicas }),
    ...(options.etcdPort === undefined ? {} : { etcdPort: options.etcdPort }),
  };
  const { state, alreadyRunning } = await devnetUp(paths, upOptions);
  if (alreadyRunning) print(`devnet already running (since ${state.startedAt})`);
  else print(`devnet up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  print();
  await printSummary(state, paths, print);
}

async function down(paths: DevnetPaths, print: (line?: string) => void): Promise<void> {
  const { processes } = await devnetDown(paths);
  if (processes.length === 0) {
    print("no devnet was running");
    return;
  }
  for (const { name, pid, outcome, node } of processes) {
    const what = node ? `${name} (chain ${node.chainId}, pid ${pid}, ${node.rpcUrl})` : `the ${name} (pid ${pid})`;
    if (outcome === "not-ours") print(`left pid ${pid} alone: it is no longer the ${name} this devnet started (another process has that pid now)`);
    else print(`stopped ${what}${outcome === "gone" ? " (had already exited)" : ""}`);
  }
}

/** Chains and URLs, the manifest, the council Safe and the dev accounts with their (public) keys. */
async function printSummary(state: DevnetState, paths: DevnetPaths, print: (line?: string) => void): Promise<void> {
  print("Chains (node RPC)");
  for (const line of columns(state.nodes.map((node) => [node.name, `chain ${node.chainId}`, node.rpcUrl]))) print(line);
  if (state.sequencer) {
    print();
    print(`Shared sequencer  ${state.sequencer.url}  (restarted on exit by its supervisor, pid ${state.sequencer.supervisor.pid}; log ${state.sequencer.logFile})`);
    for (const node of state.nodes.slice(1)) print(`  wallets on ${node.name} use  ${state.sequencer.url}/${node.chainId}`);
    if (state.sequencer.admin) print(`  admin RPC  ${state.sequencer.admin.url}  (JWT secret in ${state.sequencer.admin.jwtSecretFile})`);
  }
  if (state.replicated) {
    print();
    print(`Replicated sequencer: ${state.replicated.replicas.length} replicas on etcd ${state.replicated.etcd.map((member) => member.clientUrl).join(",")}`);
    for (const replica of state.replicated.replicas) {
      print(`  ${replica.id}  ${replica.url}${replica.admin ? `  admin ${replica.admin.url}` : ""}  (supervisor pid ${replica.supervisor.pid}; log ${replica.logFile})`);
    }
    print("  any replica takes transactions; `superchain sequencer status` shows which one leads each chain");
  }
  print();
  print(`Manifest  ${paths.manifestFile}`);
  print(`Logs      ${paths.logDir}`);
  try {
    const manifest = await loadManifest({ path: paths.manifestFile });
    print();
    print(`Council Safe  ${manifest.council.safe} (threshold ${manifest.council.threshold} of ${manifest.council.owners.length})`);
    for (const owner of manifest.council.owners) print(`  owner  ${owner}`);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    print(`  (manifest unreadable: ${error.shortMessage})`);
  }
  print();
  print(`Dev accounts: the public Hardhat/EDR test mnemonic "${DEV_MNEMONIC}".`);
  print("These keys are published; never use them on a real network.");
  const accounts: [string, number][] = [
    ["deployer", DEV_ROLES.deployer],
    ...DEV_ROLES.councilOwners.map((index, i): [string, number] => [`council owner ${i + 1}`, index]),
    ...DEV_ROLES.delegates.map((index, i): [string, number] => [`delegate ${i + 1}`, index]),
    ...DEVNET_SPOKE_DELEGATES.flatMap((plan, m) =>
      plan.map(({ index, tokens }): [string, number] => [`spoke delegate on ${state.nodes[m + 1]?.name ?? "member"} (${Number(tokens) / 1e6}M)`, index]),
    ),
  ];
  for (const line of columns(accounts.map(([role, index]) => [role, devAccount(index).address, hdPrivateKey(index)]))) print(line);
}

async function latestBlock(rpcUrl: string): Promise<{ number: bigint; timestamp: bigint } | undefined> {
  try {
    const client = createPublicClient({ transport: http(rpcUrl, { retryCount: 0, timeout: 3_000 }) });
    const block = await client.getBlock({ blockTag: "latest" });
    return { number: block.number, timestamp: block.timestamp };
  } catch {
    return undefined;
  }
}

const isoSeconds = (seconds: bigint): string => new Date(Number(seconds) * 1000).toISOString().replace(".000Z", "Z");

/** Left-aligned columns, two spaces apart, indented by two. */
function columns(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ")}`.trimEnd());
}
