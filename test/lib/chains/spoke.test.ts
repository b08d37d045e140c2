/**
 * The manifest's cross-chain voting fields: `members[i].spoke` (pool on the hub; token,
 * aggregator and verifier on the member) and `contracts.stateProofVerifier`, both optional so
 * manifests written before cross-chain voting stay valid, and strict like the rest.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { getAddress } from "viem";

import {
  ManifestInvalidError,
  ManifestNoSpokeError,
  ManifestUnknownChainError,
  parseManifest,
  votingMember,
  votingMembers,
  type ManifestInput,
} from "../../../lib/chains/index.ts";
import { buildManifest, lowercaseAddress } from "../../helpers/manifest.ts";

type Loose = any;

/** The fixture with cross-chain voting on base-local (and, with `both`, on zora-local). */
function withSpokes({ both = false } = {}): Loose {
  const manifest: Loose = buildManifest();
  manifest.contracts.outputOracle = lowercaseAddress(0xa6);
  manifest.contracts.stateProofVerifier = lowercaseAddress(0xa7);
  manifest.members[0].hubStateOracle = lowercaseAddress(0xd0);
  manifest.members[0].spoke = { pool: lowercaseAddress(0xd1), token: lowercaseAddress(0xd2), aggregator: lowercaseAddress(0xd3), verifier: lowercaseAddress(0xd4), deployBlock: "12" };
  if (both) {
    manifest.members[1].hubStateOracle = lowercaseAddress(0xe0);
    manifest.members[1].spoke = { pool: lowercaseAddress(0xe1), token: lowercaseAddress(0xe2), aggregator: lowercaseAddress(0xe3), verifier: lowercaseAddress(0xe4) };
  }
  return manifest;
}

function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    parseManifest(input, "fixture.json");
  } catch (error) {
    assert.ok(error instanceof ManifestInvalidError, String(error));
    return [...error.issues];
  }
  assert.fail("the manifest was accepted");
}

function assertIssue(input: unknown, path: string, message: RegExp) {
  const issues = issuesOf(input);
  const issue = issues.find((i) => i.path === path);
  assert.ok(issue, `no issue on ${path}: ${JSON.stringify(issues)}`);
  assert.match(issue.message, message);
}

describe("manifest: cross-chain voting fields", () => {
  it("accepts spoke contracts and the hub verifier, checksummed, the deploy block as a bigint", () => {
    const manifest = parseManifest(withSpokes({ both: true }), "fixture.json");
    assert.equal(manifest.contracts.stateProofVerifier, getAddress(lowercaseAddress(0xa7)));
    assert.deepEqual(manifest.members[0]!.spoke, {
      pool: getAddress(lowercaseAddress(0xd1)),
      token: getAddress(lowercaseAddress(0xd2)),
      aggregator: getAddress(lowercaseAddress(0xd3)),
      verifier: getAddress(lowercaseAddress(0xd4)),
      deployBlock: 12n,
    });
    assert.equal(manifest.members[1]!.spoke?.deployBlock, undefined, "deployBlock is optional");
  });

  it("keeps older manifests valid: no spoke anywhere, no verifier", () => {
    const manifest = parseManifest(buildManifest(), "fixture.json");
    assert.equal(manifest.contracts.stateProofVerifier, undefined);
    assert.deepEqual(votingMembers(manifest), []);
  });

  it("is strict: unknown keys, missing or invalid addresses are named", () => {
    assertIssue((() => { const m = withSpokes(); m.members[0].spoke.bridge = lowercaseAddress(0xff); return m; })(), "members[0].spoke.bridge", /unknown key/);
    assertIssue((() => { const m = withSpokes(); delete m.members[0].spoke.aggregator; return m; })(), "members[0].spoke.aggregator", /is required/);
    assertIssue((() => { const m = withSpokes(); m.members[0].spoke.pool = "0x1234"; return m; })(), "members[0].spoke.pool", /20-byte/);
    assertIssue((() => { const m = withSpokes(); m.members[0].spoke = "0x1234"; return m; })(), "members[0].spoke", /must be an object with pool, token, aggregator and verifier/);
    assertIssue((() => { const m = withSpokes(); m.contracts.stateProofVerifier = 7; return m; })(), "contracts.stateProofVerifier", /address/);
  });

  it("refuses spoke contracts on the hub, and a spoke without the oracles it proves against", () => {
    assertIssue((() => { const m = withSpokes(); m.hub.spoke = m.members[0].spoke; return m; })(), "hub.spoke", /the hub has no spoke contracts/);
    assertIssue((() => { const m = withSpokes(); delete m.members[0].hubStateOracle; return m; })(), "members[0].hubStateOracle", /is required when the member lists spoke contracts/);
    assertIssue((() => { const m = withSpokes(); delete m.contracts.outputOracle; return m; })(), "contracts.outputOracle", /is required when a member lists spoke contracts/);
  });

  it("refuses two members sharing one pool", () => {
    const m = withSpokes({ both: true });
    m.members[1].spoke.pool = lowercaseAddress(0xd1).toUpperCase().replace("0X", "0x");
    assertIssue(m, "members[1].spoke.pool", /duplicate pool .* \(also members\[0\]\)/);
  });

  it("votingMembers and votingMember give every address a crossing needs", () => {
    const manifest = parseManifest(withSpokes() as ManifestInput, "fixture.json");
    assert.deepEqual(votingMembers(manifest).map((m) => m.chain.name), ["base-local"]);
    const base = votingMember(manifest, 901n);
    assert.equal(base.spoke.pool, getAddress(lowercaseAddress(0xd1)));
    assert.equal(base.hubStateOracle, getAddress(lowercaseAddress(0xd0)));
    assert.equal(base.outputOracle, getAddress(lowercaseAddress(0xa6)));
    assert.equal(base.governor, manifest.contracts.governor);

    assert.throws(() => votingMember(manifest, 902), (error: unknown) => error instanceof ManifestNoSpokeError && /zora-local/.test(error.shortMessage) && /901 \(base-local\)/.test(error.details ?? ""));
    assert.throws(() => votingMember(manifest, 900), ManifestNoSpokeError, "the hub votes directly");
    assert.throws(() => votingMember(manifest, 999), ManifestUnknownChainError);
  });
});
