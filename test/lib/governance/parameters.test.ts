/**
 * The ordering policy has one representation, the contract's enum value; names exist only for
 * text. These pin the enum to the Solidity declaration (the ABI carries it as a bare uint8) and the
 * name codec to its inverse; a field's value type follows its ABI width.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";

import {
  appliedParameters,
  ORDERING_POLICY_NAME_LIST,
  OrderingPolicy,
  orderingPolicyFromName,
  orderingPolicyName,
  orderingPolicyOf,
  PARAMETER_NAMES,
  parameterValue,
} from "../../../lib/governance/parameters.ts";
import { DEFAULT_PARAMETERS } from "../../helpers/parameters.ts";

describe("OrderingPolicy", () => {
  it("has the Solidity enum's members, in declaration order", () => {
    const source = readFileSync(new URL("../../../contracts/sequencer/ISequencerConfigRegistry.sol", import.meta.url), "utf8");
    const members = /enum OrderingPolicy \{([^}]*)\}/.exec(source)?.[1]?.split(",").map((member) => member.trim());
    assert.deepEqual(members, Object.keys(OrderingPolicy));
    assert.deepEqual(Object.values(OrderingPolicy), members.map((_, i) => i));
  });

  it("names every policy once and reads each name back", () => {
    assert.deepEqual(ORDERING_POLICY_NAME_LIST, ["fifo", "priorityFee"]);
    for (const policy of Object.values(OrderingPolicy)) assert.equal(orderingPolicyFromName(orderingPolicyName(policy)), policy);
  });

  it("reads an ABI uint8 as the policy it holds, anything else as FIFO", () => {
    assert.deepEqual([0, 1, 2, 255].map(orderingPolicyOf), [OrderingPolicy.Fifo, OrderingPolicy.PriorityFee, OrderingPolicy.Fifo, OrderingPolicy.Fifo]);
    const read = { ...DEFAULT_PARAMETERS, orderingPolicy: 1 as number };
    assert.deepEqual(appliedParameters(read), { ...DEFAULT_PARAMETERS, orderingPolicy: OrderingPolicy.PriorityFee });
  });
});

describe("parameterValue", () => {
  it("gives each field the type viem decodes it to (bigint past 48 bits, else number)", () => {
    for (const name of PARAMETER_NAMES) assert.equal(typeof parameterValue(name, 7n), typeof DEFAULT_PARAMETERS[name], name);
    assert.equal(parameterValue("maxBlockGas", 30_000_000n), 30_000_000n);
    assert.equal(parameterValue("blockTimeMs", 2_000n), 2_000);
  });
});
