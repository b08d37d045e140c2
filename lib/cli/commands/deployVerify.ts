/**
 * `superchain deploy verify [name] [--manifest path] [--deployer address]`: proves the handover.
 * Reads every role, owner, admin, guardian, applier, operator and binding of the deployment from
 * its chains and compares them with the manifest (lib/deploy/verify); prints each checked power
 * and each deviation.
 *
 *   superchain deploy verify                 # $SUPERCHAIN_MANIFEST, else deployments/devnet.json
 *   superchain deploy verify testnet         # deployments/testnet.json
 *   superchain deploy verify --manifest ./mainnet.json --deployer 0x…
 *   superchain deploy verify sepolia --vote-sources pending   # before governance appointed the pools
 *
 * Exit codes: 0 when every power is where the manifest says; 1 on any deviation (or a chain that
 * does not answer); 2 for a usage error: an unknown name, an unreadable or invalid manifest, a
 * malformed option.
 */
import { isAbsolute, resolve } from "node:path";

import { getAddress, isAddress } from "viem";
import { z } from "zod";

import { loadManifest, ManifestError, resolveManifestPath, type Manifest } from "../../chains/index.ts";
import { verifyDeployment, type VerifyDeploymentReturnType } from "../../deploy/verify/index.ts";
import { commandUsage, defineCommand, type CommandDefinition } from "../command.ts";
import { CliUsageError } from "../errors.ts";
import { REPOSITORY_ROOT } from "../paths.ts";

const options = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be a deployment name in kebab-case (deployments/<name>.json)" })
    .optional()
    .meta({ description: "A deployment: deployments/<name>.json; default $SUPERCHAIN_MANIFEST, else devnet" }),
  manifest: z.string().min(1, { error: "must name a file" }).optional().meta({ description: "A manifest file instead of a name", placeholder: "path" }),
  deployer: z
    .string()
    .refine((text) => isAddress(text, { strict: false }), { error: "must be a 20-byte 0x-prefixed hex address" })
    .transform((text) => getAddress(text))
    .optional()
    .meta({ description: "The deploying account, which must hold nothing; default the manifest's deployer", placeholder: "address" }),
  voteSources: z
    .enum(["appointed", "pending"], { error: 'must be "appointed" or "pending"' })
    .default("appointed")
    .meta({ description: "pending: governance has not yet appointed the member pools as vote sources (right after a deployment); default appointed", placeholder: "appointed|pending" }),
});

/** Which manifest file the input names. */
function manifestPath({ name, manifest }: z.output<typeof options>, fallback: string, cwd: string): string {
  if (manifest !== undefined) return isAbsolute(manifest) ? manifest : resolve(cwd, manifest);
  if (name !== undefined) return resolveManifestPath({ network: name, env: {}, cwd: REPOSITORY_ROOT });
  return fallback;
}

/** The manifest, or a usage error saying why it cannot be used (exit 2). */
async function readManifest(path: string, name: string | undefined): Promise<Manifest> {
  try {
    return await loadManifest({ path });
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    const what = name === undefined ? `cannot use the manifest ${path}` : `unknown deployment "${name}": cannot use ${path}`;
    throw new CliUsageError(`${what}: ${error.shortMessage}`, { usage: commandUsage(deployVerifyCommand), ...(error.details === undefined ? {} : { details: error.details }) });
  }
}

function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ").trimEnd());
}

/** The report as lines: the table of checked powers, the code check, then every deviation. */
export function reportLines(report: VerifyDeploymentReturnType, { network, path, elapsedMs }: { network: string; path: string; elapsedMs: number }): string[] {
  const blocks = Object.entries(report.blocks).map(([chainId, block]) => `chain ${chainId} at block ${block}`).join(", ");
  const rows = report.checks.map((check) => [check.deviations.length === 0 ? "✓" : "✗", check.power.chain.name, check.power.contract, check.power.power, check.foundText]);
  const noCode = report.deviations.filter((d) => d.power === "code").length;
  return [
    `${network} (${path}): ${blocks}`,
    report.deployer === undefined ? "deployer: unknown (the manifest records none; pass --deployer to check it holds nothing)" : `deployer: ${report.deployer}`,
    "",
    ...columns([["", "chain", "contract", "power", "held by"], ...rows]),
    "",
    `${noCode === 0 ? "✓" : "✗"} code: ${report.code.length - noCode} of ${report.code.length} manifest addresses hold code`,
    ...(report.deviations.length === 0
      ? [`✓ ${report.checks.length} powers checked in ${elapsedMs} ms: no externally owned account holds any power but the registered operators`]
      : ["", `✗ ${report.deviations.length} deviation${report.deviations.length === 1 ? "" : "s"}:`, ...report.deviations.map((d) => `  ${d.message}`)]),
  ];
}

export const deployVerifyCommand: CommandDefinition = defineCommand({
  name: "deploy verify",
  summary: "Check on chain that every role, owner and admin is where the manifest says (exit 1 on any deviation)",
  options,
  positionals: ["name"],
  run: async (input, { paths, print }) => {
    if (input.name !== undefined && input.manifest !== undefined) {
      throw new CliUsageError("give a deployment name or --manifest, not both", { usage: commandUsage(deployVerifyCommand) });
    }
    const path = manifestPath(input, paths.manifestFile, process.cwd());
    const manifest = await readManifest(path, input.name);
    const started = performance.now();
    const report = await verifyDeployment({ manifest, deployer: input.deployer, voteSources: input.voteSources });
    for (const line of reportLines(report, { network: manifest.network, path, elapsedMs: Math.round(performance.now() - started) })) print(line);
    return report.deviations.length === 0 ? 0 : 1;
  },
});
