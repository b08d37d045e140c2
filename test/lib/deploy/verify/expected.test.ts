/** The expected powers and code of a deployment, derived from its manifest alone. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { getAddress, zeroAddress } from "viem";

import { parseManifest, type Manifest } from "../../../../lib/chains/index.ts";
import { expectedCode, expectedPowers, roleName, TIMELOCK_ROLES, type ExpectedPower } from "../../../../lib/deploy/verify/index.ts";
import { buildManifest, lowercaseAddress } from "../../../helpers/manifest.ts";

/** The helper's manifest with cross-chain voting on base-local (spoke contracts, oracle, RootSettings). */
function votingManifest(): Manifest {
  const json = buildManifest();
  json.contracts = { ...json.contracts, outputOracle: lowercaseAddress(0xa6), rootSettings: lowercaseAddress(0xa7), stateProofVerifier: lowercaseAddress(0xa8) };
  json.members[0] = {
    ...json.members[0]!,
    hubStateOracle: lowercaseAddress(0xd0),
    spoke: { pool: lowercaseAddress(0xd1), token: lowercaseAddress(0xd2), aggregator: lowercaseAddress(0xd3), verifier: lowercaseAddress(0xd4) },
  };
  json.deployBlocks = { ...json.deployBlocks, SuperchainTimelock: "7" };
  return parseManifest(json, "test");
}

const find = (powers: readonly ExpectedPower[], contract: string, power: string, chainId = 900) => {
  const found = powers.find((p) => p.contract === contract && p.power === power && p.chain.chainId === chainId);
  assert.ok(found, `${contract} ${power} on ${chainId}`);
  return found;
};
const holders = (power: ExpectedPower) => (power.expected.kind === "holders" ? power.expected.holders.map((h) => h.address) : power.expected);

describe("expectedPowers", () => {
  const manifest = votingManifest();
  const deployer = getAddress(lowercaseAddress(0xee));
  const powers = expectedPowers(manifest, { deployer });
  const { contracts, council } = manifest;

  it("gives the timelock's roles to itself, the governor and anyone, read from its logs since its deploy block", () => {
    assert.deepEqual(holders(find(powers, "SuperchainTimelock", "DEFAULT_ADMIN_ROLE")), [contracts.timelock]);
    assert.deepEqual(holders(find(powers, "SuperchainTimelock", "PROPOSER_ROLE")), [contracts.governor]);
    assert.deepEqual(holders(find(powers, "SuperchainTimelock", "CANCELLER_ROLE")), [contracts.governor]);
    assert.deepEqual(holders(find(powers, "SuperchainTimelock", "EXECUTOR_ROLE")), [zeroAddress]);
    assert.deepEqual(find(powers, "SuperchainTimelock", "PROPOSER_ROLE").read, { kind: "roleMembers", role: TIMELOCK_ROLES.PROPOSER_ROLE, fromBlock: 7n });
  });

  it("gives governance to the timelock and the council's powers to the council Safe", () => {
    for (const [contract, power] of [["SequencerConfigRegistry", "governance"], ["RootSettings", "governance"], ["SuperchainGovernor", "timelock"]] as const) {
      assert.deepEqual(holders(find(powers, contract, power)), [contracts.timelock]);
    }
    for (const [contract, power] of [["SequencerConfigRegistry", "council"], ["RootSettings", "council"], ["SuperchainGovernor", "proposalGuardian"]] as const) {
      assert.deepEqual(holders(find(powers, contract, power)), [council.safe]);
    }
    assert.deepEqual(holders(find(powers, "HubStateOracle", "roles.council", 901)), [council.safe]);
    assert.deepEqual(holders(find(powers, "MemberChainRegistry", "changeApplier")), [contracts.sequencerConfig]);
  });

  it("wants each chain's operator registered on the hub and the same one in its HubStateOracle", () => {
    assert.deepEqual(find(powers, "MemberChainRegistry", "operatorOf(901)").expected, { kind: "operatorKey", deployer });
    assert.deepEqual(find(powers, "HubStateOracle", "roles.operator", 901).expected, { kind: "registeredOperator", chainId: 901 });
  });

  it("checks the council Safe on every chain, and the deployer explicitly", () => {
    for (const chainId of [900, 901, 902]) {
      assert.deepEqual(holders(find(powers, "Safe", "owners", chainId)), council.owners);
      assert.deepEqual(find(powers, "Safe", "threshold", chainId).expected, { kind: "value", value: "2" });
      assert.deepEqual(holders(find(powers, "Safe", "modules", chainId)), []);
      assert.deepEqual(holders(find(powers, "Safe", "guard", chainId)), []);
      assert.deepEqual(find(powers, "Safe", "owner seat of the deployer", chainId).read, { kind: "safeIsOwner", account: deployer });
    }
    for (const name of Object.keys(TIMELOCK_ROLES)) assert.deepEqual(find(powers, "SuperchainTimelock", `${name} of the deployer`).expected, { kind: "value", value: "false" });
  });

  it("asks nothing about an unknown deployer, and nothing about spoke contracts a member does not have", () => {
    const without = expectedPowers(manifest);
    assert.equal(without.filter((p) => p.power.endsWith("of the deployer")).length, 0);
    assert.equal(without.filter((p) => p.chain.chainId === 902 && p.contract !== "Safe").length, 0);
  });

  it("names roles by their OpenZeppelin names, others by id", () => {
    assert.equal(roleName(TIMELOCK_ROLES.CANCELLER_ROLE), "CANCELLER_ROLE");
    assert.equal(roleName(`0x${"ab".repeat(32)}`), `0x${"ab".repeat(32)}`);
  });
});

describe("expectedCode", () => {
  it("lists every manifest address on the chain where it lives", () => {
    const manifest = votingManifest();
    const code = expectedCode(manifest).map((c) => `${c.chain.name} ${c.name}`);
    for (const entry of ["hub contracts.timelock", "hub contracts.stateProofVerifier", "hub council.safe", "hub safe.multiSend", "hub members[0].spoke.pool"]) assert.ok(code.includes(entry), entry);
    for (const entry of ["base-local members[0].hubStateOracle", "base-local members[0].spoke.token", "base-local members[0].spoke.verifier", "base-local council.safe", "zora-local safe.createCall"]) {
      assert.ok(code.includes(entry), entry);
    }
    assert.ok(!code.includes("base-local members[0].spoke.pool"), "the pool lives on the hub");
    assert.equal(code.length, 8 + 10 + 1 + 1 + 3 + 10 + 10);
  });
});
