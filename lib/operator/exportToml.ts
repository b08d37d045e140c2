import type { Manifest } from "../chains/index.ts";
import { OrderingPolicy, PARAMETER_NAMES, type ParameterName } from "../governance/parameters.ts";
import type { GovernedConfig } from "./types.ts";

const MAX_TOML_INTEGER = 2n ** 63n - 1n;

/** A TOML basic string: quoted, with `"`, `\` and every control character escaped. */
export function tomlString(value: string): string {
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"') out += '\\"';
    else if (char === "\\") out += "\\\\";
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (char === "\b") out += "\\b";
    else if (char === "\f") out += "\\f";
    else if (code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).toUpperCase().padStart(4, "0")}`;
    else out += char;
  }
  return `${out}"`;
}

/** A TOML integer (bare) when it fits a signed 64-bit integer, else a quoted decimal string. */
export function tomlInteger(value: bigint | number): string {
  const big = BigInt(value);
  return big <= MAX_TOML_INTEGER && big >= -MAX_TOML_INTEGER - 1n ? big.toString() : tomlString(big.toString());
}

/** A TOML offset date-time (RFC 3339, UTC, whole seconds), bare. */
export function tomlDateTime(unixSeconds: bigint): string {
  return new Date(Number(unixSeconds) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const snakeCase = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function parameterValue(name: ParameterName, value: bigint | number): string {
  if (name === "orderingPolicy") return tomlString(Number(value) === OrderingPolicy.PriorityFee ? "priority_fee" : "fifo");
  return tomlInteger(value);
}

/** `key = value` lines, keys padded so the values line up. */
function keyValues(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(0, ...rows.map(([key]) => key.length));
  return rows.map(([key, value]) => `${key.padEnd(width)} = ${value}`);
}

/**
 * The governed configuration as superchain-registry style TOML, pure: the network and hub,
 * the hub contracts under `[addresses]`, then one `[[chains]]` table per chain in `governed`
 * (`name`, `chain_id`, `config_version`, `activated_at` as an RFC 3339 date-time, `paused`) with
 * its `[chains.sequencer]` parameters in snake_case. Integers are bare up to 2^63−1, quoted beyond.
 *
 * @example
 * process.stdout.write(exportToml(manifest, await readGovernedConfigs(hub, { registry, chainIds: [901] })))
 */
export function exportToml(manifest: Manifest, governed: readonly GovernedConfig[]): string {
  const { contracts } = manifest;
  const addresses: [string, string][] = [
    ["sequencer_config_registry", contracts.sequencerConfig],
    ["member_chain_registry", contracts.memberChains],
    ["governor", contracts.governor],
    ["timelock", contracts.timelock],
    ["token", contracts.token],
    ...(contracts.outputOracle === undefined ? [] : [["output_oracle", contracts.outputOracle] as [string, string]]),
    ["security_council_safe", manifest.council.safe],
  ];
  const lines = [
    "# Governed sequencer configuration, read from the hub's SequencerConfigRegistry.",
    "",
    ...keyValues([
      ["network", tomlString(manifest.network)],
      ["hub_chain_id", tomlInteger(manifest.hub.chainId)],
    ]),
    "",
    "[addresses]",
    ...keyValues(addresses.map(([key, address]) => [key, tomlString(address)])),
  ];
  for (const config of governed) {
    const member = manifest.members.find((m) => m.chainId === config.chainId);
    lines.push(
      "",
      "[[chains]]",
      ...keyValues([
        ["name", tomlString(member?.name ?? `chain-${config.chainId}`)],
        ["chain_id", tomlInteger(config.chainId)],
        ["config_version", tomlInteger(config.version)],
        ["activated_at", tomlDateTime(config.activatedAt)],
        ["paused", config.paused ? "true" : "false"],
      ]),
      "",
      "[chains.sequencer]",
      ...keyValues(PARAMETER_NAMES.map((name) => [snakeCase(name), parameterValue(name, config.parameters[name])])),
    );
  }
  return `${lines.join("\n")}\n`;
}
