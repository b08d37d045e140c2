/**
 * The council's veto of a proposal: the Safe call round-trips, the Transaction Service–compatible
 * API accepts it only for a proposal the governor has that can still be executed (and only from
 * an owner, once), and the timeline tells the proposer's cancel from the council's veto.
 */
import assert from "node:assert/strict";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { decodeFunctionData, encodeFunctionData, getAbiItem, keccak256, toBytes, toEventSelector, type Address, type Hash } from "viem";

import { manifestSchema } from "../../../lib/chains/manifest.ts";
import { superchainGovernorAbi } from "../../../lib/contracts/index.ts";
import { decodeProposalVetoCall, describeProposalVeto, proposalVeto, proposalVetoCall, type ProposalVeto } from "../../../lib/council/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import type { ProposalStateName } from "../../../lib/governance/votes.ts";
import { councilActionCallText, councilChains } from "../../../lib/web/council/actions.ts";
import { councilSafeAbi, councilSafeTx, decisionKey } from "../../../lib/web/council/safeTx.ts";
import { CouncilSignatureStore } from "../../../lib/web/council/store.ts";
import { acceptConfirmations, classifyCouncilTransaction, type AcceptConfirmationsParameters, type ServiceContext } from "../../../lib/web/council/transactionService/accept.ts";
import { TransactionServiceError, type ServiceRefusalReason } from "../../../lib/web/council/transactionService/errors.ts";
import { cancelerOf } from "../../../lib/web/proposals/cancellation.ts";
import { hashProposal } from "../../../lib/web/propose/preview.ts";
import { buildTimeline } from "../../../lib/web/proposals/timeline.ts";
import { malleate, signedProposal } from "../../helpers/councilProposal.ts";
import { buildManifest } from "../../helpers/manifest.ts";
import { forEachEngine } from "../../helpers/sqlEngines.ts";

const manifest = manifestSchema.parse(buildManifest());
const { governor, sequencerConfig: registry } = manifest.contracts;
const safe = manifest.council.safe;
const [owner1, owner2] = DEV_ROLES.councilOwners.map((i) => devAccount(i));
const outsider = devAccount(DEV_ROLES.delegates[0]);

const description = "# Faster blocks\n\nSet base-local's block time.";
const vetoedProposal = {
  targets: [registry],
  values: [0n],
  calldatas: ["0x12345678" as const],
  descriptionHash: keccak256(toBytes(description)),
};
const veto = proposalVeto(governor, vetoedProposal);

