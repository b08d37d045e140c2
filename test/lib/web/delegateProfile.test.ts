import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { getAddress, type Address, type Hash } from "viem";

import { powerChart } from "../../../lib/web/delegates/chart.ts";
import { supportWord } from "../../../lib/web/delegates/format.ts";
import {
  currentDelegators,
  formatParticipation,
  participation,
  powerAt,
  powerHistory,
  votesChangesOf,
  type DelegateChangeLog,
  type VotesChangeLog,
} from "../../../lib/web/delegates/profileModel.ts";

const address = (n: number): Address => getAddress(`0x${n.toString(16).padStart(40, "0")}`);
const [alice, bob, carol, dave] = [address(0xa11ce), address(0xb0b), address(0xca401), address(0xda7e)];
const tx = `0x${"ab".repeat(32)}` as Hash;

const votes = (delegate: Address, newVotes: bigint, at: { chainId?: number; block: bigint; timestamp: bigint; logIndex?: number }): VotesChangeLog => ({
  kind: "votes",
  delegate,
  previousVotes: 0n,
  newVotes,
  chainId: at.chainId ?? 900,
  blockNumber: at.block,
  logIndex: at.logIndex ?? 0,
  timestamp: at.timestamp,
  transactionHash: tx,
});
const delegated = (delegator: Address, toDelegate: Address, at: { chainId?: number; block: bigint; timestamp: bigint; logIndex?: number }): DelegateChangeLog => ({
  kind: "delegate",
  delegator,
  fromDelegate: address(0),
  toDelegate,
  chainId: at.chainId ?? 900,
  blockNumber: at.block,
  logIndex: at.logIndex ?? 0,
  timestamp: at.timestamp,
  transactionHash: tx,
});

describe("delegate profile model", () => {
  // Newest first, as the log cache keeps them.
  const hubLogs = [
    votes(alice, 7n, { block: 30n, timestamp: 300n }),
    votes(bob, 1n, { block: 20n, timestamp: 200n }),
    votes(alice, 5n, { block: 10n, timestamp: 100n, logIndex: 2 }),
    votes(alice, 2n, { block: 10n, timestamp: 100n, logIndex: 1 }),
  ];
  const memberLogs = [votes(alice, 3n, { chainId: 901, block: 5n, timestamp: 150n })];

  it("powerAt answers like getPastVotes: the last change at or before the timestamp", () => {
    const changes = votesChangesOf(hubLogs, alice);
    assert.deepEqual(changes.map((c) => c.newVotes), [2n, 5n, 7n], "oldest first, by block then log index");
    assert.equal(powerAt(changes, 99n), 0n);
    assert.equal(powerAt(changes, 100n), 5n, "the checkpoint of the snapshot's own second counts");
    assert.equal(powerAt(changes, 299n), 5n);
    assert.equal(powerAt(changes, 10_000n), 7n);
  });

  it("sums power over chains through time", () => {
    const history = powerHistory([votesChangesOf(hubLogs, alice), votesChangesOf(memberLogs, alice)]);
    assert.deepEqual(
      history.map((p) => [p.timestamp, p.chainId, p.chainVotes, p.total]),
      [
        [100n, 900, 2n, 2n],
        [100n, 900, 5n, 5n],
        [150n, 901, 3n, 8n],
        [300n, 900, 7n, 10n],
      ],
    );
  });

  it("lists the accounts whose latest delegation names the delegate", () => {
    const logs = [
      delegated(carol, bob, { block: 9n, timestamp: 90n }),
      delegated(dave, alice, { block: 8n, timestamp: 80n }),
      delegated(carol, alice, { block: 7n, timestamp: 70n }),
      delegated(alice, alice, { block: 6n, timestamp: 60n }),
      // Same delegator in lower case: the same account.
      { ...delegated(dave, bob, { block: 5n, timestamp: 50n }), delegator: dave.toLowerCase() as Address },
    ];
    assert.deepEqual(currentDelegators(logs, alice).map((d) => [d.address, d.since]), [
      [alice, 60n],
      [dave, 80n],
    ]);
    assert.deepEqual(currentDelegators(logs, bob).map((d) => d.address), [carol]);
  });

  it("participation: eligible when the snapshot saw power on any chain, voted on any chain, canceled and future proposals left out", () => {
    const chains = [votesChangesOf(hubLogs, alice), votesChangesOf(memberLogs, alice)];
    const proposals = [
      { id: 1n, voteStart: 50n }, // before any power: not eligible
      { id: 2n, voteStart: 120n }, // hub power 5: eligible, voted on a member chain
      { id: 3n, voteStart: 160n }, // eligible, not voted
      { id: 4n, voteStart: 170n }, // canceled
      { id: 5n, voteStart: 1_000n }, // snapshot not passed yet
    ];
    const result = participation({
      proposals,
      excluded: new Set([4n]),
      now: 500n,
      chains,
      votes: [
        { proposalId: 2n, voter: alice.toLowerCase() as Address },
        { proposalId: 1n, voter: alice },
        { proposalId: 3n, voter: bob },
      ],
      delegate: alice,
    });
    assert.deepEqual(result, { eligible: 2, voted: 1, rate: 0.5 });
    assert.equal(formatParticipation(result), "1 of 2 (50%)");
    // Power only on a member chain still makes a proposal eligible.
    const memberOnly = participation({ proposals, excluded: new Set(), now: 500n, chains: [[], chains[1]!], votes: [], delegate: alice });
    assert.deepEqual(memberOnly, { eligible: 2, voted: 0, rate: 0 });
    assert.equal(formatParticipation(participation({ proposals: [], excluded: new Set(), now: 1n, chains, votes: [], delegate: alice })), "no eligible proposals yet");
  });

  it("draws a step chart held until now, scaled to the peak", () => {
    const history = powerHistory([votesChangesOf(hubLogs, alice)]);
    const chart = powerChart(history, 500n, { width: 400, height: 100 })!;
    assert.equal(chart.max, 7n);
    assert.equal(chart.from, 100n);
    assert.equal(chart.to, 500n);
    assert.equal(chart.line, "M0,100 H0 V71.4 H0 V28.6 H200 V0 H400");
    assert.ok(chart.area.endsWith("V100 Z"));
    assert.equal(powerChart([], 500n, { width: 400, height: 100 }), undefined);
  });

  it("names each kind of vote", () => {
    assert.deepEqual([0, 1, 2, 255, 7].map(supportWord), ["Against", "For", "Abstain", "Split", "Unknown"]);
  });
});
