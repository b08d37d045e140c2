/**
 * The proposal page's cross-chain API (`/api/crosschain/learn|relay`) without a devnet: every
 * malformed, oversized or unknown input is refused with a clear 4xx JSON error before any chain
 * is asked; an unreachable chain is a 502, a missing deployment a 503. The wire format round
 * trips and refuses answers that are not the call the page asked for; the "not yet relayed"
 * arithmetic never goes negative.
 */
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { getAddress, maxUint256, type Address, type Hex } from "viem";

import { spokeVoteAggregatorAbi, spokeVotePoolAbi } from "../../../lib/contracts/index.ts";
import { CrosschainApiError, getCrosschainCall, parseCrosschainQuery } from "../../../lib/web/proposals/crosschainHttp.ts";
import { learnCallToJson, learnWriteFromJson, relayCallToJson, relayWriteFromJson, type CrosschainRefusalJson } from "../../../lib/web/proposals/crosschainWire.ts";
import { unrelayedVotes } from "../../../lib/web/proposals/spokes.ts";
import { buildManifest, lowercaseAddress } from "../../helpers/manifest.ts";

/** A port nothing listens on: the chains of the fixture manifest are unreachable. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function call(action: "learn" | "relay", query: string) {
  const response = await getCrosschainCall(action, new Request(`http://127.0.0.1/api/crosschain/${action}?${query}`));
  return { status: response.status, body: (await response.json()) as Partial<CrosschainRefusalJson> & { call?: unknown } };
}

const AGGREGATOR = getAddress(lowercaseAddress(0xd3));
const POOL = getAddress(lowercaseAddress(0xd1));
const PROOF: Hex[] = ["0xf90211a0", "0xe5a0"];

describe("crosschain API: query parsing", () => {
  const refused = (query: string, pattern: RegExp) => {
    assert.throws(
      () => parseCrosschainQuery(new URLSearchParams(query)),
      (error: unknown) => error instanceof CrosschainApiError && error.code === "malformed" && error.status === 400 && pattern.test(error.shortMessage),
      query,
    );
  };

  it("reads one member chain id and one decimal proposal id", () => {
    assert.deepEqual(parseCrosschainQuery(new URLSearchParams("chainId=901&proposalId=42")), { chainId: 901, proposalId: 42n });
    assert.deepEqual(parseCrosschainQuery(new URLSearchParams(`proposalId=${maxUint256}&chainId=902`)), { chainId: 902, proposalId: maxUint256 });
    assert.deepEqual(parseCrosschainQuery(new URLSearchParams("chainId=901&proposalId=0")), { chainId: 901, proposalId: 0n });
  });

  it("refuses missing, repeated and unknown parameters", () => {
    refused("", /chainId exactly once/);
    refused("chainId=901", /proposalId exactly once/);
    refused("chainId=901&chainId=902&proposalId=1", /chainId exactly once/);
    refused("chainId=901&proposalId=1&proposalId=2", /proposalId exactly once/);
    refused("chainId=901&proposalId=1&kind=deposit", /Unknown parameter "kind"/);
    refused(`chainId=901&proposalId=1&${"x".repeat(40)}=1`, /Unknown parameter "x{32}"/);
  });

  it("refuses chain ids that are not positive decimal integers", () => {
    for (const chainId of ["0", "-901", "0901", "901.0", "0x385", "abc", " 901", "1".repeat(17), "99999999999999999"]) {
      refused(`chainId=${encodeURIComponent(chainId)}&proposalId=1`, /chainId|too long/);
    }
  });

  it("refuses proposal ids that are not decimal uint256", () => {
    for (const proposalId of ["-1", "01", "0x2a", "1e3", "", "4.2", (maxUint256 + 1n).toString(), "9".repeat(78)]) {
      refused(`chainId=901&proposalId=${encodeURIComponent(proposalId)}`, /proposalId/);
    }
  });

  it("refuses an oversized query before reading it", () => {
    refused(`chainId=901&proposalId=1&pad=${"a".repeat(300)}`, /too long/);
  });
});

describe("crosschain API: routes", () => {
  const dir = mkdtempSync(join(tmpdir(), "crosschain-api-"));
  const manifestFile = join(dir, "devnet.json");
  const previous = process.env.SUPERCHAIN_MANIFEST;

  before(async () => {
    const manifest = buildManifest() as any;
    const [hubPort, basePort, zoraPort] = [await closedPort(), await closedPort(), await closedPort()];
    manifest.hub.rpcUrl = `http://127.0.0.1:${hubPort}`;
    manifest.members[0].rpcUrl = `http://127.0.0.1:${basePort}`;
    manifest.members[1].rpcUrl = `http://127.0.0.1:${zoraPort}`;
    manifest.contracts.outputOracle = lowercaseAddress(0xa6);
    manifest.members[0].hubStateOracle = lowercaseAddress(0xd0);
    manifest.members[0].spoke = { pool: lowercaseAddress(0xd1), token: lowercaseAddress(0xd2), aggregator: lowercaseAddress(0xd3), verifier: lowercaseAddress(0xd4) };
    writeFileSync(manifestFile, JSON.stringify(manifest));
    process.env.SUPERCHAIN_MANIFEST = manifestFile;
  });
  after(() => {
    if (previous === undefined) delete process.env.SUPERCHAIN_MANIFEST;
    else process.env.SUPERCHAIN_MANIFEST = previous;
  });

  it("answers malformed input with 400 JSON on both routes", async () => {
    for (const action of ["learn", "relay"] as const) {
      const { status, body } = await call(action, "chainId=901&proposalId=0x01");
      assert.equal(status, 400, action);
      assert.equal(body.error?.code, "malformed");
      assert.match(body.error?.message ?? "", /proposalId/);
    }
  });

  it("answers 404 for a chain the deployment does not have, and for chains without cross-chain voting", async () => {
    const unknown = await call("learn", "chainId=999&proposalId=1");
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error?.code, "unknown_chain");
    for (const chainId of [900, 902]) {
      const { status, body } = await call("relay", `chainId=${chainId}&proposalId=1`);
      assert.equal(status, 404, String(chainId));
      assert.equal(body.error?.code, "no_spoke");
      assert.match(body.error?.message ?? "", new RegExp(`Chain ${chainId}`));
    }
  });

  it("answers 502 when the chains do not answer, never a stack trace", async () => {
    const { status, body } = await call("learn", "chainId=901&proposalId=1");
    assert.equal(status, 502);
    assert.deepEqual(body, { error: { code: "chain_unreachable", message: "A chain did not answer while preparing the proof; try again." } });
  });

  it("answers 503 when there is no deployment manifest", async () => {
    process.env.SUPERCHAIN_MANIFEST = join(dir, "missing.json");
    try {
      const { status, body } = await call("relay", "chainId=901&proposalId=1");
      assert.equal(status, 503);
      assert.equal(body.error?.code, "unavailable");
    } finally {
      process.env.SUPERCHAIN_MANIFEST = manifestFile;
    }
  });
});

describe("crosschain API: wire format", () => {
  const learn = { chainId: 901, address: AGGREGATOR, abi: spokeVoteAggregatorAbi, functionName: "learnProposal", args: [7n, 120n, PROOF, PROOF] } as const;
  const tally = { againstVotes: 1n, forVotes: 2n * 10n ** 24n, abstainVotes: 0n };
  const relay = { chainId: 900, address: POOL, abi: spokeVotePoolAbi, functionName: "relayTally", args: [7n, 88n, tally, PROOF, PROOF] } as const;

  it("round-trips a learnProposal call through JSON, bigints as decimal strings", () => {
    const json = JSON.parse(JSON.stringify(learnCallToJson(learn)));
    assert.deepEqual(json.args.slice(0, 2), ["7", "120"]);
    const write = learnWriteFromJson(json, { chainId: 901, address: AGGREGATOR, proposalId: 7n });
    assert.deepEqual(write, { chainId: 901, address: AGGREGATOR, abi: spokeVoteAggregatorAbi, functionName: "learnProposal", args: [7n, 120n, PROOF, PROOF] });
  });

  it("round-trips a relayTally call through JSON, the tally as a struct", () => {
    const json = JSON.parse(JSON.stringify(relayCallToJson(relay)));
    assert.deepEqual(json.args[2], { againstVotes: "1", forVotes: (2n * 10n ** 24n).toString(), abstainVotes: "0" });
    const write = relayWriteFromJson(json, { chainId: 900, address: POOL, proposalId: 7n });
    assert.deepEqual(write?.args, [7n, 88n, tally, PROOF, PROOF]);
    assert.equal(write?.functionName, "relayTally");
  });

  it("refuses an answer that is not the call the page asked for: other chain, contract, proposal or function", () => {
    const json = JSON.parse(JSON.stringify(learnCallToJson(learn)));
    const expected = { chainId: 901, address: AGGREGATOR, proposalId: 7n };
    assert.equal(learnWriteFromJson(json, { ...expected, chainId: 902 }), undefined);
    assert.equal(learnWriteFromJson(json, { ...expected, address: getAddress(lowercaseAddress(0xee)) as Address }), undefined);
    assert.equal(learnWriteFromJson(json, { ...expected, proposalId: 8n }), undefined);
    assert.equal(relayWriteFromJson(json, expected), undefined, "a learn answer is never a relay");
    assert.equal(learnWriteFromJson({ ...json, functionName: "castVote" }, expected), undefined);
  });

  it("refuses malformed proofs and numbers", () => {
    const json = JSON.parse(JSON.stringify(learnCallToJson(learn)));
    const expected = { chainId: 901, address: AGGREGATOR, proposalId: 7n };
    const withArgs = (args: unknown[]) => learnWriteFromJson({ ...json, args }, expected);
    assert.equal(withArgs(["7", "120", ["0xabc"], PROOF]), undefined, "odd-length hex");
    assert.equal(withArgs(["7", "120", ["zz"], PROOF]), undefined, "not hex");
    assert.equal(withArgs(["7", "120", Array(65).fill("0x00"), PROOF]), undefined, "too many nodes");
    assert.equal(withArgs(["7", "120", [`0x${"00".repeat(5000)}`], PROOF]), undefined, "oversized node");
    assert.equal(withArgs(["7", "-1", PROOF, PROOF]), undefined, "negative block");
    assert.equal(withArgs([7, "120", PROOF, PROOF]), undefined, "number instead of decimal string");
    assert.equal(learnWriteFromJson(undefined, expected), undefined);
  });
});

describe("not yet relayed votes", () => {
  const t = (againstVotes: bigint, forVotes: bigint, abstainVotes: bigint) => ({ againstVotes, forVotes, abstainVotes });

  it("is what the chain counted beyond the relayed tally, or nothing", () => {
    assert.deepEqual(unrelayedVotes(t(1n, 5n, 0n), t(1n, 2n, 0n)), t(0n, 3n, 0n));
    assert.equal(unrelayedVotes(t(1n, 5n, 0n), t(1n, 5n, 0n)), undefined);
    assert.equal(unrelayedVotes(t(0n, 0n, 0n), t(0n, 0n, 0n)), undefined);
  });

  it("never goes negative when the relay was proven at a newer block than the chain was read", () => {
    assert.equal(unrelayedVotes(t(0n, 2n, 0n), t(0n, 3n, 0n)), undefined);
    assert.deepEqual(unrelayedVotes(t(4n, 2n, 0n), t(0n, 3n, 0n)), t(4n, 0n, 0n));
  });
});
