/** The council's root rejections: the Safe call round-trips to the same decision and reads as a sentence. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { decodeFunctionData, keccak256, toBytes, type Address } from "viem";

import { outputOracleAbi } from "../../../lib/contracts/index.ts";
import { decodeRootRejectionCall, describeRootRejection, rootRejectionCall, type RootRejection } from "../../../lib/council/index.ts";

const outputOracle: Address = "0x00000000000000000000000000000000000000a6";
const hubStateOracle: Address = "0x00000000000000000000000000000000000000d0";
const stateRoot = keccak256(toBytes("forged"));

describe("council root rejections", () => {
  const output: RootRejection = { kind: "rejectOutput", outputOracle, chainId: 901n, blockNumber: 120n, stateRoot };
  const hubState: RootRejection = { kind: "rejectHubState", hubStateOracle, blockNumber: 77n, stateRoot };

  it("encode the oracle's rejection function and decode back to the same decision", () => {
    const call = rootRejectionCall(output);
    assert.equal(call.to, outputOracle);
    const decoded = decodeFunctionData({ abi: outputOracleAbi, data: call.data });
    assert.equal(decoded.functionName, "rejectOutputs");
    assert.deepEqual(decoded.args, [901n, 120n, stateRoot]);
    assert.deepEqual(decodeRootRejectionCall(outputOracle, call), output);
    assert.deepEqual(decodeRootRejectionCall(hubStateOracle, rootRejectionCall(hubState)), hubState);
  });

  it("decode nothing else: another contract, another function", () => {
    assert.equal(decodeRootRejectionCall(hubStateOracle, rootRejectionCall(output)), undefined);
    assert.equal(decodeRootRejectionCall(outputOracle, { to: outputOracle, data: "0x12345678" }), undefined);
  });

  it("read as a sentence naming the chain, the block and the root", () => {
    assert.equal(
      describeRootRejection(output, "base-local"),
      `Reject base-local (chain 901)'s output of block 120 (state root ${stateRoot.slice(0, 6)}…${stateRoot.slice(-4)}) and every output posted after it`,
    );
    assert.match(describeRootRejection(hubState, "zora-local"), /^Reject the hub state of hub block 77 \(state root 0x.{4}….{4}\) on zora-local and every hub state posted after it$/);
  });
});
