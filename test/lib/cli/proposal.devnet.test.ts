/**
 * `superchain proposal create|vote|queue|execute` and `superchain council decide` on a devnet,
 * signed with keystores: a delegate proposes a sequencer change from a JSON file, two delegates
 * vote for it, it is queued and then executed through the timelock, which schedules the change on
 * the registry; two council owners approve it through the Safe. Each step taken too early is
 * refused with its reason, and bad input is refused before any key is read.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { createPublicClient, http } from "viem";

import { loadManifest, viemChain, type Manifest } from "../../../lib/chains/index.ts";
import { sequencerConfigRegistryAbi, superchainGovernorAbi } from "../../../lib/contracts/index.ts";
import { DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { devnetDown, devnetUp, readDevnetState, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { hdPrivateKey } from "../../../lib/devnet/keys.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { advanceTime } from "../../../lib/devnet/time.ts";
import { writeKeystore } from "../../../lib/keys/index.ts";
import { superchainCli } from "../../helpers/cli.ts";
import { tempFolder } from "../../helpers/tempFiles.ts";

const PASSWORD = "a delegate's keystore password";

describe("superchain proposal and council decide (governance from the terminal, keystores)", () => {
  const { dir, file } = tempFolder("superchain-proposal-");
  const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
  const cli = superchainCli({ ...process.env, FORCE_COLOR: "0" }, dir);
  const passwordFile = file("password", `${PASSWORD}\n`);
  const voters = DEV_ROLES.delegates.slice(0, 2);
  const [proposer, supporter] = voters.map((index) => join(dir, `delegate-${index}.json`));
  const owners = DEV_ROLES.councilOwners.slice(0, 2).map((index) => join(dir, `owner-${index}.json`));
  let manifest: Manifest;
  const advance = async (seconds: bigint) => advanceTime(readDevnetState(paths)!.nodes, seconds);
  const read = (functionName: "votingDelay" | "votingPeriod") => hub().readContract({ address: manifest.contracts.governor, abi: superchainGovernorAbi, functionName });
  const hub = () => createPublicClient({ chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
  const signed = (keystore: string) => ["--keystore", keystore, "--password-file", passwordFile, "--manifest", paths.manifestFile];

  before(async () => {
    await devnetUp(paths, { ports: { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort() }, sequencer: false });
    manifest = await loadManifest({ path: paths.manifestFile });
    // Small scrypt costs for the test's own keystores; the CLI reads whatever cost a keystore names.
    await Promise.all(
      [...voters.map((index, i) => ({ index, out: [proposer, supporter][i]! })), ...DEV_ROLES.councilOwners.slice(0, 2).map((index, i) => ({ index, out: owners[i]! }))].map(({ index, out }) =>
        writeKeystore({ out, privateKey: hdPrivateKey(index), password: PASSWORD, scryptN: 1 << 10 }),
      ),
    );
  });
  after(() => devnetDown(paths));

  it("proposes, votes, queues and executes a sequencer change; each early step is refused with its reason", async () => {
    const actions = file("actions.json", JSON.stringify([{ kind: "setParameters", chainId: "901", changes: { blockTimeMs: 1000, orderingPolicy: "priorityFee" } }]));
    const created = await cli("proposal", "create", "--actions", actions, "--description", "Faster blocks on base-local\n\nOne second, ordered by tip.", ...signed(proposer!));
    assert.equal(created.code, 0, created.stderr);
    const id = /proposal (\d+) created/.exec(created.stdout)?.[1];
    assert.ok(id, created.stdout);

    const early = await cli("proposal", "vote", id, "--support", "for", ...signed(supporter!));
    assert.equal(early.code, 1);
    assert.match(early.stderr, new RegExp(`proposal ${id} is Pending: it can be voted on only when Active`));

    await advance((await read("votingDelay")) + 1n);
    for (const keystore of [proposer!, supporter!]) {
      const vote = await cli("proposal", "vote", id, "--support", "for", "--reason", "blocks twice as fast", ...signed(keystore));
      assert.equal(vote.code, 0, vote.stderr);
      assert.match(vote.stdout, new RegExp(`voted for on proposal ${id}`));
    }
    const notYet = await cli("proposal", "queue", id, ...signed(proposer!));
    assert.equal(notYet.code, 1);
    assert.match(notYet.stderr, /is Active: it can be queued only when Succeeded/);

    await advance((await read("votingPeriod")) + 1n);
    const queued = await cli("proposal", "queue", id, ...signed(supporter!));
    assert.equal(queued.code, 0, queued.stderr);
    assert.match(queued.stdout, /executable from \d{4}-/);
    const tooSoon = await cli("proposal", "execute", id, ...signed(supporter!));
    assert.equal(tooSoon.code, 1);
    assert.match(tooSoon.stderr, /the timelock's delay is not over/);

    const before = await hub().readContract({ address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "changeCount" });
    await advance(3_601n);
    const executed = await cli("proposal", "execute", id, ...signed(supporter!));
    assert.equal(executed.code, 0, executed.stderr);
    const after = await hub().readContract({ address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "changeCount" });
    assert.equal(after, before + 1n, "the change is scheduled on the registry, waiting for the council");

    // The council: one owner is below the 2-of-3 threshold, a delegate is no owner, two owners decide.
    const council = (...keystores: string[]) => cli("council", "decide", "approve-change", before.toString(), ...keystores.flatMap((k) => ["--keystore", k]), "--password-file", passwordFile, "--manifest", paths.manifestFile);
    const alone = await council(owners[0]!);
    assert.equal(alone.code, 1);
    assert.match(alone.stderr, /1 of the 2 owner approvals/);
    const stranger = await council(owners[0]!, supporter!);
    assert.equal(stranger.code, 1);
    assert.match(stranger.stderr, /is not an owner of the council Safe/);
    const approved = await council(...owners);
    assert.equal(approved.code, 0, approved.stderr);
    assert.match(approved.stdout, new RegExp(`Approve change #${before}`));
    assert.match(approved.stdout, /executed by the council Safe/);
    const change = await hub().readContract({ address: manifest.contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "getChange", args: [before] });
    assert.ok(change.approvedAt > 0, "the change is approved on the registry");
    for (const output of [created, queued, executed]) assert.doesNotMatch(output.stdout + output.stderr, new RegExp(PASSWORD));
  });

  it("refuses malformed actions, unknown proposals and bad options with clear errors", async () => {
    const cases: Array<{ args: string[]; code: number; message: RegExp }> = [
      { args: ["proposal", "create", "--actions", file("bad.json", "{ not json"), "--description", "x", ...signed(proposer!)], code: 2, message: /does not hold governance actions/ },
      {
        args: ["proposal", "create", "--actions", file("unknown.json", JSON.stringify([{ kind: "mintMoney", amount: "1" }])), "--description", "x", ...signed(proposer!)],
        code: 2,
        message: /0\.kind/,
      },
      {
        args: ["proposal", "create", "--actions", file("empty-change.json", JSON.stringify([{ kind: "setParameters", chainId: "901", changes: {} }])), "--description", "x", ...signed(proposer!)],
        code: 2,
        message: /must change at least one parameter/,
      },
      { args: ["proposal", "create", "--actions", file("none.json", "[]"), "--description", "x", ...signed(proposer!)], code: 2, message: /at least one action/ },
      { args: ["proposal", "create", "--actions", join(dir, "missing.json"), "--description", "x", ...signed(proposer!)], code: 2, message: /cannot read the actions file/ },
      { args: ["proposal", "vote", "12345", "--support", "for", ...signed(proposer!)], code: 1, message: /no proposal 12345/ },
      { args: ["proposal", "vote", "abc", "--support", "for", ...signed(proposer!)], code: 2, message: /must be a proposal id/ },
      { args: ["proposal", "vote", "1", "--support", "maybe", ...signed(proposer!)], code: 2, message: /"for", "against" or "abstain"/ },
      { args: ["proposal", "vote", "1", "--support", "for", "--keystore", proposer!, "--manifest", paths.manifestFile], code: 2, message: /--password-file/ },
      { args: ["council", "decide", "bless", "1", "--keystore", owners[0]!, "--password-file", passwordFile], code: 2, message: /approve-change, reject-change, pause or unpause/ },
      { args: ["council", "decide", "pause", "x", "--keystore", owners[0]!, "--password-file", passwordFile], code: 2, message: /must be a change id or chain id/ },
      { args: ["council", "decide", "pause", "901", "--password-file", passwordFile], code: 2, message: /keystore/ },
    ];
    const runs = await Promise.all(cases.map((c) => cli(...c.args)));
    runs.forEach((run, i) => {
      assert.equal(run.code, cases[i]!.code, `${cases[i]!.args.slice(0, 2).join(" ")}: ${run.stderr}`);
      assert.match(run.stderr, cases[i]!.message);
    });
  });
});
