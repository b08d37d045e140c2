/**
 * Cancel and veto against a devnet: the council vetoes a proposal through two owners' signatures
 * collected by the Transaction Service–compatible API and a relayed `execTransaction`; a proposer cancels their own
 * pending proposal; the proposal's timeline tells the two apart, with their transactions.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { createPublicClient, createWalletClient, http, keccak256, toBytes, type Hash } from "viem";

import { governanceContracts, viemChain, type Manifest } from "../../../lib/chains/index.ts";
import { superchainGovernorAbi } from "../../../lib/contracts/index.ts";
import type { ProposalVeto } from "../../../lib/council/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { buildProposal, PROPOSAL_STATES } from "../../../lib/governance/index.ts";
import { readCouncilOverview } from "../../../lib/web/council/overview.ts";
import { councilSafeAbi, councilSafeTx, encodeExecSignatures } from "../../../lib/web/council/safeTx.ts";
import { CouncilSignatureStore } from "../../../lib/web/council/store.ts";
import { getProposal } from "../../../lib/web/proposals/detail.ts";
import { getDeployment, isUnavailable } from "../../../lib/web/server/deployment.ts";
import { councilDevnet } from "../../helpers/councilDevnet.ts";
import { proposeCouncilTx } from "../../helpers/transactionService.ts";

describe("cancel and veto against a devnet", () => {
  const devnet = councilDevnet("council-veto-devnet-");
  let manifest: Manifest;
  let store: CouncilSignatureStore;
  const [owner1, owner2, owner3] = DEV_ROLES.councilOwners.map((i) => devAccount(i));
  const proposer = devAccount(DEV_ROLES.delegates[0]);
  const relayer = devAccount(DEV_ROLES.delegates[1]);
  before(() => ({ manifest, store } = devnet));

  const hub = () => createPublicClient({ chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
  const walletOf = (account: typeof proposer) => createWalletClient({ account, chain: viemChain(manifest.hub), transport: http(manifest.hub.rpcUrl) });
  const governor = () => ({ address: manifest.contracts.governor, abi: superchainGovernorAbi }) as const;
  const confirmed = async (hash: Hash) => assert.equal((await hub().waitForTransactionReceipt({ hash })).status, "success");
  const stateOf = async (id: bigint) => PROPOSAL_STATES[await hub().readContract({ ...governor(), functionName: "state", args: [id] })];
  const deployment = async () => {
    const loaded = await getDeployment();
    assert.ok(!isUnavailable(loaded));
    return loaded;
  };

  /** A new pending proposal from the first delegate; its id and its call. */
  const propose = async (title: string) => {
    const description = `# ${title}\n\n${Date.now()}`;
    const input = buildProposal([{ kind: "unpause", chainId: 902n }], description, governanceContracts(manifest));
    await confirmed(await walletOf(proposer).writeContract({ ...governor(), functionName: "propose", args: [input.targets, input.values, input.calldatas, description] }));
    const args = [input.targets, input.values, input.calldatas, keccak256(toBytes(description))] as const;
    return { id: await hub().readContract({ ...governor(), functionName: "hashProposal", args }), args };
  };
  /** `account` signs the veto at the Safe's nonce and proposes it to the service, as the council page does. */
  const proposeVeto = async (account: typeof owner1, veto: ProposalVeto) => {
    const nonce = await hub().readContract({ address: manifest.council.safe, abi: councilSafeAbi, functionName: "nonce" });
    return proposeCouncilTx(store, account!, { safe: manifest.council.safe, chainId: manifest.hub.chainId, safeTx: councilSafeTx(manifest.contracts.sequencerConfig, veto, nonce) });
  };

  it("two owners sign the veto on the transaction service, anyone executes it, and the timeline says the council vetoed it", async () => {
    const { id } = await propose("Vetoed by the council");
    const overview = await readCouncilOverview(await deployment(), store);
    const offered = overview.vetoes.find((veto) => veto.proposalId === id);
    assert.ok(offered, "the pending proposal is offered for a veto");
    assert.equal(offered.state, "pending");
    assert.equal(offered.decision.decision.kind, "vetoProposal");
    const veto = offered.decision.decision as ProposalVeto;
    assert.equal(veto.proposalId, id);

    const byRelayer = await proposeVeto(relayer, veto);
    assert.deepEqual([byRelayer.status, byRelayer.reason], [422, "not_owner"]);
    assert.equal((await proposeVeto(owner1, veto)).status, 201);
    // The second owner proposes the same transaction: their signature joins the first.
    assert.equal((await proposeVeto(owner2, veto)).status, 201);

    const view = (await readCouncilOverview(await deployment(), store)).vetoes.find((v) => v.proposalId === id)!.decision;
    assert.equal(view.approvals, 2);
    const d = view.safeTx;
    const hash = await walletOf(relayer).writeContract({
      address: manifest.council.safe,
      abi: councilSafeAbi,
      functionName: "execTransaction",
      args: [d.to, d.value, d.data, d.operation, d.safeTxGas, d.baseGas, d.gasPrice, d.gasToken, d.refundReceiver, encodeExecSignatures(view.signatures)],
    });
    await confirmed(hash);
    assert.equal(await stateOf(id), "canceled");

    const detail = await getProposal(await deployment(), id);
    const step = detail?.timeline.find((s) => s.key === "canceled");
    assert.equal(step?.label, "Vetoed by the Security Council");
    assert.equal(step?.tx, hash);
    assert.ok(step?.at !== undefined);
    assert.equal((await readCouncilOverview(await deployment(), store)).vetoes.find((v) => v.proposalId === id), undefined, "no longer offered");

    // A third owner's veto of the canceled proposal, at the Safe's new nonce: final, refused.
    const again = await proposeVeto(owner3, veto);
    assert.deepEqual([again.status, again.reason], [422, "proposal_final"]);
  });

  it("the proposer cancels their pending proposal, and the timeline says so", async () => {
    const { id, args } = await propose("Withdrawn by its proposer");
    const hash = await walletOf(proposer).writeContract({ ...governor(), functionName: "cancel", args });
    await confirmed(hash);
    const step = (await getProposal(await deployment(), id))?.timeline.find((s) => s.key === "canceled");
    assert.equal(step?.label, "Canceled by the proposer");
    assert.equal(step?.tx, hash);
  });
});
