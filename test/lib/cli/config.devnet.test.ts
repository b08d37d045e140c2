/**
 * `superchain config export` against a devnet (with the sequencer, so the manifest names each
 * chain's sequencer URL): one superchain-registry layout file per member chain, read back with
 * smol-toml, and compared key by key with a real registry file (test/fixtures/superchain-registry).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";

import { parse, TomlDate, type TomlTable, type TomlValue } from "smol-toml";
import { createPublicClient, http } from "viem";

import { loadManifest, viemChain, type Manifest } from "../../../lib/chains/index.ts";
import { devnetDown, devnetUp, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { readRegistryChains } from "../../../lib/operator/index.ts";

const BIN = resolve(import.meta.dirname, "../../../bin/superchain");
const FIXTURE = resolve(import.meta.dirname, "../../fixtures/superchain-registry/zora.toml");

/**
 * Every key of the registry's zora.toml that our file does not have with the same TOML type and
 * meaning, and why (docs/superchain-registry.md, "Differences", says the same). A table listed here
 * stands for everything under it.
 */
const REGISTRY_DIFFERENCES: Record<string, { kind: "absent" | "value"; why: string }> = {
  explorer: { kind: "absent", why: "member chains have no block explorer; the manifest names none" },
  batch_inbox_addr: { kind: "absent", why: "no batches: member chains post no transaction data to the hub" },
  seq_window_size: { kind: "absent", why: "no derivation from the hub: a member chain's blocks are built on its own node, not derived from hub batches" },
  max_sequencer_drift: { kind: "absent", why: "no L1 origin to drift from (same reason)" },
  block_time: { kind: "value", why: "whole seconds, rounded to nearest and at least 1, of the governed block time in ms, which can be sub-second; the exact value is governed_sequencer.block_time_ms" },
  data_availability_type: { kind: "value", why: '"none": neither eth-da nor alt-da, the chains publish no transaction data to the hub (only output commitments)' },
  superchain_level: { kind: "value", why: "always 0 (frontier): not an OP Stack standard chain" },
  governed_by_optimism: { kind: "value", why: "always false: governed by this superchain's governor and council" },
  superchain_time: { kind: "value", why: "when the chain (last) joined this superchain (MemberChainRegistry joinedAt), not an OP hardfork activation" },
  hardforks: { kind: "absent", why: "member chains follow no OP hardfork schedule; the sequencer's rules change by governed config versions instead" },
  optimism: { kind: "absent", why: "EIP-1559 parameters are the execution node's, not governed or verified by this project" },
  "genesis.l1": { kind: "absent", why: "no L1 origin: a member chain's genesis is not anchored to a hub block" },
  "genesis.system_config": { kind: "absent", why: "no SystemConfig contract; the governed equivalent is [governed_sequencer]" },
  "roles.ProxyAdminOwner": { kind: "absent", why: "no proxies: the contracts are not upgradeable" },
  "roles.UnsafeBlockSigner": { kind: "absent", why: "the shared sequencer builds blocks on each chain's node; it gossips no signed unsafe blocks" },
  "roles.BatchSubmitter": { kind: "absent", why: "no batches are submitted" },
  "addresses.AddressManager": { kind: "absent", why: "OP Stack bridge contract; not deployed here" },
  "addresses.L1CrossDomainMessengerProxy": { kind: "absent", why: "no messenger: cross-chain votes travel by storage proofs (SpokeVotePool, HubStateOracle)" },
  "addresses.L1ERC721BridgeProxy": { kind: "absent", why: "no NFT bridge" },
  "addresses.L1StandardBridgeProxy": { kind: "absent", why: "no token bridge; the governance token's escrow is SpokeVotePool" },
  "addresses.L2OutputOracleProxy": { kind: "absent", why: "our equivalent is addresses.OutputOracle (not a proxy)" },
  "addresses.OptimismMintableERC20FactoryProxy": { kind: "absent", why: "no token factory" },
  "addresses.OptimismPortalProxy": { kind: "absent", why: "no deposit portal" },
  "addresses.SystemConfigProxy": { kind: "absent", why: "our equivalent is addresses.SequencerConfigRegistry (not a proxy)" },
  "addresses.ProxyAdmin": { kind: "absent", why: "no proxies" },
};

