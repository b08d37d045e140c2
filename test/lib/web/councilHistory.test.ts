/**
 * The council's history, pure parts: SafeL2 logs paired into executions (nonce, executor and
 * threshold from `additionalInfo`, success or failure, nesting), and each execution's decision in
 * words with the deployment's own decoders, unknown calls still naming target and selector.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { encodeAbiParameters, getAddress, keccak256, toHex, zeroAddress, type Address, type Hash, type Hex } from "viem";

import { manifestSchema } from "../../../lib/chains/manifest.ts";
import { councilActionCall, councilChains, type CouncilAction } from "../../../lib/web/council/actions.ts";
import { describeExecutedDecision, executedCallText, newestExecutionFirst, pairExecutions, type ExecutedSafeTx, type SafeExecutionLog } from "../../../lib/web/council/history.ts";
import { buildManifest, lowercaseAddress } from "../../helpers/manifest.ts";

const manifest = manifestSchema.parse({
  ...buildManifest(),
  members: buildManifest().members.map((member, i) => ({ ...member, hubStateOracle: lowercaseAddress(0xd1 + i) })),
  contracts: { ...buildManifest().contracts, outputOracle: lowercaseAddress(0xa6) },
});
const safe = manifest.council.safe;
const registry = manifest.contracts.sequencerConfig;
const [hub, base] = councilChains(manifest);
const executor = getAddress(lowercaseAddress(0xb1));
const tx = (n: number) => keccak256(toHex(`tx ${n}`));

const multiSig = (call: { to: Address; data: Hex }, { nonce, block, index, hash, threshold = 2n }: { nonce: bigint; block: bigint; index: number; hash: Hash; threshold?: bigint }): SafeExecutionLog => ({
  eventName: "SafeMultiSigTransaction",
  args: {
    to: call.to,
    value: 0n,
    data: call.data,
    operation: 0,
    safeTxGas: 0n,
    baseGas: 0n,
    gasPrice: 0n,
    gasToken: zeroAddress,
    refundReceiver: zeroAddress,
    signatures: "0x",
    additionalInfo: encodeAbiParameters([{ type: "uint256" }, { type: "address" }, { type: "uint256" }], [nonce, executor, threshold]),
  },
  blockNumber: block,
  logIndex: index,
  transactionHash: hash,
});
const outcome = (eventName: "ExecutionSuccess" | "ExecutionFailure", safeTxHash: Hash, { block, index, hash }: { block: bigint; index: number; hash: Hash }): SafeExecutionLog => ({
  eventName,
  args: { txHash: safeTxHash, payment: 0n },
  blockNumber: block,
  logIndex: index,
  transactionHash: hash,
});

describe("pairExecutions", () => {
  const pause = councilActionCall(registry, { kind: "pause", chainId: 901n });
  const approve = councilActionCall(registry, { kind: "approveChange", changeId: 3n });

  it("pairs each SafeMultiSigTransaction with its outcome, in log order, whatever order the logs came in", () => {
    const logs = [
      outcome("ExecutionFailure", tx(20), { block: 20n, index: 1, hash: tx(2) }),
      multiSig(approve, { nonce: 1n, block: 20n, index: 0, hash: tx(2), threshold: 3n }),
      multiSig(pause, { nonce: 0n, block: 10n, index: 4, hash: tx(1) }),
      outcome("ExecutionSuccess", tx(10), { block: 10n, index: 5, hash: tx(1) }),
    ];
    const paired = pairExecutions(900, logs);
    assert.deepEqual(
      paired.map(({ safeTx, success, safeTxHash, executor: sender, threshold, transactionHash }) => ({ to: safeTx.to, nonce: safeTx.nonce, success, safeTxHash, sender, threshold, transactionHash })),
      [
        { to: getAddress(registry), nonce: 0n, success: true, safeTxHash: tx(10), sender: executor, threshold: 2, transactionHash: tx(1) },
        { to: getAddress(registry), nonce: 1n, success: false, safeTxHash: tx(20), sender: executor, threshold: 3, transactionHash: tx(2) },
      ],
    );
    assert.equal(paired[0]!.safeTx.data, pause.data);
  });

  it("closes the innermost open execution first (a Safe transaction executing another), and drops an unclosed one", () => {
    const at = (index: number) => ({ block: 7n, index, hash: tx(7) });
    const paired = pairExecutions(900, [
      multiSig(pause, { nonce: 4n, ...at(0) }),
      multiSig(approve, { nonce: 5n, ...at(1) }),
      outcome("ExecutionSuccess", tx(75), at(2)),
      outcome("ExecutionSuccess", tx(74), at(3)),
      multiSig(pause, { nonce: 6n, block: 8n, index: 0, hash: tx(8) }),
    ]);
    assert.deepEqual(paired.map(({ safeTx, safeTxHash }) => [safeTx.nonce, safeTxHash]), [
      [5n, tx(75)],
      [4n, tx(74)],
    ]);
  });
});

describe("describeExecutedDecision", () => {
  const context = {
    chainName: (id: bigint) => manifest.members.find((member) => BigInt(member.chainId) === id)?.name,
    changeSentence: (id: bigint) => (id === 3n ? "Set base-local block time to 1,000 ms" : undefined),
    proposalTitle: (id: bigint) => (id === 7n ? "Faster blocks" : undefined),
  };
  const describeOn = (chain: typeof hub, action: CouncilAction) => {
    const call = councilActionCall(registry, action);
    const decoded = chain!.decode(call);
    return { sentence: describeExecutedDecision(decoded, call, safe, context), call: executedCallText(decoded, call) };
  };
  const root = `0x${"ab".repeat(32)}` as Hex;

  it("says each council decision in the past tense, with the change's and the chain's names", () => {
    assert.deepEqual(describeOn(hub, { kind: "approveChange", changeId: 3n }), { sentence: "Approved change #3: Set base-local block time to 1,000 ms", call: "approveChange(3)" });
    assert.equal(describeOn(hub, { kind: "rejectChange", changeId: 4n }).sentence, "Rejected change #4");
    assert.equal(describeOn(hub, { kind: "pause", chainId: 902n }).sentence, "Paused sequencing of zora-local (chain 902)");
    assert.equal(describeOn(hub, { kind: "unpause", chainId: 0n }).sentence, "Resumed sequencing of all chains");
    const veto: CouncilAction = { kind: "vetoProposal", governor: manifest.contracts.governor, proposalId: 0n, targets: [registry], values: [0n], calldatas: ["0x"], descriptionHash: tx(0) };
    assert.match(describeOn(hub, veto).sentence, /^Vetoed proposal \d+…\d+$/);
    assert.equal(
      describeOn(hub, { kind: "rejectOutput", outputOracle: manifest.contracts.outputOracle!, chainId: 901n, blockNumber: 120n, stateRoot: root }).sentence,
      "Rejected base-local (chain 901)'s output of block 120 (state root 0xabab…abab) and every later one",
    );
    assert.equal(
      describeOn(base, { kind: "rejectHubState", hubStateOracle: manifest.members[0]!.hubStateOracle!, blockNumber: 55n, stateRoot: root }).sentence,
      "Rejected the hub state of hub block 55 (state root 0xabab…abab) and every later one",
    );
  });

  it("names the proposal a veto cancelled when its title is known", () => {
    assert.equal(describeExecutedDecision({ kind: "vetoProposal", proposalId: 7n } as CouncilAction, { to: manifest.contracts.governor, data: "0x" }, safe, context), "Vetoed proposal 7 (Faster blocks)");
  });

  it("falls back to the target and selector for a call that is no decision of this deployment on that chain", () => {
    const pause = councilActionCall(registry, { kind: "pause", chainId: 901n });
    // A registry call decodes on the hub, not on a member chain.
    assert.equal(base!.decode(pause), undefined);
    assert.equal(describeExecutedDecision(undefined, pause, safe, context), `Unknown call to ${getAddress(registry)} (selector ${pause.data.slice(0, 10)})`);
    assert.equal(executedCallText(undefined, pause), `unknown call ${pause.data.slice(0, 10)}`);
    assert.equal(describeExecutedDecision(undefined, { to: executor, data: "0x" }, safe, context), `Unknown call to ${executor} (no data)`);
    assert.equal(describeExecutedDecision(undefined, { to: getAddress(safe), data: "0x" }, safe, context), "Rejected on-chain: an empty transaction that spent its nonce");
  });
});

it("orders executions newest first across chains", () => {
  const at = (chainId: number, timestamp: bigint, blockNumber: bigint, logIndex = 0) => ({ chainId, timestamp, blockNumber, logIndex }) as ExecutedSafeTx;
  const sorted = [at(900, 10n, 5n), at(901, 30n, 2n), at(900, 30n, 9n, 1), at(900, 30n, 9n, 3)].sort(newestExecutionFirst);
  assert.deepEqual(sorted.map(({ chainId, blockNumber, logIndex }) => `${chainId}:${blockNumber}:${logIndex}`), ["900:9:3", "900:9:1", "901:2:0", "900:5:0"]);
});
