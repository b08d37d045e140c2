import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { decodeAbiParameters, hashTypedData, type Address } from "viem";

import {
  ballotTypedData,
  extendedBallotTypedData,
  decodeFractionalVoteParams,
  fractionalVoteParams,
  reduceChainTallies,
  splitVote,
  sumTallies,
  VoteType,
  type TallyLog,
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

describe("decodeFractionalVoteParams and splitVote", () => {
  it("round-trips fractional params and splits nominal votes", () => {
    const split = { againstVotes: 5n, forVotes: 0n, abstainVotes: 1n << 100n };
    assert.deepEqual(decodeFractionalVoteParams(fractionalVoteParams(split)), split);
    assert.deepEqual(splitVote(VoteType.For, 7n), { againstVotes: 0n, forVotes: 7n, abstainVotes: 0n });
    assert.deepEqual(splitVote(VoteType.Fractional, 6n, fractionalVoteParams(split)), split);
    assert.throws(() => splitVote(3, 1n), /unknown vote type 3/);
    assert.throws(() => decodeFractionalVoteParams("0x01"), /48 bytes, got 1/);
  });
});

describe("reduceChainTallies", () => {
  const voter = "0x00000000000000000000000000000000000000cc" as const;
  const logs: TallyLog[] = [
    { eventName: "VoteCast", args: { voter, proposalId: 1n, support: VoteType.For, weight: 5n } },
    {
      eventName: "VoteCastWithParams",
      args: {
        voter,
        proposalId: 1n,
        support: VoteType.Fractional,
        weight: 6n,
        params: fractionalVoteParams({ againstVotes: 1n, forVotes: 2n, abstainVotes: 3n }),
      },
    },
    { eventName: "ChainVotesCounted", args: { proposalId: 1n, chainId: 901n, againstVotes: 1n, forVotes: 2n, abstainVotes: 3n } },
    { eventName: "VoteCast", args: { voter, proposalId: 2n, support: VoteType.Against, weight: 9n } },
  ];

  it("attributes source votes to their chain and the rest to the hub, in any order", () => {
    const forward = reduceChainTallies(logs, 900n);
    assert.deepEqual(forward, reduceChainTallies([...logs].reverse(), 900n));
    assert.deepEqual(forward.get(1n)?.get(901n), { againstVotes: 1n, forVotes: 2n, abstainVotes: 3n });
    assert.deepEqual(forward.get(1n)?.get(900n), { againstVotes: 0n, forVotes: 5n, abstainVotes: 0n });
    assert.deepEqual(forward.get(2n)?.get(900n), { againstVotes: 9n, forVotes: 0n, abstainVotes: 0n });
    assert.deepEqual(sumTallies(forward.get(1n)?.values() ?? []), { againstVotes: 1n, forVotes: 7n, abstainVotes: 3n });
    assert.equal(forward.get(3n), undefined);
  });
});