/** Every key of ours the registry file does not have (a table listed here stands for everything under it). */
const OUR_ADDITIONS: Record<string, string> = {
  "addresses.SuperchainToken": "hub: the governance token (ERC20Votes)",
  "addresses.SuperchainGovernor": "hub: the governor",
  "addresses.SuperchainTimelock": "hub: the timelock (governance; roles.SystemConfigOwner)",
  "addresses.MemberChainRegistry": "hub: member chains and their operators",
  "addresses.SequencerConfigRegistry": "hub: the governed sequencer configuration (the registry's SystemConfigProxy)",
  "addresses.OutputOracle": "hub: output commitments (the registry's L2OutputOracleProxy)",
  "addresses.RootSettings": "hub: challenge windows and published member roles",
  "addresses.StateProofVerifier": "hub: verifies member-chain storage proofs",
  "addresses.SpokeVotePool": "hub: this chain's token escrow and tally relay",
  member_addresses: "contracts on the member chain itself: HubStateOracle, SpokeToken, SpokeVoteAggregator, StateProofVerifier",
  hub: "the chain whose contracts govern this one (superchain.toml's [l1] in the registry)",
  governed_sequencer: "the governed configuration in force, exact block_time_ms, and approved releases",
};

function tomlType(value: TomlValue | undefined): string {
  if (typeof value === "bigint" || typeof value === "number") return Number.isInteger(value) || typeof value === "bigint" ? "integer" : "float";
  if (value instanceof TomlDate || value instanceof Date) return "datetime";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object" && value !== null) return "table";
  return typeof value;
}

/** Every key path of a parsed document, tables included (`genesis`, `genesis.l2`, `genesis.l2.hash`). */
function keyPaths(table: TomlTable, prefix = ""): Map<string, TomlValue> {
  const paths = new Map<string, TomlValue>();
  for (const [key, value] of Object.entries(table)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    paths.set(path, value);
    if (tomlType(value) === "table") for (const [p, v] of keyPaths(value as TomlTable, path)) paths.set(p, v);
  }
  return paths;
}

const coveredBy = (path: string, listed: Iterable<string>): boolean => [...listed].some((entry) => path === entry || path.startsWith(`${entry}.`));

