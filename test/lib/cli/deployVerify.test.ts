/**
 * `superchain deploy verify` against a real devnet (one per file, no sequencer): a fresh
 * deployment passes; a timelock role kept by an externally owned account, a role left to the
 * deployer, and a manifest address without code each fail and are named; bad input exits 2.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { safe_1_4_1_ContractArtifacts } from "@safe-global/types-kit";
import { createTestClient, createWalletClient, http, numberToHex, parseEther, publicActions, type Address, type Hex } from "viem";

import { loadManifest, viemChain, type Manifest } from "../../../lib/chains/index.ts";
import { superchainTimelockAbi } from "../../../lib/contracts/index.ts";
import { assertHandover, HandoverDeviationError, TIMELOCK_ROLES, verifyDeployment } from "../../../lib/deploy/verify/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { devnetDown, devnetUp, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { superchainCli } from "../../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "deploy-verify-"));
const paths: DevnetPaths = { stateFile: join(dir, "devnet", "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "devnet", "logs") };
const cli = superchainCli({ ...process.env, SUPERCHAIN_DEVNET_DIR: join(dir, "devnet"), SUPERCHAIN_MANIFEST: paths.manifestFile, FORCE_COLOR: "0" }, dir);
/** An account outside every devnet role. */
const OUTSIDER = devAccount(30).address;
const DEPLOYER = devAccount(DEV_ROLES.deployer).address;
/** The head of a Safe's module list. */
const SAFE_SENTINEL: Address = "0x0000000000000000000000000000000000000001";

/** A copy of the devnet's manifest, changed by `edit`, written next to it; returns its path. */
function manifestCopy(name: string, edit: (json: Record<string, any>) => void): string {
  const json = JSON.parse(readFileSync(paths.manifestFile, "utf8")) as Record<string, any>;
  edit(json);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  return file;
}

