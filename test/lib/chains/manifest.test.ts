/**
 * lib/chains: the deployment manifest's schema, loading and writing, and the helpers the web app,
 * the sequencer and the CLI read chains and contracts through. Files live in a fresh temp folder.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import { getAddress } from "viem";

import {
  chainById,
  chainName,
  governanceContracts,
  loadManifest,
  ManifestError,
  ManifestInvalidError,
  ManifestNotFoundError,
  ManifestUnknownChainError,
  memberChains,
  parseManifest,
  resolveManifestPath,
  viemChain,
  writeManifest,
  type ManifestInput,
} from "../../../lib/chains/index.ts";
import { buildManifest } from "../../helpers/manifest.ts";

const dir = mkdtempSync(join(tmpdir(), "superchain-manifest-"));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A mutable, loosely typed copy of the fixture, for breaking it on purpose. */
type Loose = any;
const broken = (mutate: (manifest: Loose) => void): unknown => {
  const manifest: Loose = buildManifest();
  mutate(manifest);
  return manifest;
};

/** Asserts parsing fails with ManifestInvalidError and an issue on `field`; returns the error. */
function assertInvalid(input: unknown, field: string, messagePart?: RegExp): ManifestInvalidError {
  let caught: unknown;
  try {
    parseManifest(input, "fixture.json");
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ManifestInvalidError, `expected ManifestInvalidError, got ${String(caught)}`);
  const issue = caught.issues.find((candidate) => candidate.path === field);
  assert.ok(issue, `no issue on ${field}; issues: ${caught.details}`);
  if (messagePart) assert.match(issue.message, messagePart);
  assert.match(caught.details ?? "", new RegExp(`^${field.replace(/[.[\]]/g, "\\$&")}: `, "m"), "details list the field, one line each");
  assert.ok(caught.message.includes(`${field}: ${issue.message}`), "the message carries the details");
  assert.match(caught.message, /fixture\.json/);
  return caught;
}

