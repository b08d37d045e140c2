import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { parse } from "smol-toml";

import { manifestSchema, type ManifestInput } from "../../../lib/chains/index.ts";
import { OperatorError, registryBlockTime, registryChainFile, registryChainToml, type GovernedConfig, type RegistryChainFileParameters } from "../../../lib/operator/index.ts";
import { buildManifest, lowercaseAddress } from "../../helpers/manifest.ts";
import { DEFAULT_PARAMETERS } from "../../helpers/parameters.ts";

const A = (n: number) => `0x${n.toString(16).padStart(40, "0")}` as const;
const DIGEST = `0x${"ab".repeat(32)}` as const;
const GENESIS_HASH = `0x${"12".repeat(32)}` as const;

function withCrosschain(input: ManifestInput): ManifestInput {
  const [base, zora] = input.members;
  if (base === undefined || zora === undefined) throw new Error("buildManifest has two members");
  return {
    ...input,
    members: [
      { ...base, hubStateOracle: lowercaseAddress(0xd0), spoke: { pool: lowercaseAddress(0xd1), token: lowercaseAddress(0xd2), aggregator: lowercaseAddress(0xd3), verifier: lowercaseAddress(0xd4) } },
      zora,
    ],
    contracts: { ...input.contracts, outputOracle: lowercaseAddress(0xa6), rootSettings: lowercaseAddress(0xa7), stateProofVerifier: lowercaseAddress(0xa8) },
  };
}

const manifest = manifestSchema.parse(withCrosschain(buildManifest()));
const [base, zora] = manifest.members;

const governed = (overrides: Partial<GovernedConfig> = {}): GovernedConfig => ({
  chainId: 901,
  version: 4n,
  activatedAt: 1_795_691_886n,
  parameters: { ...DEFAULT_PARAMETERS, blockTimeMs: 2000, maxBlockGas: 30_000_000n, orderingPolicy: 1, minPriorityFeeWei: 1_000_000_000n },
  paused: false,
  ...overrides,
});

const input = (overrides: Partial<RegistryChainFileParameters> = {}): RegistryChainFileParameters => ({
  manifest,
  member: base!,
  governed: governed(),
  roles: { governance: A(0xa2), council: A(0xb0), operator: A(0xe1) },
  joinedAt: 1_767_225_600n,
  releases: [
    { major: 0, minor: 1, patch: 0, kind: 0, digest: DIGEST, activatesAt: 1_767_300_000n },
    { major: 0, minor: 2, patch: 1, kind: 1, digest: DIGEST, activatesAt: 1_767_400_000n },
  ],
  genesis: { hash: GENESIS_HASH, timestamp: 1_767_225_000n },
  ...overrides,
});

/** smol-toml's tables have a null prototype; the same values as plain objects, to compare strictly (1n stays unequal to 1). */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

const source = { network: "devnet", hubBlock: { number: 42n, timestamp: 1_767_500_000n } };

