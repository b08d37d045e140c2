/**
 * The gasless relay (`/api/relay/vote`, `/api/relay/delegate`) against a devnet without the
 * sequencer: ballots signed for the hub governor and for base-local's aggregator, with reasons,
 * and delegations signed for the hub token and base-local's SpokeToken, each cast by the devnet's
 * gasless relayer; and every refusal answered before the relayer spends anything.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { keccak256, parseEventLogs, toBytes, type Account, type Address, type Hex, type LocalAccount, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";

import { governanceContracts } from "../../../lib/chains/index.ts";
import { spokeTokenAbi, spokeVoteAggregatorAbi, superchainGovernorAbi, superchainTokenAbi } from "../../../lib/contracts/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { ballotTypedData, delegationTypedData, domainOf, type BallotContract } from "../../../lib/governance/bySignature.ts";
import { buildProposal, VoteType } from "../../../lib/governance/index.ts";
import { getCrosschainCall } from "../../../lib/web/proposals/crosschainHttp.ts";
import { learnWriteFromJson } from "../../../lib/web/proposals/crosschainWire.ts";
import type { RelayAcceptedJson, RelayRefusalJson } from "../../../lib/web/relay/wire.ts";
import { postRelayedDelegation, postRelayedVote, relayMethodNotAllowed, type RelayRouteOptions } from "../../../lib/web/server/relay/http.ts";
import { createRateLimiter } from "../../../lib/web/server/relay/rateLimit.ts";
import { spokeDevnet } from "../../helpers/spokeDevnet.ts";

const relayer = devAccount(DEV_ROLES.gaslessRelayer).address;
const unlimited: RelayRouteOptions = { limiter: createRateLimiter({ capacity: 1_000, refillPerSecond: 1_000 }) };

async function post(route: "vote" | "delegate", body: unknown, options: RelayRouteOptions = unlimited, init: RequestInit = {}) {
  const request = new Request(`http://127.0.0.1/api/relay/${route}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...init,
  });
  const response = await (route === "vote" ? postRelayedVote : postRelayedDelegation)(request, options);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Partial<RelayRefusalJson & RelayAcceptedJson> };
}

describe("the gasless relay against a devnet", { timeout: 600_000 }, () => {
  const devnet = spokeDevnet("relay-api-", { seedProposals: 0 });
  const hubVoter = devAccount(DEV_ROLES.delegates[1]); // votes with its own and delegate 6's tokens
  const spokeVoter = devAccount(DEV_ROLES.spokeDelegates[0]); // tokens on base-local
  const stranger = privateKeyToAccount(keccak256(toBytes("relay test stranger"))); // no tokens anywhere
  let hub: PublicClient;
  let member: PublicClient;
  let proposalId: bigint;
  let pendingId: bigint;

  const contractOf = (kind: BallotContract) =>
    kind === "governor" ? { client: hub, chainId: devnet.manifest.hub.chainId, address: devnet.manifest.contracts.governor, abi: superchainGovernorAbi } : { client: member, chainId: devnet.base.chainId, address: devnet.voting.spoke.aggregator, abi: spokeVoteAggregatorAbi };

  /** A ballot as the browser builds it: the contract's domain and the voter's current nonce. */
  async function ballot(kind: BallotContract, signer: LocalAccount, { voter = signer.address, support = VoteType.For as number, reason = "", id = proposalId, nonceShift = 0n } = {}) {
    const { client, chainId, address, abi } = contractOf(kind);
    const [nonce, domain] = await Promise.all([
      client.readContract({ address, abi, functionName: "nonces", args: [voter] }) as Promise<bigint>,
      client.readContract({ address, abi: superchainGovernorAbi, functionName: "eip712Domain" }),
    ]);
    const signed = nonce + nonceShift;
    const typed = ballotTypedData(kind, domainOf(domain), { proposalId: id, support, voter, nonce: signed, reason });
    const signature = await signer.signTypedData(typed as Parameters<LocalAccount["signTypedData"]>[0]);
    return { chainId, proposalId: id.toString(), support, voter, reason, nonce: signed.toString(), signature };
  }

  async function delegation(onHub: boolean, signer: LocalAccount, delegatee: Address, { expiryShift = 3_600n } = {}) {
    const client = onHub ? hub : member;
    const token = onHub ? devnet.manifest.contracts.token : devnet.voting.spoke.token;
    const [nonce, domain, block] = await Promise.all([
      client.readContract({ address: token, abi: superchainTokenAbi, functionName: "nonces", args: [signer.address] }),
      client.readContract({ address: token, abi: superchainTokenAbi, functionName: "eip712Domain" }),
      client.getBlock(),
    ]);
    const expiry = block.timestamp + expiryShift;
    const signature = await signer.signTypedData(delegationTypedData(domainOf(domain), { delegatee, nonce, expiry }));
    return { chainId: onHub ? devnet.manifest.hub.chainId : devnet.base.chainId, delegator: signer.address, delegatee, nonce: nonce.toString(), expiry: expiry.toString(), signature };
  }

  const relayerNonces = () => Promise.all([hub.getTransactionCount({ address: relayer }), member.getTransactionCount({ address: relayer })]);

  async function mined(client: PublicClient, body: { hash?: Hex }) {
    assert.ok(body.hash, JSON.stringify(body));
    const receipt = await client.waitForTransactionReceipt({ hash: body.hash });
    assert.equal(receipt.status, "success");
    assert.equal(receipt.from.toLowerCase(), relayer.toLowerCase(), "the relayer paid");
    return receipt;
  }

  async function propose(proposer: Account, tag: string) {
    const description = `# Relay test ${tag}\n\n${Date.now()}`;
    const input = buildProposal([{ kind: "setParameters", chainId: 902n, changes: { maxPendingPerSender: 72 }, requestedActivation: 0n }], description, governanceContracts(devnet.manifest));
    const governor = { address: devnet.manifest.contracts.governor, abi: superchainGovernorAbi } as const;
    await devnet.send(devnet.manifest.hub, proposer, { ...governor, functionName: "propose", args: [input.targets, input.values, input.calldatas, input.description] });
    return hub.readContract({ ...governor, functionName: "hashProposal", args: [input.targets, input.values, input.calldatas, keccak256(toBytes(description))] });
  }

  before(async () => {
    ({ hub, member } = devnet);
    proposalId = await propose(devAccount(DEV_ROLES.delegates[0]), "open");
    const delay = await hub.readContract({ address: devnet.manifest.contracts.governor, abi: superchainGovernorAbi, functionName: "votingDelay" });
    await advanceTime([devnet.manifest.hub, ...devnet.manifest.members], BigInt(delay) + 1n);
    await devnet.postHubState();
    const learn = await getCrosschainCall("learn", new Request(`http://127.0.0.1/api/crosschain/learn?chainId=${devnet.base.chainId}&proposalId=${proposalId}`));
    const write = learnWriteFromJson(((await learn.json()) as { call?: unknown }).call, { chainId: devnet.base.chainId, address: devnet.voting.spoke.aggregator, proposalId });
    assert.ok(write, "base-local can learn the proposal");
    await devnet.send(devnet.base, devAccount(DEV_ROLES.delegates[9]), write);
    pendingId = await propose(devAccount(DEV_ROLES.delegates[0]), "pending"); // its voting opens after the delay
  });

  it("refuses malformed, oversized, mistyped and unknown-chain requests before reading any chain", async () => {
    const before = await relayerNonces();
    const good = await ballot("governor", hubVoter);
    const cases: Array<[unknown, number, string, RequestInit?]> = [
      ["{not json", 400, "malformed"],
      [{ ...good, extra: 1 }, 400, "malformed"],
      [{ ...good, support: 3 }, 400, "malformed"],
      [{ ...good, proposalId: "-1" }, 400, "malformed"],
      [{ ...good, proposalId: "0012" }, 400, "malformed"],
      [{ ...good, signature: "0x1234" }, 400, "malformed"],
      [{ ...good, voter: "0xnot-an-address" }, 400, "malformed"],
      [{ ...good, reason: "x".repeat(2_001) }, 400, "malformed"],
      [JSON.stringify({ ...good, reason: "y".repeat(20_000) }), 413, "payload_too_large"],
      [good, 415, "unsupported_media_type", { headers: { "content-type": "text/plain" } }],
      [{ ...good, chainId: 999 }, 404, "unknown_chain"],
      [{ ...good, chainId: devnet.manifest.members.find((m) => m.name === "zora-local")!.chainId + 1_000 }, 404, "unknown_chain"],
    ];
    for (const [body, status, code, init] of cases) {
      const answer = await post("vote", body, unlimited, init);
      assert.equal(answer.status, status, `${code}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error?.code, code);
      assert.ok(answer.body.error?.message);
    }
    assert.deepEqual(await relayerNonces(), before, "nothing was sent");
  });

  it("refuses forged, tampered, future-nonce, powerless and not-open ballots with clear errors, spending nothing", async () => {
    const before = await relayerNonces();
    const expect = async (body: unknown, status: number, code: string, message?: RegExp) => {
      const answer = await post("vote", body);
      assert.equal(answer.status, status, `${code}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error?.code, code);
      if (message) assert.match(answer.body.error!.message, message);
    };
    await expect(await ballot("governor", stranger, { voter: hubVoter.address }), 400, "invalid_signature", /is not 0x[0-9a-fA-F]{40}'s over this ballot/);
    await expect({ ...(await ballot("governor", hubVoter)), support: VoteType.Against }, 400, "invalid_signature");
    await expect({ ...(await ballot("governor", hubVoter, { reason: "signed words" })), reason: "other words" }, 400, "invalid_signature");
    await expect(await ballot("governor", hubVoter, { nonceShift: 1n }), 400, "future_nonce");
    await expect(await ballot("governor", stranger), 409, "no_voting_power", /no voting power on the hub/);
    await expect(await ballot("governor", hubVoter, { id: pendingId }), 409, "not_open", /pending/);
    await expect(await ballot("governor", hubVoter, { id: 12_345n }), 404, "unknown_proposal");
    await expect(await ballot("aggregator", spokeVoter, { id: pendingId }), 404, "unknown_proposal", /bring it there first/);
    assert.deepEqual(await relayerNonces(), before, "nothing was sent");
  });

  it("casts a hub ballot with its reason through the relayer; the replay is refused", async () => {
    const body = await ballot("governor", hubVoter, { reason: "Relayed: lower latency, same safety." });
    const answer = await post("vote", body);
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    assert.equal(answer.body.relayer?.toLowerCase(), relayer.toLowerCase());
    const receipt = await mined(hub, answer.body);
    // Empty params: OpenZeppelin's Governor emits a plain VoteCast.
    const [cast] = parseEventLogs({ abi: superchainGovernorAbi, logs: receipt.logs, eventName: "VoteCast" });
    assert.ok(cast, "the governor counted it");
    assert.equal(cast.args.voter.toLowerCase(), hubVoter.address.toLowerCase());
    assert.equal(cast.args.reason, "Relayed: lower latency, same safety.");
    assert.ok(cast.args.weight > 0n);

    const replay = await post("vote", body);
    assert.equal(replay.status, 409);
    assert.equal(replay.body.error?.code, "already_voted");
  });

  it("casts a member-chain ballot with its reason on base-local's aggregator", async () => {
    const body = await ballot("aggregator", spokeVoter, { support: VoteType.Against, reason: "From base-local, gasless." });
    const answer = await post("vote", body);
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    const receipt = await mined(member, answer.body);
    const [cast] = parseEventLogs({ abi: spokeVoteAggregatorAbi, logs: receipt.logs, eventName: "VoteCast" });
    assert.equal(cast?.args.reason, "From base-local, gasless.");
    assert.equal(cast?.args.support, VoteType.Against);
    assert.equal(await member.readContract({ address: devnet.voting.spoke.aggregator, abi: spokeVoteAggregatorAbi, functionName: "hasVoted", args: [proposalId, spokeVoter.address] }), true);
  });

  it("delegates by signature on the hub and on base-local; replayed, expired, forged and no-op delegations are refused", async () => {
    const holder = devAccount(DEV_ROLES.delegates[9]); // holds tokens, never delegated
    const body = await delegation(true, holder, holder.address);
    const before = await relayerNonces();
    const refusals: Array<[unknown, number, string]> = [
      [await delegation(true, holder, holder.address, { expiryShift: -10n }), 400, "expired"],
      [{ ...body, delegatee: hubVoter.address }, 400, "invalid_signature"],
      [{ ...(await delegation(true, stranger, holder.address)), delegator: holder.address }, 400, "invalid_signature"],
      [{ ...body, nonce: "1" }, 400, "future_nonce"],
      [{ ...body, chainId: 4242 }, 404, "unknown_chain"],
    ];
    for (const [request, status, code] of refusals) {
      const answer = await post("delegate", request);
      assert.equal(answer.status, status, `${code}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error?.code, code);
    }
    assert.deepEqual(await relayerNonces(), before, "nothing was sent");

    const answer = await post("delegate", body);
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    await mined(hub, answer.body);
    assert.equal((await hub.readContract({ address: devnet.manifest.contracts.token, abi: superchainTokenAbi, functionName: "delegates", args: [holder.address] })).toLowerCase(), holder.address.toLowerCase());
    const replay = await post("delegate", body);
    assert.equal(replay.status, 409);
    assert.equal(replay.body.error?.code, "stale_nonce");
    const again = await post("delegate", await delegation(true, holder, holder.address));
    assert.equal(again.body.error?.code, "already_delegated");

    const spokeHolder = devAccount(DEV_ROLES.spokeDelegates[1]);
    const onMember = await post("delegate", await delegation(false, spokeHolder, hubVoter.address));
    assert.equal(onMember.status, 202, JSON.stringify(onMember.body));
    await mined(member, onMember.body);
    assert.equal(
      (await member.readContract({ address: devnet.voting.spoke.token, abi: spokeTokenAbi, functionName: "delegates", args: [spokeHolder.address] })).toLowerCase(),
      hubVoter.address.toLowerCase(),
    );
  });

  it("answers 429 with Retry-After past the rate limit, and 503 when the relayer key does not load", async () => {
    const tight: RelayRouteOptions = { limiter: createRateLimiter({ capacity: 2, refillPerSecond: 0.01 }) };
    const body = await ballot("governor", hubVoter, { id: 12_345n });
    const init = { headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.7" } };
    assert.equal((await post("vote", body, tight, init)).status, 404);
    assert.equal((await post("vote", body, tight, init)).status, 404);
    const limited = await post("vote", body, tight, init);
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error?.code, "rate_limited");
    assert.ok(Number(limited.headers.get("retry-after")) >= 1);

    const broken = await post("vote", await ballot("governor", devAccount(DEV_ROLES.delegates[2])), { ...unlimited, env: { SUPERCHAIN_RELAYER_KEY: "0x1234" } });
    assert.equal(broken.status, 503);
    assert.equal(broken.body.error?.code, "relay_disabled");

    const wrongMethod = relayMethodNotAllowed();
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get("allow"), "POST");
  });
});
