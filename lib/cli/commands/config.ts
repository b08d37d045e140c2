/**
 * `superchain config …`: the operator's view of the governed sequencer configuration. Thin: every
 * read and judgement is a call into lib/operator; this file only chooses what to print.
 *
 *   superchain config show base-local
 *   superchain config diff                 # exit 1 when the running sequencer drifts
 *   superchain config verify --last 20     # exit 0 only when every check passes
 *   superchain config export --format toml --out superchain/configs/devnet   # one file per member chain
 *   superchain config export zora-local > zora-local.toml
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";

import { createPublicClient, http, type PublicClient } from "viem";
import { z } from "zod";

import { loadManifest, viemChain, type ChainEntry, type Manifest } from "../../chains/index.ts";
import { formatUtc } from "../../governance/codec/describe.ts";
import { PARAMETER_LABELS, PARAMETER_NAMES } from "../../governance/parameters.ts";
import {
  ConfigDriftError,
  ConfigVerificationError,
  diffConfigs,
  readGovernedConfigs,
  readRegistryChains,
  registryChainToml,
  readRunningConfigs,
  releaseText,
  resolveMemberChain,
  sequencerOrigins,
  verifyCommitments,
  verifyRelease,
  OperatorError,
  type ChainConfigDiff,
  type RunningChainConfig,
  type ReleaseVerdict,
  type ValueDiff,
} from "../../operator/index.ts";
import { commandUsage, defineCommand, integerOption } from "../command.ts";
import { CliUsageError, OutputNotWritableError } from "../errors.ts";

const chainArgument = z.string().min(1).optional().meta({ description: "A member chain, by id (901) or name (base-local); default every member" });

function hubClient(manifest: Manifest): PublicClient {
  return createPublicClient({ chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl, { retryCount: 0, timeout: 5_000 }) });
}

function selectedMembers(manifest: Manifest, chain: string | undefined): readonly ChainEntry[] {
  return chain === undefined ? manifest.members : [resolveMemberChain(manifest, chain)];
}

function columns(rows: readonly (readonly [string, string])[], indent = "  "): string[] {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`.trimEnd());
}

export const configShowCommand = defineCommand({
  name: "config show",
  summary: "Show the governed sequencer configuration of one member chain or all",
  options: z.strictObject({ chain: chainArgument }),
  positionals: ["chain"],
  run: async ({ chain }, { paths, print }) => {
    const manifest = await loadManifest({ path: paths.manifestFile });
    const members = selectedMembers(manifest, chain);
    const configs = await readGovernedConfigs(hubClient(manifest), {
      registry: manifest.contracts.sequencerConfig,
      chainIds: members.map((m) => m.chainId),
    });
    configs.forEach((config, i) => {
      const member = members[i];
      if (i > 0) print();
      print(`${member?.name ?? "chain"} (chain ${config.chainId}) — governed configuration`);
      for (const line of columns([
        ["version", config.version.toString()],
        ["activated", formatUtc(config.activatedAt)],
        ["paused", config.paused ? "yes — no blocks, no new transactions" : "no"],
        ...PARAMETER_NAMES.map((name): [string, string] => [PARAMETER_LABELS[name].label, PARAMETER_LABELS[name].format(config.parameters[name])]),
      ])) {
        print(line);
      }
    });
  },
});

function describeValue(name: string, diff: ValueDiff<bigint | number | boolean>, format: (v: never) => string): string {
  if (diff.equal) return "";
  return `${name}: governed ${format(diff.governed as never)}, running ${format(diff.running as never)}`;
}

function diffLines(diff: ChainConfigDiff, name: string): string[] {
  const head = `${name} (chain ${diff.chainId})`;
  if (diff.kind === "missingRunning") {
    return [diff.reason === "notServed" ? `${head}: governed, but the sequencer does not serve it` : `${head}: the sequencer has not loaded a configuration yet`];
  }
  if (diff.kind === "missingGoverned") return [`${head}: served by the sequencer, but not a member chain of the manifest`];
  if (diff.identical) return [];
  const show = (v: bigint | number | boolean) => String(v);
  const lines = [
    describeValue("version", diff.version, show),
    describeValue("activated", diff.activatedAt, (v: bigint) => formatUtc(v)),
    describeValue("paused", diff.paused, (v: boolean) => (v ? "yes" : "no")),
    ...PARAMETER_NAMES.map((p) => describeValue(PARAMETER_LABELS[p].label, diff.parameters[p], (v: bigint | number) => PARAMETER_LABELS[p].format(v))),
  ].filter((line) => line !== "");
  return [`${head}:`, ...lines.map((line) => `  ${line}`)];
}

async function runningChains(manifest: Manifest): Promise<{ chains: RunningChainConfig[]; release: { version: string; digest: `0x${string}` }; url: string }> {
  const [origin, ...others] = sequencerOrigins(manifest.members);
  if (origin === undefined) throw new OperatorError("the manifest names no sequencer URL for any member chain", { details: "Add members[].sequencerRpcUrl to the manifest." });
  const reports = await Promise.all([origin, ...others].map((url) => readRunningConfigs(url)));
  const [first] = reports;
  return { chains: reports.flatMap((r) => r.chains), release: first?.release ?? { version: "", digest: "0x" }, url: origin };
}

export const configDiffCommand = defineCommand({
  name: "config diff",
  summary: "Compare the running sequencer's configuration with the governed one (exit 1 on any difference)",
  options: z.strictObject({}),
  run: async (_input, { paths, print }) => {
    const manifest = await loadManifest({ path: paths.manifestFile });
    const [governed, running] = await Promise.all([
      readGovernedConfigs(hubClient(manifest), { registry: manifest.contracts.sequencerConfig, chainIds: manifest.members.map((m) => m.chainId) }),
      runningChains(manifest),
    ]);
    const diff = diffConfigs(governed, running.chains);
    if (diff.identical) {
      const versions = governed.map((g) => `${manifest.members.find((m) => m.chainId === g.chainId)?.name ?? g.chainId} v${g.version}`).join(", ");
      print(`running configuration matches governance (${versions})`);
      return;
    }
    const names = new Map([...manifest.members.map((m) => [m.chainId, m.name] as const), ...running.chains.map((c) => [c.chainId, c.name] as const)]);
    for (const chain of diff.chains) for (const line of diffLines(chain, names.get(chain.chainId) ?? "chain")) print(line);
    throw new ConfigDriftError({ differences: diff.differences });
  },
});

function releaseLine(verdict: ReleaseVerdict, running: { version: string; digest: string }): string {
  switch (verdict.kind) {
    case "approved":
      return `✓ release: running ${running.version} (${running.digest.slice(0, 10)}…) is an approved ${verdict.release.kind === 1 ? "required" : "recommended"} release`;
    case "noneApproved":
      return `✓ release: governance has approved no release yet${verdict.pending > 0 ? ` (${verdict.pending} scheduled, not yet in force)` : ""}; running ${running.version} is unconstrained`;
    case "requiredNewer":
      return `✗ release: governance requires ${releaseText(verdict.required)}; running ${running.version}`;
    case "digestMismatch":
      return `✗ release: ${running.version} was approved with digest ${verdict.approved.digest}; running build is ${running.digest}`;
    case "notApproved":
      return `✗ release: running ${running.version} is not an approved release${verdict.newest ? ` (newest approved: ${releaseText(verdict.newest)})` : ""}`;
  }
}

export const configVerifyCommand = defineCommand({
  name: "config verify",
  summary: "Check from the hub that recent commitments name the governed config version and the running release is approved",
  options: z.strictObject({
    last: integerOption(1, 1000).default(10).meta({ description: "How many recent commitments to check per chain; default 10", placeholder: "n" }),
  }),
  run: async ({ last }, { paths, print }) => {
    const manifest = await loadManifest({ path: paths.manifestFile });
    const hub = hubClient(manifest);
    const registry = manifest.contracts.sequencerConfig;
    const outputOracle = manifest.contracts.outputOracle;
    const results: boolean[] = [];
    const check = (ok: boolean, line: string) => {
      results.push(ok);
      print(line);
    };

    for (const member of manifest.members) {
      const head = `commitments of ${member.name} (chain ${member.chainId})`;
      if (outputOracle === undefined) {
        check(false, `✗ ${head}: OutputOracle not deployed (the manifest has no contracts.outputOracle), so nothing proves which config the chain ran`);
        continue;
      }
      const result = await verifyCommitments(hub, { outputOracle, registry, chainId: member.chainId, last });
      if (result.verdicts.length === 0) {
        check(false, `✗ ${head}: no outputs posted yet`);
        continue;
      }
      const bad = result.verdicts.filter((v) => !v.ok);
      check(
        bad.length === 0,
        `${bad.length === 0 ? "✓" : "✗"} ${head}: ${result.verdicts.length - bad.length} of the last ${result.verdicts.length} (of ${result.outputCount}) name the version in force`,
      );
      for (const v of result.verdicts) {
        print(
          `    ${v.ok ? "✓" : "✗"} block ${v.blockNumber} at ${formatUtc(v.blockTimestamp)}: committed v${v.configVersion}` +
            (v.ok ? "" : `, but v${v.governedVersion} was in force`),
        );
      }
    }

    let running: { version: string; digest: `0x${string}` } | undefined;
    try {
      running = (await runningChains(manifest)).release;
    } catch (error) {
      if (!(error instanceof OperatorError)) throw error;
      check(false, `✗ release: cannot tell which release runs — ${error.shortMessage}`);
    }
    if (running !== undefined) {
      const verdict = await verifyRelease(hub, { registry, running });
      check(verdict.ok, releaseLine(verdict, running));
    }

    const failed = results.filter((ok) => !ok).length;
    if (failed > 0) throw new ConfigVerificationError({ failed, total: results.length });
    print(`all ${results.length} checks passed`);
  },
});

export const configExportCommand = defineCommand({
  name: "config export",
  summary: "Write each member chain's governed configuration as a superchain-registry TOML file",
  options: z.strictObject({
    format: z
      .enum(["toml"], { error: 'must be "toml" (the only export format)' })
      .default("toml")
      .meta({ description: "Output format: toml (the only one)", placeholder: "format" }),
    out: z
      .string()
      .min(1, { error: "must name a directory" })
      .optional()
      .meta({ description: "Write <dir>/<chain name>.toml per member chain (created if absent); without it, one chain prints to stdout", placeholder: "dir" }),
    chain: chainArgument,
  }),
  positionals: ["chain"],
  run: async ({ chain, out }, { paths, print }) => {
    const manifest = await loadManifest({ path: paths.manifestFile });
    const members = selectedMembers(manifest, chain);
    if (out === undefined && members.length > 1) {
      throw new CliUsageError(`${members.length} member chains make ${members.length} files: give --out <dir>, or name one chain to print it`, {
        usage: commandUsage(configExportCommand),
      });
    }
    const { files, hubBlock } = await readRegistryChains(hubClient(manifest), { manifest, members });
    const texts = files.map((file) => ({ name: file.name, text: registryChainToml(file, { network: manifest.network, hubBlock }) }));
    if (out === undefined) {
      for (const { text } of texts) print(text.replace(/\n$/, ""));
      return;
    }
    const dir = resolve(out);
    await mkdir(dir, { recursive: true }).catch((cause: unknown) => {
      throw new OutputNotWritableError({ path: dir, cause });
    });
    for (const { name, text } of texts) {
      const file = join(dir, `${name}.toml`);
      await writeFile(file, text).catch((cause: unknown) => {
        throw new OutputNotWritableError({ path: file, cause });
      });
      print(`wrote ${file}`);
    }
  },
});

export const configCommands = [configShowCommand, configDiffCommand, configVerifyCommand, configExportCommand];
