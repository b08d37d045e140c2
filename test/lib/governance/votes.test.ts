import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { decodeAbiParameters, hashTypedData, type Address } from "viem";

import {
  ballotTypedData,
  extendedBallotTypedData,
  fractionalVoteParams,
  reduceChainVotes,
  sumTallies,
  VoteType,
} from "../../../lib/governance/index.ts";

const governor: Address = "0x00000000000000000000000000000000000000aa";
const voter: Address = "0x00000000000000000000000000000000000000bb";

describe("fractionalVoteParams", () => {
  it("packs three uint128 in against, for, abstain order", () => {
    const params = fractionalVoteParams({ againstVotes: 1n, forVotes: 2n, abstainVotes: 3n });
    assert.equal(params.length, 2 + 96);
    const [packed] = decodeAbiParameters([{ type: "bytes32" }], `0x${params.slice(2, 66)}`);
    assert.equal(BigInt(packed) >> 128n, 1n);
    assert.equal(BigInt(`0x${params.slice(34, 66)}`), 2n);
    assert.equal(BigInt(`0x${params.slice(66)}`), 3n);
  });

  it("rejects negative and oversized weights", () => {
    assert.throws(() => fractionalVoteParams({ againstVotes: -1n, forVotes: 0n, abstainVotes: 0n }), RangeError);
    assert.throws(() => fractionalVoteParams({ againstVotes: 0n, forVotes: 1n << 128n, abstainVotes: 0n }), /uint128/);
  });
});

describe("ballot typed data", () => {
  it("binds the governor, chain, voter, proposal and nonce", () => {
    const base = { governor, chainId: 900, proposalId: 7n, support: VoteType.For, voter, nonce: 0n } as const;
    const digest = hashTypedData(ballotTypedData(base));
    assert.notEqual(digest, hashTypedData(ballotTypedData({ ...base, nonce: 1n })), "nonce");
    assert.notEqual(digest, hashTypedData(ballotTypedData({ ...base, chainId: 901 })), "chain");
    assert.notEqual(digest, hashTypedData(ballotTypedData({ ...base, support: VoteType.Against })), "support");
    const extended = extendedBallotTypedData({ ...base, reason: "why", params: "0x" });
    assert.equal(extended.primaryType, "ExtendedBallot");
    assert.equal(extended.domain.name, "SuperchainGovernor");
  });
});

describe("reduceChainVotes", () => {
  it("sums events per proposal and chain, in any order", () => {
    const events = [
      { proposalId: 1n, chainId: 900n, againstVotes: 0n, forVotes: 5n, abstainVotes: 0n },
      { proposalId: 1n, chainId: 901n, againstVotes: 1n, forVotes: 2n, abstainVotes: 3n },
      { proposalId: 2n, chainId: 900n, againstVotes: 9n, forVotes: 0n, abstainVotes: 0n },
      { proposalId: 1n, chainId: 901n, againstVotes: 0n, forVotes: 4n, abstainVotes: 0n },
    ];
    const forward = reduceChainVotes(events);
    const backward = reduceChainVotes([...events].reverse());
    assert.deepEqual(forward, backward);
    assert.deepEqual(forward.get(1n)?.get(901n), { againstVotes: 1n, forVotes: 6n, abstainVotes: 3n });
    assert.deepEqual(sumTallies(forward.get(1n)?.values() ?? []), { againstVotes: 1n, forVotes: 11n, abstainVotes: 3n });
    assert.equal(forward.get(3n), undefined);
  });
});
