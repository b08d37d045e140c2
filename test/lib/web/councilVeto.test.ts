/**
 * The council's veto of a proposal: the Safe call round-trips, the signature store accepts it only
 * for a proposal the governor has that can still be executed (and only from an owner), and the
 * timeline tells the proposer's cancel from the council's veto.
 */
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { decodeFunctionData, encodeFunctionData, getAbiItem, keccak256, toBytes, toEventSelector, type Address, type Hash } from "viem";

import { manifestSchema } from "../../../lib/chains/manifest.ts";
import { superchainGovernorAbi } from "../../../lib/contracts/index.ts";
import { decodeProposalVetoCall, describeProposalVeto, proposalVeto, proposalVetoCall, reviewCouncilTransaction, type ProposalVeto } from "../../../lib/council/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import type { ProposalStateName } from "../../../lib/governance/votes.ts";
import { councilActionCallText, councilChains } from "../../../lib/web/council/actions.ts";
import { SIGNATURE_REFUSALS, type CouncilSignatureRequestError } from "../../../lib/web/council/errors.ts";
import { councilSafeAbi, councilSafeTx, decisionKey, safeTxToJson } from "../../../lib/web/council/safeTx.ts";
import { CouncilSignatureStore } from "../../../lib/web/council/store.ts";
import { submitCouncilSignature, type SubmitCouncilSignatureContext } from "../../../lib/web/council/submitSignature.ts";
import { cancelerOf } from "../../../lib/web/proposals/cancellation.ts";
import { hashProposal } from "../../../lib/web/propose/preview.ts";
import { buildTimeline } from "../../../lib/web/proposals/timeline.ts";
import { buildManifest } from "../../helpers/manifest.ts";
import { forEachEngine } from "../../helpers/sqlEngines.ts";

const manifest = manifestSchema.parse(buildManifest());
const { governor, sequencerConfig: registry } = manifest.contracts;
const safe = manifest.council.safe;
const [owner1, owner2] = DEV_ROLES.councilOwners.map((i) => devAccount(i));
const outsider = devAccount(DEV_ROLES.delegates[0]);

const description = "# Faster blocks\n\nSet base-local's block time.";
const proposal = {
  targets: [registry],
  values: [0n],
  calldatas: ["0x12345678" as const],
  descriptionHash: keccak256(toBytes(description)),
};
const veto = proposalVeto(governor, proposal);

describe("proposal veto call", () => {
  it("names the proposal by its call: the id is the governor's hashProposal of it", () => {
    assert.equal(veto.proposalId, hashProposal({ ...proposal, description }));
  });

  it("encodes the governor's cancel and decodes back to the same veto", () => {
    const call = proposalVetoCall(veto);
    assert.equal(call.to, governor);
    const decoded = decodeFunctionData({ abi: superchainGovernorAbi, data: call.data });
    assert.equal(decoded.functionName, "cancel");
    assert.deepEqual(decodeProposalVetoCall(governor, call), veto);
    assert.equal(decisionKey(veto), `vetoProposal-${veto.proposalId}`);
    assert.equal(councilActionCallText(veto), `cancel(…) of proposal ${veto.proposalId}`);
    assert.match(describeProposalVeto(veto, "Faster blocks"), /^Veto proposal \d{4,6}…\d{4} \(Faster blocks\): cancel it before it can be executed$/);
  });

  it("decodes nothing else: another contract, another governor function", () => {
    assert.equal(decodeProposalVetoCall(governor, { ...proposalVetoCall(veto), to: registry }), undefined);
    const castVote = encodeFunctionData({ abi: superchainGovernorAbi, functionName: "castVote", args: [veto.proposalId, 1] });
    assert.equal(decodeProposalVetoCall(governor, { to: governor, data: castVote }), undefined);
  });

  it("is collected on the hub only, on this deployment's governor", () => {
    const [hub, ...members] = councilChains(manifest);
    assert.deepEqual(hub!.decode(proposalVetoCall(veto)), veto);
    for (const member of members) assert.equal(member.decode(proposalVetoCall(veto)), undefined);
  });
});

