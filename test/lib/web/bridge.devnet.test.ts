/**
 * The bridge's server API and transfer reader against a devnet without the sequencer, so the test
 * posts each commitment itself (as the member's operator) and sees every state in turn: a
 * deposit waiting, ready, finalized by the API's call; a withdrawal initiated (no output of the
 * chain on the hub yet), ready, finalized. Unknown chains and transfers, and replays, are refused.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { parseEther, parseEventLogs, type PublicClient } from "viem";

import { votingMember, type ChainEntry, type Manifest } from "../../../lib/chains/index.ts";
import { spokeTokenAbi, spokeVotePoolAbi, superchainTokenAbi } from "../../../lib/contracts/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { getBridgePrepare } from "../../../lib/web/bridge/prepareHttp.ts";
import { readTransfers } from "../../../lib/web/bridge/readTransfers.ts";
import { fromPreparedJson, type PrepareRefusalJson } from "../../../lib/web/bridge/wire.ts";
import { toPublicDeployment } from "../../../lib/web/deployment.ts";
import { spokeDevnet } from "../../helpers/spokeDevnet.ts";

describe("bridge API and transfers against a devnet", { timeout: 600_000 }, () => {
  const devnet = spokeDevnet("bridge-api-");
  const { send, postHubState, postOutput } = devnet;
  const holder = devAccount(DEV_ROLES.delegates[9]); // 250,000 tokens on the hub, never bridged
  const amount = parseEther("1000");
  let manifest: Manifest;
  let base: ChainEntry;
  let hub: PublicClient;
  let member: PublicClient;
  before(() => {
    ({ manifest, base, hub, member } = devnet);
  });

  const spoke = () => toPublicDeployment(manifest).members.find((m) => m.chainId === base.chainId)!.spoke!;
  const prepare = async (query: string) => {
    const response = await getBridgePrepare(new Request(`http://127.0.0.1/api/bridge/prepare?${query}`));
    return { status: response.status, body: (await response.json()) as Partial<PrepareRefusalJson> & { call?: unknown } };
  };
  const transfers = () => readTransfers({ hub, member }, { account: holder.address, memberChainId: base.chainId, spoke: spoke(), outputOracle: manifest.contracts.outputOracle! });

  it("lists every bridged member chain's spoke in the public deployment, with the hub and member log start blocks", () => {
    const members = toPublicDeployment(manifest).members;
    assert.ok(members.every((m) => m.spoke !== undefined));
    const { spoke: contracts } = votingMember(manifest, base.chainId);
    assert.equal(spoke().pool, contracts.pool);
    assert.equal(spoke().hubStateOracle, base.hubStateOracle);
    assert.ok(BigInt(spoke().fromBlock.hub) > 0n && BigInt(spoke().fromBlock.member) > 0n);
  });

  it("refuses unknown chains, the hub, and unknown transfers with 404s", async () => {
    for (const [query, code] of [
      ["kind=deposit&chainId=999&id=0", "unknown_chain"],
      [`kind=deposit&chainId=${manifest.hub.chainId}&id=0`, "no_bridge"],
      [`kind=deposit&chainId=${base.chainId}&id=999999`, "unknown_transfer"],
      [`kind=withdrawal&chainId=${base.chainId}&id=0`, "unknown_transfer"],
    ] as const) {
      const { status, body } = await prepare(query);
      assert.equal(status, 404, query);
      assert.equal(body.error?.code, code, query);
      assert.ok(body.error?.message && !/0x[0-9a-f]{16,}/i.test(body.error.message), `a sentence, not hex: ${body.error?.message}`);
    }
  });

  it("takes a deposit from waiting to ready to finalized, finalizing it with the API's call; a replay is refused", async () => {
    assert.deepEqual((await transfers()).transfers, [], "nothing bridged to the holder yet");
    await send(manifest.hub, holder, { address: manifest.contracts.token, abi: superchainTokenAbi, functionName: "approve", args: [spoke().pool, amount] });
    const receipt = await send(manifest.hub, holder, { address: spoke().pool, abi: spokeVotePoolAbi, functionName: "deposit", args: [amount, holder.address] });
    const [event] = parseEventLogs({ abi: spokeVotePoolAbi, logs: receipt.logs, eventName: "DepositInitiated" });
    const depositId = event!.args.depositId;
    const query = `kind=deposit&chainId=${base.chainId}&id=${depositId}`;

    // `devnet up` posted the hub state that seeded the spoke delegates: older than this deposit.
    const waiting = await transfers();
    assert.deepEqual(waiting.transfers.map((t) => [t.kind, t.id, t.state, t.amount]), [["deposit", depositId, "waiting", amount]]);
    assert.ok(waiting.commitments.deposits !== null && waiting.commitments.deposits < receipt.blockNumber);
    const early = await prepare(query);
    assert.equal(early.status, 409);
    assert.equal(early.body.error?.code, "not_yet_provable");
    assert.equal(early.body.error?.committedBlock, waiting.commitments.deposits!.toString());
    assert.match(early.body.error!.message, /Waiting for the next commitment: base-local holds hub up to block \d+/);

    await postHubState();
    assert.equal((await transfers()).transfers[0]?.state, "ready");

    const ready = await prepare(query);
    assert.equal(ready.status, 200);
    const write = fromPreparedJson(ready.body.call);
    assert.ok(write, "the answer parses back to a finalization");
    assert.equal(write.chainId, base.chainId);
    assert.equal(write.functionName, "finalizeDeposit");
    await send(base, holder, write);
    assert.equal(await member.readContract({ address: spoke().token, abi: spokeTokenAbi, functionName: "balanceOf", args: [holder.address] }), amount);
    const [done] = (await transfers()).transfers;
    assert.equal(done?.state, "finalized");
    assert.ok(done?.finalized && done.finalized.block > 0n);

    const replay = await prepare(query);
    assert.equal(replay.status, 409);
    assert.equal(replay.body.error?.code, "already_finalized");
  });

  it("takes a withdrawal from initiated (no output on the hub yet) to ready to finalized on the hub", async () => {
    const before = await hub.readContract({ address: manifest.contracts.token, abi: superchainTokenAbi, functionName: "balanceOf", args: [holder.address] });
    const receipt = await send(base, holder, { address: spoke().token, abi: spokeTokenAbi, functionName: "withdraw", args: [amount, holder.address] });
    const [event] = parseEventLogs({ abi: spokeTokenAbi, logs: receipt.logs, eventName: "WithdrawalInitiated" });
    const withdrawalId = event!.args.withdrawalId;
    const query = `kind=withdrawal&chainId=${base.chainId}&id=${withdrawalId}`;

    const initiated = await transfers();
    const withdrawal = () => initiated.transfers.find((t) => t.kind === "withdrawal");
    assert.equal(initiated.commitments.withdrawals, null, "without the sequencer nobody posted base-local's outputs");
    assert.equal(withdrawal()?.state, "initiated");
    const early = await prepare(query);
    assert.equal(early.status, 409);
    assert.equal(early.body.error?.code, "not_yet_provable");
    assert.equal(early.body.error?.committedBlock, null);
    assert.match(early.body.error!.message, /hub holds no commitment of base-local yet/);

    await postOutput();
    assert.equal((await transfers()).transfers.find((t) => t.kind === "withdrawal")?.state, "ready");

    const ready = await prepare(query);
    assert.equal(ready.status, 200);
    const write = fromPreparedJson(ready.body.call)!;
    assert.equal(write.chainId, manifest.hub.chainId);
    assert.equal(write.functionName, "finalizeWithdrawal");
    await send(manifest.hub, holder, write);
    assert.equal(await hub.readContract({ address: manifest.contracts.token, abi: superchainTokenAbi, functionName: "balanceOf", args: [holder.address] }), before + amount);
    assert.deepEqual(
      (await transfers()).transfers.map((t) => [t.kind, t.state]),
      [
        ["deposit", "finalized"],
        ["withdrawal", "finalized"],
      ],
    );
    assert.equal((await prepare(query)).body.error?.code, "already_finalized");
  });
});
