import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ZodError } from "zod";

import { parseGovernanceActions } from "../../../../lib/governance/codec/actionsJson.ts";
import { decodeCall, encodeAction, OrderingPolicy, type GovernanceContracts } from "../../../../lib/governance/index.ts";

const contracts: GovernanceContracts = {
  governor: "0x1000000000000000000000000000000000000001",
  timelock: "0x1000000000000000000000000000000000000002",
  memberChains: "0x1000000000000000000000000000000000000003",
  sequencerConfig: "0x1000000000000000000000000000000000000004",
};
const someone = "0x90f79bf6eb2c4f870365e785982e1f101e93b906";

describe("parseGovernanceActions", () => {
  it("reads every kind from JSON (decimal strings or numbers, any-case addresses, a policy by name) into actions the codec encodes and decodes back", () => {
    const actions = parseGovernanceActions([
      { kind: "setParameters", chainId: "901", changes: { blockTimeMs: 1000, maxBlockGas: "20000000", orderingPolicy: "priorityFee" }, requestedActivation: 1_900_000_000 },
      { kind: "approveRelease", release: { major: 1, minor: 2, patch: 3, kind: "required", digest: `0x${"ab".repeat(32)}` } },
      { kind: "replaceOperator", chainId: 902, operator: someone },
      { kind: "addChain", chainId: "903", name: "mode-local", operator: someone },
      { kind: "setVotingPeriod", seconds: "86400" },
      { kind: "setVoteSource", chainId: 901, source: someone },
    ]);
    assert.deepEqual(actions[0], { kind: "setParameters", chainId: 901n, changes: { blockTimeMs: 1000, maxBlockGas: 20_000_000n, orderingPolicy: OrderingPolicy.PriorityFee }, requestedActivation: 1_900_000_000n });
    assert.equal((actions[2] as { operator: string }).operator, "0x90F79bf6EB2c4f870365E785982E1f101E93b906");
    assert.equal((actions[3] as { requestedActivation: bigint }).requestedActivation, 0n);
    for (const action of actions.slice(1)) assert.deepEqual(decodeCall(encodeAction(action, contracts), contracts), action);
  });

  it("refuses an unknown kind, an unknown field, a negative or fractional number, an empty change and an empty list", () => {
    for (const json of [
      [{ kind: "mintMoney" }],
      [{ kind: "unpause", chainId: "901", extra: true }],
      [{ kind: "setVotingDelay", seconds: -1 }],
      [{ kind: "setVotingDelay", seconds: "1.5" }],
      [{ kind: "setParameters", chainId: "901", changes: {} }],
      [{ kind: "setParameters", chainId: "901", changes: { orderingPolicy: "random" } }],
      [{ kind: "replaceCouncil", council: "0x1234" }],
      [],
      { kind: "unpause", chainId: "901" },
    ]) {
      assert.throws(() => parseGovernanceActions(json), ZodError, JSON.stringify(json));
    }
  });
});