describe("superchain deploy verify", () => {
  let manifest: Manifest;
  /** Grants or revokes a timelock role as the timelock itself (EDR impersonation), as a proposal would. */
  let asTimelock: (functionName: "grantRole" | "revokeRole", role: Hex, account: Address) => Promise<void>;
  /** Enables or disables a module of the hub's council Safe as the Safe itself, as an executed Safe transaction would. */
  let asSafe: (functionName: "enableModule" | "disableModule", args: readonly [Address] | readonly [Address, Address]) => Promise<void>;

  before(async () => {
    await devnetUp(paths, { ports: { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort() }, sequencer: false });
    manifest = await loadManifest({ path: paths.manifestFile });
    const timelock = manifest.contracts.timelock;
    const safe = manifest.council.safe;
    const node = createTestClient({ mode: "hardhat", transport: http(manifest.hub.rpcUrl) }).extend(publicActions);
    for (const address of [timelock, safe]) {
      await node.impersonateAccount({ address });
      await node.request({ method: "hardhat_setBalance", params: [address, numberToHex(parseEther("1"))] });
    }
    const wallet = (account: Address) => createWalletClient({ account, chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
    const mined = async (hash: Hex) => assert.equal((await node.waitForTransactionReceipt({ hash })).status, "success");
    asTimelock = async (functionName, role, account) => {
      await mined(await wallet(timelock).writeContract({ address: timelock, abi: superchainTimelockAbi, functionName, args: [role, account] }));
    };
    asSafe = async (functionName, args) => {
      await mined(await wallet(safe).writeContract({ address: safe, abi: safe_1_4_1_ContractArtifacts.abi, functionName, args } as never));
    };
  });
  after(async () => {
    await devnetDown(paths);
  });

  it("passes on a fresh devnet, which records its deployer, and says what it checked", async (t) => {
    assert.equal(manifest.deployer, DEPLOYER);
    const started = performance.now();
    const report = await assertHandover({ manifest });
    t.diagnostic(`verifyDeployment on the devnet: ${Math.round(performance.now() - started)} ms, ${report.checks.length} powers, ${report.code.length} addresses`);
    assert.deepEqual(report.deviations, []);
    const powers = report.checks.map((c) => `${c.power.chain.name} ${c.power.contract} ${c.power.power}`);
    for (const expected of [
      "hub SuperchainTimelock PROPOSER_ROLE",
      "hub SuperchainTimelock DEFAULT_ADMIN_ROLE of the deployer",
      "hub SuperchainGovernor proposalGuardian",
      "hub MemberChainRegistry changeApplier",
      "base-local HubStateOracle roles.operator",
      "zora-local Safe owners",
    ]) {
      assert.ok(powers.includes(expected), `${expected} is checked`);
    }

    const run = await cli("deploy", "verify");
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /✓\s+hub\s+SuperchainTimelock\s+PROPOSER_ROLE\s+0x[0-9a-fA-F]{40} \(governor\)/);
    assert.match(run.stdout, /✓ code: (\d+) of \1 manifest addresses hold code/);
    assert.match(run.stdout, new RegExp(`deployer: ${DEPLOYER}`));
  });

  it("fails and names the contract, role and holder when an externally owned account keeps a timelock role", async (t) => {
    await asTimelock("grantRole", TIMELOCK_ROLES.PROPOSER_ROLE, OUTSIDER);
    t.after(() => asTimelock("revokeRole", TIMELOCK_ROLES.PROPOSER_ROLE, OUTSIDER));

    const run = await cli("deploy", "verify", "--manifest", paths.manifestFile);
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /✗ 1 deviation:/);
    assert.match(run.stdout, new RegExp(`hub: SuperchainTimelock ${manifest.contracts.timelock} PROPOSER_ROLE: held by ${OUTSIDER}, expected ${manifest.contracts.governor} \\(governor\\)`));
  });

  it("fails when the deployer keeps a role, both as a holder and by the explicit deployer check", async (t) => {
    await asTimelock("grantRole", TIMELOCK_ROLES.CANCELLER_ROLE, DEPLOYER);
    t.after(() => asTimelock("revokeRole", TIMELOCK_ROLES.CANCELLER_ROLE, DEPLOYER));

    await assert.rejects(assertHandover({ manifest }), HandoverDeviationError);
    const { deviations } = await verifyDeployment({ manifest });
    assert.deepEqual(
      deviations.map((d) => [d.contract, d.power, d.found]),
      [
        ["SuperchainTimelock", "CANCELLER_ROLE", `${DEPLOYER} (deployer)`],
        ["SuperchainTimelock", "CANCELLER_ROLE of the deployer", "true"],
      ],
    );
  });

  it("finds a role the expectations do not name, from the grant logs", async (t) => {
    const role = "0x00000000000000000000000000000000000000000000000000000000000000aa";
    await asTimelock("grantRole", role, OUTSIDER);
    t.after(() => asTimelock("revokeRole", role, OUTSIDER));
    const { deviations } = await verifyDeployment({ manifest });
    assert.deepEqual(deviations.map((d) => [d.power, d.found]), [[role, OUTSIDER]]);
  });

  it("fails naming a module enabled on the council Safe", async (t) => {
    await asSafe("enableModule", [OUTSIDER]);
    t.after(() => asSafe("disableModule", [SAFE_SENTINEL, OUTSIDER]));
    const { deviations } = await verifyDeployment({ manifest });
    assert.deepEqual(
      deviations.map((d) => d.message),
      [`hub: Safe ${manifest.council.safe} modules: held by ${OUTSIDER}, expected none`],
    );
  });

  it("fails naming the address when a manifest address holds no code, checking the deployer given", async () => {
    const empty = devAccount(31).address;
    const file = manifestCopy("no-code", (json) => {
      json["members"][0]["spoke"]["verifier"] = empty;
    });
    // --deployer names the account to check instead of the manifest's.
    const run = await cli("deploy", "verify", "--manifest", file, "--deployer", OUTSIDER.toLowerCase());
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, new RegExp(`deployer: ${OUTSIDER}`));
    assert.match(run.stdout, new RegExp(`base-local: no code at ${empty} \\(members\\[0\\]\\.spoke\\.verifier\\)`));
    assert.match(run.stdout, /✗ 1 deviation:/);
  });

  it("fails naming the council Safe's owners and threshold when the manifest disagrees", async () => {
    const file = manifestCopy("council", (json) => {
      json["council"]["owners"] = [...json["council"]["owners"].slice(0, 2), OUTSIDER];
      json["council"]["threshold"] = 3;
    });
    const { deviations } = await verifyDeployment({ manifest: await loadManifest({ path: file }) });
    const safe = deviations.filter((d) => d.contract === "Safe");
    // On the hub and both member chains: a missing owner, an owner not in the manifest, the threshold.
    assert.equal(safe.length, 9);
    assert.ok(safe.some((d) => d.power === "threshold" && d.found === "2" && d.expected === "3"));
  });

  it("exits 1 when a chain does not answer", async () => {
    const port = await freePort();
    const file = manifestCopy("unreachable", (json) => {
      json["members"][1]["rpcUrl"] = `http://127.0.0.1:${port}`;
    });
    const run = await cli("deploy", "verify", "--manifest", file);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`error: zora-local does not answer at http://127.0.0.1:${port}`));
  });

  it("exits 2 with a clear message on bad input", async () => {
    const notJson = join(dir, "not-json.json");
    writeFileSync(notJson, "{ nope");
    const cases: Array<[string[], RegExp]> = [
      [["deploy", "verify", "no-such-deployment"], /error: unknown deployment "no-such-deployment": cannot use .*deployments\/no-such-deployment\.json: .*/],
      [["deploy", "verify", "Not_A_Name"], /error: <name> must be a deployment name in kebab-case/],
      [["deploy", "verify", "--manifest", join(dir, "missing.json")], /error: cannot use the manifest .*missing\.json: /],
      [["deploy", "verify", "--manifest", notJson], /error: cannot use the manifest .*not-json\.json: .*\n.*not valid JSON/],
      [["deploy", "verify", "devnet", "--manifest", paths.manifestFile], /error: give a deployment name or --manifest, not both/],
      [["deploy", "verify", "--deployer", "0x1234"], /error: --deployer must be a 20-byte 0x-prefixed hex address, got "0x1234"/],
      [["deploy", "verify", "--bogus"], /error: unknown option --bogus/],
      [["deploy", "verify", "a", "b"], /error: unexpected argument "b"/],
    ];
    const runs = await Promise.all(cases.map(([args]) => cli(...args)));
    cases.forEach(([args, message], i) => {
      const run = runs[i]!;
      assert.equal(run.code, 2, `${args.join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, message, args.join(" "));
      assert.match(run.stderr, /Usage: superchain deploy verify/);
    });
  });
});