describe("proposal veto call", () => {
  it("names the proposal by its call: the id is the governor's hashProposal of it", () => {
    assert.equal(veto.proposalId, hashProposal({ ...vetoedProposal, description }));
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

forEachEngine("transaction service: vetoes", (engine) => {
  let file: CouncilSignatureStore;
  before(async () => {
    file = CouncilSignatureStore.on((await engine.fresh())());
  });
  after(() => file.close());
  let round = 0;

  /** A fresh deployment scope per test (nothing carries over), the hub's Safe at nonce 3, the governor's proposals as given. */
  const context = (states: ReadonlyMap<bigint, ProposalStateName>): ServiceContext => {
    const owners = DEV_ROLES.councilOwners.map((i) => devAccount(i).address);
    const hub = councilChains(manifest)[0]!;
    return {
      safe,
      registry,
      chain: {
        ...hub,
        readState: async () => ({ owners, threshold: 2, nonce: 3n }),
        // Only approveHash and EIP-1271 signatures are the Safe's to judge; these are all ECDSA.
        checkSignature: () => Promise.reject(new Error("an ECDSA signature is checked here, not by the Safe")),
      },
      chainIds: councilChains(manifest).map((chain) => chain.chainId),
      store: file.forDeployment(`veto-test-${round++}`),
      proposalState: async (proposalId) => states.get(proposalId),
    };
  };
  /** `signer`'s proposal of a veto (or of another call in its place) at nonce 3, as the propose endpoint hands it on. */
  const proposal = async (signer: typeof owner1, action: ProposalVeto | { to: Address; data: `0x${string}` }) => {
    const safeTx = "kind" in action ? councilSafeTx(registry, action, 3n) : { ...councilSafeTx(registry, veto, 3n), ...action };
    const { safeTxHash, signature } = await signedProposal(signer!, { safe, chainId: manifest.hub.chainId, safeTx });
    return { hash: safeTxHash, request: { safeTx, signatures: signature, sender: signer!.address, expectedHash: safeTxHash } satisfies AcceptConfirmationsParameters };
  };
  const refused = async (ctx: ServiceContext, request: AcceptConfirmationsParameters, reason: ServiceRefusalReason, status = 422) => {
    await assert.rejects(acceptConfirmations(ctx, request), (error: unknown) => {
      assert.ok(error instanceof TransactionServiceError, String(error));
      assert.equal(error.reason, reason, error.message);
      assert.equal(error.status(422), status, `${reason} when proposing`);
      return true;
    });
  };

  it("accepts an owner's veto of a proposal that can still be executed", async () => {
    for (const state of ["pending", "active", "succeeded", "queued"] as const) {
      const ctx = context(new Map([[veto.proposalId, state]]));
      const { hash, request } = await proposal(owner1, veto);
      assert.deepEqual(await classifyCouncilTransaction(ctx, request.safeTx), { kind: "decision", action: veto });
      const { safeTxHash, accepted } = await acceptConfirmations(ctx, request);
      assert.equal(safeTxHash, hash);
      assert.deepEqual(accepted.map((s) => s.owner), [owner1!.address]);
      assert.equal((await ctx.store.signatures(hash)).length, 1, state);
    }
  });

  it("refuses a veto of a proposal the governor does not have, and stores nothing", async () => {
    const ctx = context(new Map());
    const { hash, request } = await proposal(owner1, veto);
    await refused(ctx, request, "unknown_proposal");
    assert.deepEqual(await ctx.store.signatures(hash), []);
    assert.equal(await ctx.store.transaction(hash), undefined);
  });

  it("refuses a cancel with wrong arguments: another description hash names no proposal", async () => {
    const ctx = context(new Map([[veto.proposalId, "active"]]));
    const wrong = proposalVeto(governor, { ...vetoedProposal, descriptionHash: keccak256(toBytes("# Another description")) });
    const { hash, request } = await proposal(owner1, wrong);
    await refused(ctx, request, "unknown_proposal");
    assert.deepEqual(await ctx.store.signatures(hash), []);
  });

  it("refuses a veto of an executed, canceled, defeated or expired proposal", async () => {
    for (const state of ["executed", "canceled", "defeated", "expired"] as const) {
      const ctx = context(new Map([[veto.proposalId, state]]));
      const { hash, request } = await proposal(owner1, veto);
      await refused(ctx, request, "proposal_final");
      assert.deepEqual(await ctx.store.signatures(hash), [], state);
    }
  });

  it("refuses any other governor call, and a non-owner's signature of a valid veto; an owner counts once", async () => {
    const ctx = context(new Map([[veto.proposalId, "active"]]));
    const castVote = encodeFunctionData({ abi: superchainGovernorAbi, functionName: "castVote", args: [veto.proposalId, 1] });
    await refused(ctx, (await proposal(owner1, { to: governor, data: castVote })).request, "not_council_decision");
    const { hash, request } = await proposal(outsider, veto);
    await refused(ctx, request, "not_owner");
    assert.deepEqual(await ctx.store.signatures(hash), []);
    // A second owner still can, once: the same signature again changes nothing, another one of theirs is refused.
    const second = (await proposal(owner2, veto)).request;
    assert.equal((await acceptConfirmations(ctx, second)).accepted.length, 1);
    assert.deepEqual((await acceptConfirmations(ctx, second)).accepted, []);
    await refused(ctx, { ...second, signatures: malleate(second.signatures) }, "duplicate_signature");
    await refused(ctx, { safeTx: second.safeTx, signatures: malleate(second.signatures) }, "duplicate_signature");
    assert.deepEqual((await ctx.store.signatures(hash)).map((s) => s.owner), [owner2!.address]);
  });

  it("answers chain_unreachable (502) when the governor cannot be read", async () => {
    const ctx = { ...context(new Map()), proposalState: () => Promise.reject(new Error("connection refused")) };
    await refused(ctx, (await proposal(owner1, veto)).request, "chain_unreachable", 502);
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
