import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { BaseError, ContractFunctionExecutionError, ContractFunctionRevertedError, encodeErrorResult, parseAbi } from "viem";

import { revertName } from "../../../lib/rpc/revertName.ts";

const abi = parseAbi(["error RootTimestampInFuture(uint48 blockTimestamp, uint48 now_)", "function postHubState()"]);

describe("revertName", () => {
  it("names the custom error anywhere in viem's error chain", () => {
    const data = encodeErrorResult({ abi, errorName: "RootTimestampInFuture", args: [10, 7] });
    const reverted = new ContractFunctionRevertedError({ abi, data, functionName: "postHubState" });
    assert.equal(revertName(reverted), "RootTimestampInFuture");
    const wrapped = new ContractFunctionExecutionError(reverted, { abi, functionName: "postHubState" });
    assert.equal(revertName(wrapped), "RootTimestampInFuture");
  });

  it("is undefined for anything that is not a decoded revert", () => {
    for (const error of [undefined, null, "RootTimestampInFuture", 42, new Error("RootTimestampInFuture"), new BaseError("no revert here")]) {
      assert.equal(revertName(error), undefined, String(error));
    }
    assert.equal(revertName(new ContractFunctionRevertedError({ abi, data: "0x", functionName: "postHubState" })), undefined, "a revert without data");
  });
});