/** smol-toml's tables have a null prototype; plain objects compare strictly with the exported data. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

describe("superchain config export against a devnet", () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-config-"));
  const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "deployments", "devnet.json"), logDir: join(dir, "logs") };
  const out = join(dir, "superchain", "configs", "devnet");
  let manifest: Manifest;
  const cli = (args: string[]) => {
    const result = spawnSync(BIN, args, {
      encoding: "utf8",
      env: { ...process.env, SUPERCHAIN_MANIFEST: paths.manifestFile, SUPERCHAIN_DEVNET_DIR: dir },
      timeout: 60_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const readExported = (name: string) => parse(readFileSync(join(out, `${name}.toml`), "utf8"), { integersAsBigInt: true });

  before(async () => {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
    await devnetUp(paths, { ports });
    manifest = await loadManifest({ path: paths.manifestFile });
    const { code, stdout, stderr } = cli(["config", "export", "--format", "toml", "--out", out]);
    assert.equal(code, 0, stderr);
    assert.deepEqual(stdout.trim().split("\n"), [`wrote ${join(out, "base-local.toml")}`, `wrote ${join(out, "zora-local.toml")}`]);
  });
  after(async () => {
    await devnetDown(paths);
  });

  it("writes one file per member chain, named after it", () => {
    assert.deepEqual(readdirSync(out).sort(), ["base-local.toml", "zora-local.toml"]);
  });

  it("round-trips: each file parses with smol-toml to exactly what the hub and the chain say", async () => {
    const hub = createPublicClient({ chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
    const { files } = await readRegistryChains(hub, { manifest, members: manifest.members });
    for (const file of files) assert.deepEqual(plain(readExported(file.name)), file);
    const [base] = files;
    assert.equal(base?.chain_id, 901n);
    assert.equal(base?.roles.Proposer !== base?.roles.Guardian, true);
    assert.match(base?.genesis.l2.hash ?? "", /^0x[0-9a-f]{64}$/);
    assert.deepEqual(Object.keys(base?.member_addresses ?? {}), ["HubStateOracle", "SpokeToken", "SpokeVoteAggregator", "StateProofVerifier"]);
  });

  it("has every key of the registry's zora.toml with the same TOML type, except the documented differences", () => {
    const registry = keyPaths(parse(readFileSync(FIXTURE, "utf8"), { integersAsBigInt: true }));
    for (const name of ["base-local", "zora-local"]) {
      const ours = keyPaths(readExported(name));
      for (const [path, value] of registry) {
        const difference = REGISTRY_DIFFERENCES[path];
        if (coveredBy(path, Object.keys(REGISTRY_DIFFERENCES)) && difference?.kind !== "value") {
          assert.equal(ours.has(path), false, `${name}: ${path} is listed as absent, but the export has it`);
          continue;
        }
        assert.ok(ours.has(path), `${name}: the registry's ${path} is neither exported nor in REGISTRY_DIFFERENCES`);
        assert.equal(tomlType(ours.get(path)), tomlType(value), `${name}: ${path} is a ${tomlType(ours.get(path))}, the registry's a ${tomlType(value)}`);
      }
      for (const path of ours.keys()) {
        if (registry.has(path)) continue;
        assert.ok(coveredBy(path, Object.keys(OUR_ADDITIONS)), `${name}: ${path} is not in the registry and not in OUR_ADDITIONS`);
      }
      for (const path of Object.keys(OUR_ADDITIONS)) assert.ok(ours.has(path), `${name}: OUR_ADDITIONS lists ${path}, the export lacks it`);
    }
    // Every listed difference is one the registry file really has.
    for (const path of Object.keys(REGISTRY_DIFFERENCES)) assert.ok(registry.has(path), `REGISTRY_DIFFERENCES lists ${path}, the registry file lacks it`);
  });

  it("keeps block_time in whole seconds and the exact governed milliseconds under [governed_sequencer]", () => {
    const base = readExported("base-local") as { block_time: bigint; governed_sequencer: { block_time_ms: bigint } };
    assert.equal(base.block_time, (base.governed_sequencer.block_time_ms + 500n) / 1000n || 1n);
  });

  it("prints one named chain to stdout: the same data as its file", () => {
    const { code, stdout, stderr } = cli(["config", "export", "zora-local"]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /^# zora-local \(chain 902\), in the superchain-registry layout\./);
    assert.deepEqual(parse(stdout, { integersAsBigInt: true }), readExported("zora-local"));
  });

  it("refuses several chains without --out (exit 2), naming the way out", () => {
    const { code, stderr } = cli(["config", "export"]);
    assert.equal(code, 2);
    assert.match(stderr, /^error: 2 member chains make 2 files: give --out <dir>, or name one chain to print it$/m);
    assert.match(stderr, /--out <dir>/);
  });

  it("--format yaml is a usage error (exit 2)", () => {
    const { code, stdout, stderr } = cli(["config", "export", "--format", "yaml", "--out", out]);
    assert.equal(code, 2);
    assert.equal(stdout, "");
    assert.match(stderr, /^error: --format must be "toml" \(the only export format\), got "yaml"$/m);
  });

  it("an unwritable output directory fails clearly (exit 1) and names the path", () => {
    const file = join(dir, "not-a-directory");
    writeFileSync(file, "");
    const { code, stdout, stderr } = cli(["config", "export", "--out", join(file, "configs")]);
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.equal(stderr, `error: cannot write ${join(file, "configs")}: a part of the path is a file, not a directory\n`);
  });

  it("a chain id not in the manifest fails clearly (exit 1) and lists the member chains", () => {
    const { code, stdout, stderr } = cli(["config", "export", "999", "--out", out]);
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.match(stderr, /^error: chain "999" is not a member chain of the devnet deployment manifest$/m);
    assert.match(stderr, /Known member chains: 901 \(base-local\), 902 \(zora-local\)\./);
  });
});
