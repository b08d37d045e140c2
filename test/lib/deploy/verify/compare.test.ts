/** Judging what the chain answered: one named deviation per holder out of place. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { getAddress, zeroAddress, type Address } from "viem";

import { parseManifest } from "../../../../lib/chains/index.ts";
import { addressLabels, checkPower, noCodeDeviation, type ExpectedPower } from "../../../../lib/deploy/verify/index.ts";
import { buildManifest, lowercaseAddress } from "../../../helpers/manifest.ts";

const manifest = parseManifest(buildManifest(), "test");
const hub = { chainId: 900, name: "hub" };
const timelock = manifest.contracts.timelock;
const governor = manifest.contracts.governor;
const deployer = getAddress(lowercaseAddress(0xee));
const outsider = getAddress(lowercaseAddress(0xef));
const operator = getAddress(lowercaseAddress(0xe1));
const operators = new Map<number, Address>([[901, operator]]);
const labels = addressLabels(manifest, { deployer, operators });
const context = { operators, labels, deployer };

const proposer: ExpectedPower = {
  chain: hub,
  contract: "SuperchainTimelock",
  address: timelock,
  power: "PROPOSER_ROLE",
  read: { kind: "roleMembers", role: "0x00", fromBlock: 0n },
  expected: { kind: "holders", holders: [{ address: governor, name: "governor" }] },
};

describe("checkPower", () => {
  it("passes when exactly the expected holders hold it", () => {
    const check = checkPower(proposer, { kind: "holders", holders: [governor] }, context);
    assert.deepEqual(check.deviations, []);
    assert.equal(check.foundText, `${governor} (governor)`);
  });

  it("names each unexpected holder, labelled, and the expected one", () => {
    const { deviations } = checkPower(proposer, { kind: "holders", holders: [deployer, governor, outsider] }, context);
    assert.deepEqual(
      deviations.map((d) => d.message),
      [
        `hub: SuperchainTimelock ${timelock} PROPOSER_ROLE: held by ${deployer} (deployer), expected ${governor} (governor)`,
        `hub: SuperchainTimelock ${timelock} PROPOSER_ROLE: held by ${outsider}, expected ${governor} (governor)`,
      ],
    );
    assert.equal(deviations[1]?.found, outsider);
    assert.equal(deviations[1]?.expected, `${governor} (governor)`);
  });

  it("names a missing holder", () => {
    const { deviations } = checkPower(proposer, { kind: "holders", holders: [] }, context);
    assert.deepEqual(deviations.map((d) => [d.found, d.expected]), [["none", `${governor} (governor)`]]);
  });

  it("accepts an operator key that is neither zero nor the deployer", () => {
    const power: ExpectedPower = { ...proposer, contract: "MemberChainRegistry", power: "operatorOf(901)", expected: { kind: "operatorKey", deployer } };
    assert.deepEqual(checkPower(power, { kind: "holders", holders: [operator] }, context).deviations, []);
    assert.equal(checkPower(power, { kind: "holders", holders: [deployer] }, context).deviations[0]?.found, `${deployer} (deployer)`);
    assert.equal(checkPower(power, { kind: "holders", holders: [] }, context).deviations.length, 1);
  });

  it("wants the registered operator where a member chain's oracle names one", () => {
    const power: ExpectedPower = { ...proposer, chain: { chainId: 901, name: "base-local" }, contract: "HubStateOracle", power: "roles.operator", expected: { kind: "registeredOperator", chainId: 901 } };
    assert.deepEqual(checkPower(power, { kind: "holders", holders: [operator] }, context).deviations, []);
    const { deviations } = checkPower(power, { kind: "holders", holders: [outsider] }, context);
    assert.deepEqual(
      deviations.map((d) => [d.found, d.expected]),
      [
        [outsider, `${operator} (base-local operator)`],
        [outsider, `${operator} (base-local operator)`],
      ],
    );
    assert.match(deviations[1]?.message ?? "", /roles\.operator: 0x[0-9a-fA-F]{40} \(base-local operator\) does not hold it \(held by 0x/);
  });

  it("compares values, and reports an unreadable power as a deviation", () => {
    const threshold: ExpectedPower = { ...proposer, contract: "Safe", power: "threshold", read: { kind: "safeThreshold" }, expected: { kind: "value", value: "2" } };
    assert.deepEqual(checkPower(threshold, { kind: "value", value: "2" }, context).deviations, []);
    assert.deepEqual(checkPower(threshold, { kind: "value", value: "1" }, context).deviations.map((d) => [d.found, d.expected]), [["1", "2"]]);
    const unreadable = checkPower(threshold, { kind: "unreadable", reason: "execution reverted" }, context);
    assert.match(unreadable.deviations[0]?.message ?? "", /threshold: could not be read \(execution reverted\); expected 2$/);
  });

  it("labels address 0 as anyone", () => {
    const executor: ExpectedPower = { ...proposer, power: "EXECUTOR_ROLE", expected: { kind: "holders", holders: [] } };
    assert.equal(checkPower(executor, { kind: "holders", holders: [zeroAddress] }, context).deviations[0]?.found, `${zeroAddress} (anyone: address 0)`);
  });
});

describe("noCodeDeviation", () => {
  it("says there is no code at the address, and which manifest entry it is", () => {
    const address = getAddress(lowercaseAddress(0xd4));
    const deviation = noCodeDeviation({ chain: { chainId: 901, name: "base-local" }, name: "members[0].spoke.verifier", address });
    assert.equal(deviation.message, `base-local: no code at ${address} (members[0].spoke.verifier)`);
    assert.deepEqual([deviation.found, deviation.expected], ["no code", "code"]);
  });
});
