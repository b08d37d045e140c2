/** Every failure the app shows is a custom error's name and a sentence, never a hex blob. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { BaseError, ContractFunctionRevertedError, encodeErrorResult, parseEther, UserRejectedRequestError, type Abi } from "viem";

import { contractErrorsAbi } from "../../../lib/contracts/generated/errors.ts";
import { explainError, explainRevertData } from "../../../lib/web/errors.ts";

const revert = (errorName: string, args: readonly unknown[]) =>
  encodeErrorResult({ abi: contractErrorsAbi as Abi, errorName, args } as Parameters<typeof encodeErrorResult>[0]);

describe("explainRevertData", () => {
  it("names governor errors in words, amounts in tokens", () => {
    const explained = explainRevertData(revert("GovernorInsufficientProposerVotes", ["0x0000000000000000000000000000000000000001", parseEther("5"), parseEther("100000")]));
    assert.equal(explained.name, "GovernorInsufficientProposerVotes");
    assert.match(explained.sentence, /5 tokens.*100,000 tokens/);
  });

  it("words every registry change status, including the derived ones", () => {
    const words = [0, 1, 2, 3, 4, 5, 6].map((status) => explainRevertData(revert("SequencerConfigChangeNotAwaiting", [1n, status])).sentence);
    assert.deepEqual(
      words.map((w) => w.replace(/^The change is (.*), not awaiting the council\.$/, "$1")),
      ["unknown", "awaiting the council", "approved", "rejected", "cancelled", "expired", "already active"],
    );
  });

  it("words the proposal state of an unexpected-state revert", () => {
    assert.match(explainRevertData(revert("GovernorUnexpectedProposalState", [1n, 3, "0x0000000000000000000000000000000000000000000000000000000000000010"])).sentence, /is defeated/);
  });

  it("turns Safe's GS codes and plain reasons into sentences", () => {
    const gs026 = `0x08c379a0${"0".repeat(62)}20${"0".repeat(62)}05${Buffer.from("GS026").toString("hex").padEnd(64, "0")}` as const;
    assert.deepEqual(explainRevertData(gs026).name, "GS026");
  });

  it("never shows raw data for an unknown selector", () => {
    const unknown = explainRevertData("0xdeadbeef00000000");
    assert.equal(unknown.name, "UnknownRevert");
    assert.doesNotMatch(unknown.sentence, /00000000/);
  });
});

describe("explainError", () => {
  it("recognises a wallet rejection anywhere in the cause chain", () => {
    const error = new BaseError("request failed", { cause: new UserRejectedRequestError(new Error("no")) });
    assert.equal(explainError(error).name, "UserRejectedRequest");
  });

  it("names a decoded contract revert", () => {
    const data = revert("SequencerConfigOnlyCouncil", ["0x0000000000000000000000000000000000000002"]);
    const error = new ContractFunctionRevertedError({ abi: contractErrorsAbi as Abi, data, functionName: "approveChange" });
    assert.deepEqual(explainError(error), { name: "SequencerConfigOnlyCouncil", sentence: "Only the Security Council Safe can do this." });
  });

  it("passes plain errors through as name and message", () => {
    assert.deepEqual(explainError(new Error("Connect a wallet first.")), { name: "Error", sentence: "Connect a wallet first." });
  });
});
