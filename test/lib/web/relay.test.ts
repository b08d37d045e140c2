import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { zeroAddress } from "viem";

import { BALLOT_TYPES, ballotTypedData, DELEGATION_TYPES, domainOf, EXTENDED_BALLOT_TYPES, SPOKE_EXTENDED_BALLOT_TYPES } from "../../../lib/governance/bySignature.ts";
import { relayDelegationRequestSchema, relayVoteRequestSchema } from "../../../lib/web/relay/wire.ts";
import { createRateLimiter } from "../../../lib/web/server/relay/rateLimit.ts";

/** The EIP-712 type string of a single-struct type, as Solidity's typehash constants spell it. */
const typeString = (name: string, fields: ReadonlyArray<{ name: string; type: string }>) => `${name}(${fields.map((f) => `${f.type} ${f.name}`).join(",")})`;

describe("relay typed data", () => {
  it("spells the contracts' typehashes: OZ Governor's Ballot and ExtendedBallot, the aggregator's ExtendedBallot, OZ Votes' Delegation", () => {
    assert.equal(typeString("Ballot", BALLOT_TYPES.Ballot), "Ballot(uint256 proposalId,uint8 support,address voter,uint256 nonce)");
    assert.equal(
      typeString("ExtendedBallot", EXTENDED_BALLOT_TYPES.ExtendedBallot),
      "ExtendedBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason,bytes params)",
    );
    assert.equal(typeString("ExtendedBallot", SPOKE_EXTENDED_BALLOT_TYPES.ExtendedBallot), "ExtendedBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason)");
    assert.equal(typeString("Delegation", DELEGATION_TYPES.Delegation), "Delegation(address delegatee,uint256 nonce,uint256 expiry)");
  });

  it("signs a plain Ballot without a reason, and each contract's ExtendedBallot with one", () => {
    const domain = domainOf(["0x0f", "SuperchainGovernor", "1", 900n, zeroAddress, `0x${"00".repeat(32)}`, []]);
    assert.deepEqual(domain, { name: "SuperchainGovernor", version: "1", chainId: 900, verifyingContract: zeroAddress });
    const message = { proposalId: 7n, support: 1, voter: zeroAddress, nonce: 0n };
    assert.equal(ballotTypedData("governor", domain, { ...message, reason: "" }).primaryType, "Ballot");
    const hub = ballotTypedData("governor", domain, { ...message, reason: "why" });
    assert.equal(hub.primaryType, "ExtendedBallot");
    assert.deepEqual(hub.message, { ...message, reason: "why", params: "0x" });
    const spoke = ballotTypedData("aggregator", domain, { ...message, reason: "why" });
    assert.deepEqual(spoke.message, { ...message, reason: "why" });
    assert.equal(spoke.types, SPOKE_EXTENDED_BALLOT_TYPES);
  });
});

describe("relay requests", () => {
  const vote = { chainId: 900, proposalId: "42", support: 1, voter: `0x${"ab".repeat(20)}`, nonce: "0", signature: `0x${"11".repeat(65)}` };

  it("parses a ballot into bigints, with an empty reason by default", () => {
    const parsed = relayVoteRequestSchema.parse(vote);
    assert.equal(parsed.proposalId, 42n);
    assert.equal(parsed.nonce, 0n);
    assert.equal(parsed.reason, "");
  });

  it("refuses unknown fields, signs, leading zeros, huge numbers, short signatures and wrong types", () => {
    for (const bad of [
      { ...vote, extra: true },
      { ...vote, proposalId: "+1" },
      { ...vote, proposalId: "01" },
      { ...vote, proposalId: "1".repeat(79) },
      { ...vote, support: "1" },
      { ...vote, support: 255 },
      { ...vote, chainId: 0 },
      { ...vote, chainId: 1.5 },
      { ...vote, signature: `0x${"11".repeat(64)}` },
      { ...vote, voter: "ab".repeat(20) },
    ]) {
      assert.equal(relayVoteRequestSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
    const delegation = { chainId: 900, delegator: vote.voter, delegatee: vote.voter, nonce: "0", expiry: "1700000000", signature: vote.signature };
    assert.equal(relayDelegationRequestSchema.safeParse(delegation).success, true);
    assert.equal(relayDelegationRequestSchema.safeParse({ ...delegation, expiry: -1 }).success, false);
  });
});

describe("createRateLimiter", () => {
  it("allows a burst, then one request per refill interval, per key; a request takes from every key it names", () => {
    let now = 0;
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 0.5 }, () => now);
    assert.deepEqual(limiter.take(["client:a", "signer:x"]), { allowed: true });
    assert.deepEqual(limiter.take(["client:a", "signer:y"]), { allowed: true });
    assert.deepEqual(limiter.take(["client:a", "signer:z"]), { allowed: false, retryAfterSeconds: 2 });
    assert.deepEqual(limiter.take(["client:b", "signer:x"]), { allowed: true }, "signer x has one token left");
    assert.equal(limiter.take(["client:c", "signer:x"]).allowed, false, "signer x is spent, whatever the client");
    now = 2_000;
    assert.deepEqual(limiter.take(["client:a", "signer:z"]), { allowed: true }, "one token back after 2 s");
    assert.equal(limiter.take(["client:a", "signer:w"]).allowed, false);
  });

  it("keeps a bounded number of buckets: a flood of new keys forgets the stalest", () => {
    let now = 0;
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 0.001 }, () => now);
    assert.equal(limiter.take(["client:first"]).allowed, true);
    assert.equal(limiter.take(["client:first"]).allowed, false);
    for (let i = 0; i < 10_000; i++) limiter.take([`client:${i}`]);
    now = 1;
    assert.equal(limiter.take(["client:first"]).allowed, true, "forgotten, so full again");
  });
});