describe("parseManifest", () => {
  it("accepts a valid manifest and checksums every address", () => {
    const input = buildManifest();
    const manifest = parseManifest(input, "fixture.json");
    assert.equal(manifest.hub.chainId, 900);
    assert.deepEqual(
      manifest.members.map((member) => member.name),
      ["base-local", "zora-local"],
    );
    assert.equal(manifest.contracts.governor, getAddress(input.contracts.governor));
    assert.notEqual(manifest.contracts.governor, input.contracts.governor, "the fixture is lowercase, the output checksummed");
    assert.deepEqual(manifest.council.owners, input.council.owners.map((owner) => getAddress(owner)));
    assert.equal(manifest.safe.multiSendCallOnly, getAddress(input.safe.multiSendCallOnly));
    assert.equal(manifest.deployBlocks["token"], 1n);
    assert.equal(manifest.deployBlocks["timelock"], 2n);
  });

  it("lists every problem at once, one path: message line each", () => {
    const error = assertInvalid(
      broken((m) => {
        m.contracts.token = "0x12";
        m.hub.rpcUrl = "ftp://127.0.0.1";
        delete m.network;
      }),
      "contracts.token",
    );
    assert.deepEqual(error.issues.map((issue) => issue.path).sort(), ["contracts.token", "hub.rpcUrl", "network"]);
    assert.doesNotMatch(error.message, /[{}]/, "no JSON dumps");
  });

  it("rejects a wrong version", () => {
    assertInvalid(broken((m) => (m.version = 2)), "version", /unsupported manifest version 2/);
  });

  it("rejects an invalid address", () => {
    assertInvalid(broken((m) => (m.council.owners[1] = "0xnothex")), "council.owners[1]", /address/);
    assertInvalid(broken((m) => (m.safe.multiSend = 42)), "safe.multiSend", /address/);
  });

  it("rejects a duplicate member chain id", () => {
    assertInvalid(broken((m) => (m.members[1].chainId = 901)), "members[1].chainId", /duplicate chain id 901/);
  });

  it("rejects a member with the hub's chain id", () => {
    assertInvalid(broken((m) => (m.members[0].chainId = 900)), "members[0].chainId", /hub's chain id/);
  });

  it("rejects a threshold above the number of owners", () => {
    assertInvalid(broken((m) => (m.council.threshold = 4)), "council.threshold", /exceeds the number of owners \(3\)/);
    assertInvalid(broken((m) => (m.council.threshold = 0)), "council.threshold");
  });

  it("rejects a duplicate owner, whatever its case", () => {
    assertInvalid(broken((m) => m.council.owners.push(getAddress(m.council.owners[0]))), "council.owners[3]", /duplicate owner/);
  });

  it("rejects an unknown key, naming it", () => {
    assertInvalid(
      broken((m) => {
        m.contracts.govenor = m.contracts.governor;
      }),
      "contracts.govenor",
      /unknown key/,
    );
    assertInvalid(broken((m) => (m.members[0].sequencerRPCUrl = "http://x")), "members[0].sequencerRPCUrl", /unknown key/);
  });

  it("rejects a non-http RPC URL", () => {
    assertInvalid(broken((m) => (m.hub.rpcUrl = "ws://127.0.0.1:8545")), "hub.rpcUrl", /http/);
    assertInvalid(broken((m) => (m.members[1].rpcUrl = "not a url")), "members[1].rpcUrl", /http/);
  });

  it("rejects a sequencer RPC URL on the hub", () => {
    assertInvalid(broken((m) => (m.hub.sequencerRpcUrl = "http://127.0.0.1:7545")), "hub.sequencerRpcUrl", /hub has no sequencer/);
  });

  it("checks a replicated sequencer's replica URLs: members only, including the member's sequencer URL", () => {
    assertInvalid(broken((m) => (m.hub.sequencerReplicaUrls = ["http://127.0.0.1:7545"])), "hub.sequencerReplicaUrls", /hub has no sequencer replicas/);
    assertInvalid(
      broken((m) => {
        m.members[0].sequencerRpcUrl = "http://127.0.0.1:7545/901";
        m.members[0].sequencerReplicaUrls = ["http://127.0.0.1:7546/901"];
      }),
      "members[0].sequencerReplicaUrls",
      /must include the member's sequencerRpcUrl/,
    );
    assertInvalid(broken((m) => (m.members[0].sequencerReplicaUrls = ["ftp://x"])), "members[0].sequencerReplicaUrls[0]", /http/);
    assertInvalid(broken((m) => (m.members[0].sequencerReplicaUrls = [])), "members[0].sequencerReplicaUrls");
  });

  it("checks roles, names, member count and deploy blocks", () => {
    assertInvalid(broken((m) => (m.hub.role = "member")), "hub.role");
    assertInvalid(broken((m) => (m.members[0].role = "hub")), "members[0].role");
    assertInvalid(broken((m) => (m.members[0].name = "Base Local")), "members[0].name", /kebab-case/);
    assertInvalid(broken((m) => (m.members = [])), "members", /at least one/);
    assertInvalid(broken((m) => (m.deployBlocks.token = "-1")), "deployBlocks.token", /block number/);
    assertInvalid(broken((m) => (m.createdAt = "yesterday")), "createdAt", /ISO 8601/);
  });

  it("says which field is missing", () => {
    assertInvalid(broken((m) => delete m.council), "council", /required/);
  });
});

describe("loadManifest and writeManifest", () => {
  it("round-trips: write, then load gives the same manifest", async () => {
    const path = join(dir, "roundtrip", "deployments", "devnet.json");
    const manifest = parseManifest(buildManifest(), "fixture");
    await writeManifest(path, manifest);
    const loaded = await loadManifest({ path });
    assert.deepEqual(loaded, manifest);
    const text = readFileSync(path, "utf8");
    assert.ok(text.endsWith("}\n"));
    assert.match(text, /^ {2}"version": 1,$/m, "2-space indent");
    assert.match(text, /"token": "1"/, "block numbers as decimal strings");
    assert.deepEqual(readdirSync(join(dir, "roundtrip", "deployments")), ["devnet.json"], "no temp file left behind");
    await writeManifest(path, loaded);
    assert.equal(readFileSync(path, "utf8"), text, "stable output");
  });

  it("refuses to write an invalid manifest", async () => {
    const path = join(dir, "refused.json");
    await assert.rejects(writeManifest(path, broken((m) => (m.version = 3)) as ManifestInput), ManifestInvalidError);
    assert.throws(() => readFileSync(path), /ENOENT/);
  });

  it("a missing file says where it looked and how to create one", async () => {
    const path = join(dir, "nowhere", "devnet.json");
    await assert.rejects(loadManifest({ path }), (error: unknown) => {
      assert.ok(error instanceof ManifestNotFoundError);
      assert.ok(error instanceof ManifestError);
      assert.equal(error.path, path);
      assert.ok(error.message.includes(path));
      assert.match(error.message, /superchain devnet up/);
      assert.match(error.message, /SUPERCHAIN_MANIFEST/);
      return true;
    });
  });

  it("malformed JSON names the file and the parse error", async () => {
    const path = join(dir, "malformed.json");
    writeFileSync(path, '{ "version": 1, ');
    await assert.rejects(loadManifest({ path }), (error: unknown) => {
      assert.ok(error instanceof ManifestInvalidError);
      assert.equal(error.source, path);
      assert.ok(error.message.includes(path));
      assert.match(error.message, /not valid JSON: .+/);
      return true;
    });
  });

  it("a schema error from a file names the file and the field", async () => {
    const path = join(dir, "typo.json");
    writeFileSync(path, JSON.stringify(broken((m) => (m.council.treshold = 2))));
    await assert.rejects(loadManifest({ path }), (error: unknown) => {
      assert.ok(error instanceof ManifestInvalidError);
      assert.ok(error.message.includes(path));
      assert.match(error.details ?? "", /^council\.treshold: unknown key/m);
      return true;
    });
  });
});

describe("resolveManifestPath", () => {
  it("defaults to deployments/devnet.json under cwd", () => {
    assert.equal(resolveManifestPath({ env: {}, cwd: "/repo" }), "/repo/deployments/devnet.json");
    assert.equal(resolveManifestPath({ network: "testnet", env: {}, cwd: "/repo" }), "/repo/deployments/testnet.json");
  });

  it("SUPERCHAIN_MANIFEST overrides the network default; an explicit path overrides both", () => {
    const env = { SUPERCHAIN_MANIFEST: "config/mainnet.json" };
    assert.equal(resolveManifestPath({ env, cwd: "/repo" }), "/repo/config/mainnet.json");
    assert.equal(resolveManifestPath({ network: "testnet", env: { SUPERCHAIN_MANIFEST: "/etc/m.json" }, cwd: "/repo" }), "/etc/m.json");
    assert.equal(resolveManifestPath({ path: "/explicit.json", env, cwd: "/repo" }), "/explicit.json");
    assert.equal(resolveManifestPath({ env: { SUPERCHAIN_MANIFEST: "" }, cwd: "/repo" }), "/repo/deployments/devnet.json");
  });

  it("loadManifest follows SUPERCHAIN_MANIFEST", async () => {
    const path = join(dir, "elsewhere", "custom.json");
    await writeManifest(path, buildManifest());
    const manifest = await loadManifest({ env: { SUPERCHAIN_MANIFEST: path }, cwd: "/nonexistent" });
    assert.equal(manifest.network, "devnet");
  });

  it("SUPERCHAIN_DEPLOYMENT names the deployment when no network is given; an explicit network or path wins", () => {
    const env = { SUPERCHAIN_DEPLOYMENT: "sepolia" };
    assert.equal(resolveManifestPath({ env, cwd: "/repo" }), "/repo/deployments/sepolia.json");
    assert.equal(resolveManifestPath({ network: "testnet", env, cwd: "/repo" }), "/repo/deployments/testnet.json");
    assert.equal(resolveManifestPath({ env: { ...env, SUPERCHAIN_MANIFEST: "/etc/m.json" }, cwd: "/repo" }), "/etc/m.json");
    assert.throws(() => resolveManifestPath({ env: { SUPERCHAIN_DEPLOYMENT: "../etc" } }), ManifestError);
  });

  it("rejects a network name that is not kebab-case", () => {
    assert.throws(() => resolveManifestPath({ network: "../etc", env: {} }), ManifestError);
  });
});

describe("chain helpers", () => {
  const manifest = parseManifest(buildManifest(), "fixture");

  it("chainById finds the hub and members by number or bigint", () => {
    assert.equal(chainById(manifest, 900).role, "hub");
    assert.equal(chainById(manifest, 902n).name, "zora-local");
    assert.equal(chainName(manifest, 901), "base-local");
    assert.deepEqual(
      memberChains(manifest).map((chain) => chain.chainId),
      [901, 902],
    );
  });

  it("chainById on an unknown id lists the known ids", () => {
    assert.throws(
      () => chainById(manifest, 999),
      (error: unknown) => {
        assert.ok(error instanceof ManifestUnknownChainError);
        assert.equal(error.chainId, 999);
        assert.deepEqual(error.knownChainIds, [900, 901, 902]);
        assert.match(error.message, /999/);
        assert.match(error.message, /900 \(hub\), 901 \(base-local\), 902 \(zora-local\)/);
        return true;
      },
    );
  });

  it("governanceContracts gives the codec's shape", () => {
    assert.deepEqual(governanceContracts(manifest), {
      governor: manifest.contracts.governor,
      timelock: manifest.contracts.timelock,
      memberChains: manifest.contracts.memberChains,
      sequencerConfig: manifest.contracts.sequencerConfig,
    });
  });

  it("viemChain points members at the sequencer when it exists, else at the node", () => {
    const base = viemChain(chainById(manifest, 901));
    assert.equal(base.id, 901);
    assert.equal(base.name, "base-local");
    assert.deepEqual(base.nativeCurrency, { name: "Ether", symbol: "ETH", decimals: 18 });
    assert.deepEqual(base.rpcUrls.default.http, ["http://127.0.0.1:7545/901"]);
    assert.deepEqual(viemChain(chainById(manifest, 902)).rpcUrls.default.http, ["http://127.0.0.1:10545"]);
    assert.deepEqual(viemChain(manifest.hub).rpcUrls.default.http, ["http://127.0.0.1:8545"]);
  });
});