forEachEngine("signature store: vetoes", (engine) => {
  let file: CouncilSignatureStore;
  before(async () => {
    file = CouncilSignatureStore.on((await engine.fresh())());
  });
  after(() => file.close());
  let round = 0;

  /** A fresh deployment scope per test (nothing carries over), with the governor's proposals as given. */
  const context = (states: ReadonlyMap<bigint, ProposalStateName>): SubmitCouncilSignatureContext => {
    const owners = DEV_ROLES.councilOwners.map((i) => devAccount(i).address);
    return {
      safe,
      registry,
      store: file.forDeployment(`veto-test-${round++}`),
      chains: councilChains(manifest).map((chain) => ({ ...chain, readState: async () => ({ owners, nonce: 3n }) })),
      proposalState: async (proposalId) => states.get(proposalId),
    };
  };
  const body = async (signer: typeof owner1, action: ProposalVeto | { to: Address; data: `0x${string}` }) => {
    const data = "kind" in action ? councilSafeTx(registry, action, 3n) : { ...councilSafeTx(registry, veto, 3n), ...action };
    const tx = { safe, chainId: manifest.hub.chainId, data };
    const signature = await signer!.signTypedData(reviewCouncilTransaction(tx).typedData);
    return { hash: reviewCouncilTransaction(tx).safeTxHash, request: { safe, chainId: tx.chainId, safeTx: safeTxToJson(data), signature } };
  };
  const refused = async (ctx: SubmitCouncilSignatureContext, request: unknown, code: keyof typeof SIGNATURE_REFUSALS) => {
    await assert.rejects(submitCouncilSignature(ctx, request), (error: CouncilSignatureRequestError) => {
      assert.equal(error.code, code, error.message);
      return true;
    });
  };

  it("accepts an owner's veto of a proposal that can still be executed", async () => {
    for (const state of ["pending", "active", "succeeded", "queued"] as const) {
      const ctx = context(new Map([[veto.proposalId, state]]));
      const { hash, request } = await body(owner1, veto);
      const stored = await submitCouncilSignature(ctx, request);
      assert.equal(stored.owner, owner1!.address);
      assert.equal((await ctx.store.signatures(hash)).length, 1, state);
    }
  });

  it("refuses a veto of a proposal the governor does not have (404), and stores nothing", async () => {
    const ctx = context(new Map());
    const { hash, request } = await body(owner1, veto);
    await refused(ctx, request, "unknown_proposal");
    assert.equal(SIGNATURE_REFUSALS.unknown_proposal, 404);
    assert.deepEqual(await ctx.store.signatures(hash), []);
  });

  it("refuses a cancel with wrong arguments: another description hash names no proposal", async () => {
    const ctx = context(new Map([[veto.proposalId, "active"]]));
    const wrong = proposalVeto(governor, { ...proposal, descriptionHash: keccak256(toBytes("# Another description")) });
    const { hash, request } = await body(owner1, wrong);
    await refused(ctx, request, "unknown_proposal");
    assert.deepEqual(await ctx.store.signatures(hash), []);
  });

  it("refuses a veto of an executed, canceled, defeated or expired proposal (409)", async () => {
    for (const state of ["executed", "canceled", "defeated", "expired"] as const) {
      const ctx = context(new Map([[veto.proposalId, state]]));
      const { hash, request } = await body(owner1, veto);
      await refused(ctx, request, "proposal_final");
      assert.deepEqual(await ctx.store.signatures(hash), [], state);
    }
  });

  it("refuses any other governor call (400), and a non-owner's signature of a valid veto (403)", async () => {
    const ctx = context(new Map([[veto.proposalId, "active"]]));
    const castVote = encodeFunctionData({ abi: superchainGovernorAbi, functionName: "castVote", args: [veto.proposalId, 1] });
    await refused(ctx, (await body(owner1, { to: governor, data: castVote })).request, "not_council_decision");
    const { hash, request } = await body(outsider, veto);
    await refused(ctx, request, "not_owner");
    assert.deepEqual(await ctx.store.signatures(hash), []);
    // A second owner still can, once.
    const second = (await body(owner2, veto)).request;
    await submitCouncilSignature(ctx, second);
    await refused(ctx, second, "duplicate_signature");
    assert.deepEqual((await ctx.store.signatures(hash)).map((s) => s.owner), [owner2!.address]);
    await refused(ctx, (await body(owner2, veto)).request, "duplicate_signature");
  });

  it("answers chain_unreachable when the governor cannot be read", async () => {
    const ctx = { ...context(new Map()), proposalState: () => Promise.reject(new Error("connection refused")) };
    await refused(ctx, (await body(owner1, veto)).request, "chain_unreachable");
  });
});

describe("who canceled", () => {
  const proposer: Address = "0x00000000000000000000000000000000000000f1";
  const executionSuccess = toEventSelector(getAbiItem({ abi: councilSafeAbi, name: "ExecutionSuccess" }));
  const canceled = { address: governor, topics: [toEventSelector(getAbiItem({ abi: superchainGovernorAbi, name: "ProposalCanceled" }))] };

  it("reads the council when the Safe executed in the cancel's transaction, whoever relayed it", () => {
    assert.equal(cancelerOf({ from: outsider.address, logs: [canceled, { address: safe, topics: [executionSuccess] }] }, { safe, proposer }), "council");
  });

  it("reads the proposer when they sent it, anyone else otherwise", () => {
    assert.equal(cancelerOf({ from: proposer, logs: [canceled] }, { safe, proposer }), "proposer");
    assert.equal(cancelerOf({ from: outsider.address, logs: [canceled] }, { safe, proposer }), "other");
    // Another contract's event with the same signature is not the council's Safe.
    assert.equal(cancelerOf({ from: proposer, logs: [canceled, { address: registry, topics: [executionSuccess] }] }, { safe, proposer }), "proposer");
  });

  it("labels the timeline's step by who canceled, with the transaction", () => {
    const tx = `0x${"ab".repeat(32)}` as Hash;
    const base = { now: 3_000n, state: "canceled", createdAt: 100n, voteStart: 400n, deadline: 2_000n, eta: 0n, schedulesChanges: false, changes: [], memberChainIds: [901] } as const;
    const step = (by: "proposer" | "council" | undefined) =>
      buildTimeline({ ...base, canceledAt: 300n, ...(by ? { cancellation: { by, tx } } : {}) }).find((s) => s.key === "canceled");
    assert.equal(step("proposer")?.label, "Canceled by the proposer");
    assert.equal(step("proposer")?.tx, tx);
    assert.equal(step("council")?.label, "Vetoed by the Security Council");
    assert.equal(step("council")?.at, 300n);
    assert.equal(step(undefined)?.label, "Canceled");
    assert.equal(step(undefined)?.tx, undefined);
    const voting = buildTimeline({ ...base, canceledAt: 300n }).find((s) => s.key === "voting");
    assert.equal(voting?.detail, "Never opened", "canceled while pending: voting never opened");
  });
});