describe("registryChainToml", () => {
  it("writes the registry layout: top-level keys, then [genesis], [roles], [addresses], [member_addresses], [hub], [governed_sequencer]", () => {
    const text = registryChainToml(registryChainFile(input()), source);
    assert.equal(
      text,
      `# base-local (chain 901), in the superchain-registry layout.
# Exported by \`superchain config export\` from the devnet hub (chain 900) at block 42 (2026-01-04T04:13:20Z).
# Keys the registry has and this file lacks, and our own tables: docs/superchain-registry.md.

name = "base-local"
chain_id = 901
public_rpc = "http://127.0.0.1:7545/901"
sequencer_rpc = "http://127.0.0.1:7545/901"
superchain_level = 0
governed_by_optimism = false
superchain_time = 1767225600
data_availability_type = "none"
block_time = 2

[genesis]
l2_time = 1767225000

[genesis.l2]
hash = "${GENESIS_HASH}"
number = 0

[roles]
SystemConfigOwner = "${A(0xa2)}"
Guardian = "${A(0xb0)}"
Challenger = "${A(0xb0)}"
Proposer = "${A(0xe1)}"

[addresses]
SuperchainToken = "${manifest.contracts.token}"
SuperchainGovernor = "${manifest.contracts.governor}"
SuperchainTimelock = "${manifest.contracts.timelock}"
MemberChainRegistry = "${manifest.contracts.memberChains}"
SequencerConfigRegistry = "${manifest.contracts.sequencerConfig}"
OutputOracle = "${manifest.contracts.outputOracle}"
RootSettings = "${manifest.contracts.rootSettings}"
StateProofVerifier = "${manifest.contracts.stateProofVerifier}"
SpokeVotePool = "${base!.spoke!.pool}"

[member_addresses]
HubStateOracle = "${base!.hubStateOracle}"
SpokeToken = "${base!.spoke!.token}"
SpokeVoteAggregator = "${base!.spoke!.aggregator}"
StateProofVerifier = "${base!.spoke!.verifier}"

[hub]
name = "hub"
chain_id = 900
public_rpc = "http://127.0.0.1:8545"

[governed_sequencer]
config_version = 4
activation_time = 1795691886
paused = false
block_time_ms = 2000
max_tx_per_block = ${DEFAULT_PARAMETERS.maxTxPerBlock}
max_block_gas = 30000000
ordering_policy = "priority_fee"
min_priority_fee_wei = 1000000000
max_tx_bytes = ${DEFAULT_PARAMETERS.maxTxBytes}
max_pending_per_sender = ${DEFAULT_PARAMETERS.maxPendingPerSender}
commitment_interval = ${DEFAULT_PARAMETERS.commitmentInterval}

[[governed_sequencer.releases]]
version = "0.1.0"
kind = "recommended"
digest = "${DIGEST}"
activation_time = 1767300000

[[governed_sequencer.releases]]
version = "0.2.1"
kind = "required"
digest = "${DIGEST}"
activation_time = 1767400000
`,
    );
  });

  it("round-trips: smol-toml reads back exactly the data written", () => {
    for (const file of [
      registryChainFile(input()),
      registryChainFile(input({ member: zora!, governed: governed({ chainId: 902, paused: true, parameters: { ...DEFAULT_PARAMETERS, blockTimeMs: 250 } }), releases: [] })),
    ]) {
      assert.deepEqual(plain(parse(registryChainToml(file, source), { integersAsBigInt: true })), file);
    }
  });

  it("leaves out what the manifest does not have: no sequencer_rpc, no Challenger without an OutputOracle, no spoke contracts", () => {
    const bare = manifestSchema.parse(buildManifest());
    const file = registryChainFile(input({ manifest: bare, member: bare.members[1]!, releases: [] }));
    assert.equal("sequencer_rpc" in file, false);
    assert.equal(file.public_rpc, "http://127.0.0.1:10545");
    assert.deepEqual(Object.keys(file.roles), ["SystemConfigOwner", "Guardian", "Proposer"]);
    assert.deepEqual(Object.keys(file.addresses), ["SuperchainToken", "SuperchainGovernor", "SuperchainTimelock", "MemberChainRegistry", "SequencerConfigRegistry"]);
    const text = registryChainToml(file, source);
    assert.doesNotMatch(text, /sequencer_rpc|Challenger|undefined/);
    assert.match(text, /^\[member_addresses\]$/m); // an empty table, still there to say so
    assert.match(text, /^releases = \[\]$/m);
  });

  it("refuses a value a 64-bit TOML integer cannot hold instead of writing invalid TOML", () => {
    assert.throws(() => registryChainFile(input({ genesis: { hash: GENESIS_HASH, timestamp: 2n ** 63n } })), (e: unknown) => e instanceof OperatorError && /genesis\.l2_time/.test(e.shortMessage));
  });
});

describe("registryBlockTime", () => {
  it("rounds the governed milliseconds to whole seconds, halves up, never below 1", () => {
    const cases: [number, bigint][] = [
      [250, 1n], // the governed minimum: sub-second, still 1 (the registry refuses 0)
      [499, 1n],
      [1000, 1n],
      [1499, 1n],
      [1500, 2n],
      [2000, 2n],
      [2500, 3n],
      [60_000, 60n], // the governed maximum
    ];
    for (const [ms, seconds] of cases) assert.equal(registryBlockTime(ms), seconds, `${ms} ms`);
  });
});
