import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { fractionalVoteParams, VoteType } from "../../../lib/governance/index.ts";
import { toVoteRecords, type VoteLog } from "../../../lib/web/server/readVotes.ts";
import { newestFirst, votesByVoter, votesOnProposal, type VoteRecord } from "../../../lib/web/votes/types.ts";

const ALICE = "0x00000000000000000000000000000000000A11cE" as const;
const POOL = "0x000000000000000000000000000000000000P001".replace("P", "0") as `0x${string}`;
const tx = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as const;

const log = (overrides: Partial<VoteLog["args"]> & { block?: bigint; index?: number; hash?: `0x${string}` } = {}): VoteLog => ({
  args: { voter: ALICE, proposalId: 7n, support: VoteType.For, weight: 100n, reason: "", ...overrides },
  blockNumber: overrides.block ?? 10n,
  logIndex: overrides.index ?? 0,
  transactionHash: overrides.hash ?? tx(1),
});

describe("toVoteRecords", () => {
  it("keeps each log's fields, with its block's time", () => {
    const [vote] = toVoteRecords([log({ reason: "yes, because", block: 12n, index: 3 })], { chainId: 900, times: new Map([[12n, 1_700_000_000n]]) });
    assert.deepEqual(vote, {
      proposalId: 7n,
      chainId: 900,
      voter: ALICE,
      support: 1,
      weight: 100n,
      reason: "yes, because",
      blockNumber: 12n,
      logIndex: 3,
      transactionHash: tx(1),
      timestamp: 1_700_000_000n,
    });
  });

  it("marks a pool's vote as the member chain's relayed tally, with its split and proven block", () => {
    const params = fractionalVoteParams({ againstVotes: 5n, forVotes: 30n, abstainVotes: 0n });
    const [relay] = toVoteRecords([log({ voter: POOL, support: VoteType.Fractional, weight: 35n, params, hash: tx(9) })], {
      chainId: 900,
      times: new Map(),
      pools: new Map([[POOL.toLowerCase(), 901]]),
      relays: [{ args: { proposalId: 7n, blockNumber: 444n }, transactionHash: tx(9) }],
    });
    assert.equal(relay?.relayedFrom, 901);
    assert.equal(relay?.relayedBlock, 444n);
    assert.deepEqual(relay?.split, { againstVotes: 5n, forVotes: 30n, abstainVotes: 0n });
  });

  it("keeps a person's fractional split, and leaves out params that are not one", () => {
    const params = fractionalVoteParams({ againstVotes: 1n, forVotes: 2n, abstainVotes: 3n });
    const [split, odd] = toVoteRecords([log({ support: VoteType.Fractional, weight: 6n, params }), log({ support: VoteType.Fractional, params: "0x1234" })], { chainId: 900, times: new Map() });
    assert.deepEqual(split?.split, { againstVotes: 1n, forVotes: 2n, abstainVotes: 3n });
    assert.equal(split?.relayedFrom, undefined);
    assert.equal(odd?.split, undefined);
  });
});

describe("vote selectors", () => {
  const vote = (over: Partial<VoteRecord>): VoteRecord => ({ proposalId: 1n, chainId: 900, voter: ALICE, support: 1, weight: 1n, reason: "", blockNumber: 1n, logIndex: 0, transactionHash: tx(1), timestamp: 1n, ...over });

  it("select by proposal and by voter (any case)", () => {
    const votes = [vote({ proposalId: 1n }), vote({ proposalId: 2n, voter: POOL }), vote({ proposalId: 2n })];
    assert.equal(votesOnProposal(votes, 2n).length, 2);
    assert.deepEqual(votesByVoter(votes, ALICE.toUpperCase().replace("0X", "0x")), [votes[0], votes[2]]);
  });

  it("orders newest first by time, then chain, block and log index", () => {
    const a = vote({ timestamp: 5n, chainId: 900, blockNumber: 3n, logIndex: 0 });
    const b = vote({ timestamp: 5n, chainId: 901, blockNumber: 1n });
    const c = vote({ timestamp: 5n, chainId: 900, blockNumber: 3n, logIndex: 1 });
    const d = vote({ timestamp: 9n });
    assert.deepEqual([a, b, c, d].sort(newestFirst), [d, b, c, a]);
  });
});
