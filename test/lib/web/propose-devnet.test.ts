import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { keccak256, parseEther, toBytes } from "viem";

import { sequencerConfigRegistryAbi, superchainGovernorAbi } from "../../../lib/contracts/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { devnetDown, devnetUp, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { encodeAction } from "../../../lib/governance/index.ts";
import { loadDelegates } from "../../../lib/web/delegates/loadDelegates.ts";
import type { ProposeContext } from "../../../lib/web/propose/context.ts";
import { emptyDraft } from "../../../lib/web/propose/fields.ts";
import { loadProposeContext } from "../../../lib/web/propose/loadProposeContext.ts";
import { previewProposal } from "../../../lib/web/propose/preview.ts";
import { readProposerStanding, simulateProposal } from "../../../lib/web/propose/simulate.ts";
import { validateProposal } from "../../../lib/web/propose/validate.ts";
import { getDeployment, isUnavailable, type Deployment } from "../../../lib/web/server/deployment.ts";

/**
 * The form's data against a real devnet (no sequencer, no seeded proposals: only the deployment
 * and the seeded delegates): bounds read from the registry, the simulation from the timelock, the
 * proposer threshold, and — on the same devnet, to start it once — the delegates' ranking from logs.
 */
describe("new proposal and delegates against a devnet", () => {
  const dir = mkdtempSync(join(tmpdir(), "web-propose-"));
  const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
  let deployment: Deployment;
  let context: ProposeContext;
  let contracts: ProposeContext["contracts"];
  const proposer = devAccount(DEV_ROLES.delegates[0]).address;

  before(async () => {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort() };
    await devnetUp(paths, { ports, sequencer: false });
    process.env.SUPERCHAIN_MANIFEST = paths.manifestFile;
    const loaded = await getDeployment();
    assert.ok(!isUnavailable(loaded), "the manifest loads");
    deployment = loaded;
    context = await loadProposeContext(deployment);
    contracts = context.contracts;
  });
  after(async () => {
    await devnetDown(paths);
  });

  it("reads the registry's bounds, the values in force and the governor's settings", async () => {
    const bounds = await deployment.hub.readContract({ address: contracts.sequencerConfig, abi: sequencerConfigRegistryAbi, functionName: "parameterBounds" });
    assert.deepEqual(context.parameterBounds, bounds);
    assert.deepEqual(context.chains, [{ chainId: 901, name: "base-local" }, { chainId: 902, name: "zora-local" }]);
    assert.deepEqual(context.current.map((entry) => [entry.scope, entry.parameters.blockTimeMs]), [[0, 2_000], [901, 2_000], [902, 2_000]]);
    assert.equal(context.governor.proposalThreshold, parseEther("100000"));
    assert.equal(context.governor.quorumDenominator, 100n);
    assert.equal(context.registry.maxActivationLead, 365n * 86_400n);
    assert.ok(context.now > 0n);
  });

  it("refuses a block time one below the registry's minimum, and simulates a valid one as the timelock", async () => {
    const draft = (blockTimeMs: string) => ({ ...emptyDraft("setParameters", context, "a"), values: { ...emptyDraft("setParameters", context, "a").values, scope: "901", blockTimeMs } });
    const refused = validateProposal({ title: "Too fast", body: "", drafts: [draft(String(context.parameterBounds.min.blockTimeMs - 1))] }, context);
    assert.equal(refused.ok, false);

    const valid = validateProposal({ title: "Faster", body: "Cut latency.", drafts: [draft("1250")] }, context);
    assert.ok(valid.ok);
    const preview = previewProposal(valid.actions, valid.description, context);
    assert.equal(preview.calls[0]?.sentence, "Set base-local block time 2,000 ms → 1,250 ms, activating as soon as the council's approval allows");
    const simulation = await simulateProposal(deployment.hub, { input: preview.input, governor: contracts.governor, timelock: contracts.timelock, proposer });
    assert.deepEqual(simulation.calls, [{ ok: true }]);
    assert.ok(simulation.propose?.ok && simulation.propose.gas > 21_000n);
    assert.equal(simulation.ok, true);

    const onChainId = await deployment.hub.readContract({
      address: contracts.governor,
      abi: superchainGovernorAbi,
      functionName: "hashProposal",
      args: [preview.input.targets, preview.input.values, preview.input.calldatas, keccak256(toBytes(preview.input.description))],
    });
    assert.equal(preview.proposalId, onChainId, "the id the page links to is the governor's");
  });

  it("explains what the chain would refuse: an out-of-bounds call, a call only the timelock may make, a proposer without votes", async () => {
    // Built past the form's validation, as a hand-made proposal would be.
    const tooFast = encodeAction({ kind: "setParameters", chainId: 901n, changes: { blockTimeMs: 1 }, requestedActivation: 0n }, contracts);
    const input = { targets: [tooFast.target], values: [0n], calldatas: [tooFast.data], description: "# Too fast\n" };
    const noVotes = devAccount(48).address;
    const simulation = await simulateProposal(deployment.hub, { input, governor: contracts.governor, timelock: contracts.timelock, proposer: noVotes });
    assert.equal(simulation.ok, false);
    const [call] = simulation.calls;
    assert.ok(call && !call.ok);
    assert.equal(call.error.name, "SequencerConfigParameterOutOfBounds");
    assert.match(call.error.sentence, /The value 1 is outside the allowed range 250–60000/);
    assert.ok(simulation.propose && !simulation.propose.ok);
    assert.equal(simulation.propose.error.name, "GovernorInsufficientProposerVotes");

    // From anyone but the timelock the registry refuses: the simulation's sender matters.
    const asProposer = await simulateProposal(deployment.hub, { input: { ...input, calldatas: [encodeAction({ kind: "unpause", chainId: 901n }, contracts).data] }, governor: contracts.governor, timelock: proposer });
    assert.equal(asProposer.calls[0]?.ok === false && asProposer.calls[0].error.name, "SequencerConfigOnlyGovernanceOrCouncil");
    assert.equal(asProposer.propose, undefined, "no proposer, no propose estimate");
  });

  it("reads the proposer's standing: current votes against the threshold", async () => {
    assert.equal((await readProposerStanding(deployment.hub, { governor: contracts.governor, token: contracts.token, account: proposer })).status, "eligible");
    // The tenth delegate holds 250,000 tokens but never delegated: no votes.
    const undelegated = await readProposerStanding(deployment.hub, { governor: contracts.governor, token: contracts.token, account: devAccount(DEV_ROLES.delegates[9]).address });
    assert.deepEqual(undelegated, { status: "belowThreshold", votes: 0n, threshold: parseEther("100000"), shortfall: parseEther("100000") });
  });

  it("ranks the seeded delegates from one log query, with the token's supply for shares", async () => {
    const overview = await loadDelegates(deployment, { page: 1 });
    assert.equal(overview.token.symbol, "SUP");
    assert.equal(overview.token.totalSupply, parseEther("1000000000"));
    // Ten delegates, two delegating to others and one not at all: seven hold votes. Each member
    // chain's vote pool holds the votes bridged there (base-local 20M + 5M, zora-local 15M + 5M).
    const [basePool, zoraPool] = deployment.manifest.members.map((member) => member.spoke!.pool);
    assert.deepEqual(
      overview.delegates.map((d) => [d.address, d.votes]),
      [
        [devAccount(DEV_ROLES.delegates[0]).address, parseEther("33000000")],
        [basePool, parseEther("25000000")],
        [devAccount(DEV_ROLES.delegates[1]).address, parseEther("22000000")],
        [zoraPool, parseEther("20000000")],
        [devAccount(DEV_ROLES.delegates[2]).address, parseEther("12000000")],
        [devAccount(DEV_ROLES.delegates[3]).address, parseEther("8000000")],
        [devAccount(DEV_ROLES.delegates[4]).address, parseEther("5000000")],
        [devAccount(DEV_ROLES.delegates[7]).address, parseEther("1000000")],
        [devAccount(DEV_ROLES.delegates[8]).address, parseEther("500000")],
      ],
    );
    assert.equal(overview.delegatedVotes, parseEther("126500000"));
    assert.match(overview.labels[basePool!]!, /^base-local's vote pool/);
    assert.equal((await loadDelegates(deployment, { page: 9 })).page, 1, "a page past the end shows the last one");
  });
});
