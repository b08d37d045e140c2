/**
 * The council's history against a devnet (no sequencer): decisions executed on the hub and on a
 * member chain, by every path an owner approves with — EIP-712, eth_sign, `approveHash` and the
 * executor's own approval — and one whose call reverted, are listed newest first with their
 * decisions, signers, executors and outcomes, read from the SafeL2 logs.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { concat, createPublicClient, createWalletClient, encodeFunctionData, getAddress, http, numberToHex, pad, type Account, type Hex } from "viem";

import { loadManifest, viemChain, type ChainEntry, type Manifest } from "../../../lib/chains/index.ts";
import { hubStateOracleAbi } from "../../../lib/contracts/index.ts";
import { reviewCouncilTransaction, type SafeTxData } from "../../../lib/council/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { devnetDown, devnetUp, type DevnetPaths } from "../../../lib/devnet/devnet.ts";
import { freePort } from "../../../lib/devnet/nodes.ts";
import { canonicalSafeContract } from "../../../lib/safe/index.ts";
import { councilActionCall } from "../../../lib/web/council/actions.ts";
import { councilSafeAbi, councilSafeTx, encodeExecSignatures } from "../../../lib/web/council/safeTx.ts";
import { readCouncilHistory } from "../../../lib/web/server/councilHistory.ts";
import { getDeployment, isUnavailable } from "../../../lib/web/server/deployment.ts";

describe("the council's history against a devnet", () => {
  const dir = mkdtempSync(join(tmpdir(), "council-history-devnet-"));
  const paths: DevnetPaths = { stateFile: join(dir, "state.json"), manifestFile: join(dir, "devnet.json"), logDir: join(dir, "logs") };
  let manifest: Manifest;
  const owners = DEV_ROLES.councilOwners.map((i) => devAccount(i));
  const [owner1, owner2, owner3] = [owners[0]!, owners[1]!, owners[2]!];
  const relayer = devAccount(DEV_ROLES.delegates[1]);

  before(async () => {
    const ports = { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort(), sequencer: await freePort() };
    await devnetUp(paths, { ports, sequencer: false });
    process.env.SUPERCHAIN_MANIFEST = paths.manifestFile;
    process.env.SUPERCHAIN_WEB_DB = join(dir, "web.sqlite");
    manifest = await loadManifest({ path: paths.manifestFile });
  });
  after(async () => {
    await devnetDown(paths);
  });

  const clientOf = (entry: ChainEntry) => createPublicClient({ chain: viemChain(entry), transport: http(entry.rpcUrl) });
  /** The council Safe: the same address on every chain. */
  const safeOn = (_entry: ChainEntry) => ({ address: manifest.council.safe, abi: councilSafeAbi }) as const;
  const deployment = async () => {
    const loaded = await getDeployment();
    assert.ok(!isUnavailable(loaded));
    return loaded;
  };
  /** The Safe transaction for `call` at the chain's current nonce, and its safeTxHash. */
  const prepare = async (entry: ChainEntry, call: { to: `0x${string}`; data: Hex }, extra: Partial<SafeTxData> = {}) => {
    const nonce = await clientOf(entry).readContract({ ...safeOn(entry), functionName: "nonce" });
    const data: SafeTxData = { ...councilSafeTx(manifest.contracts.sequencerConfig, { kind: "pause", chainId: 0n }, nonce), ...call, ...extra };
    return { data, ...reviewCouncilTransaction({ safe: manifest.council.safe, chainId: entry.chainId, data }) };
  };
  const execute = async (entry: ChainEntry, from: Account, data: SafeTxData, signatures: Hex) => {
    const wallet = createWalletClient({ account: from, chain: viemChain(entry), transport: http(entry.rpcUrl) });
    const hash = await wallet.writeContract({
      ...safeOn(entry),
      functionName: "execTransaction",
      args: [data.to, data.value, data.data, data.operation, data.safeTxGas, data.baseGas, data.gasPrice, data.gasToken, data.refundReceiver, signatures],
    });
    assert.equal((await clientOf(entry).waitForTransactionReceipt({ hash })).status, "success");
    return hash;
  };
  /** eth_sign over the prefixed safeTxHash, v raised by 4 as the Safe reads it. */
  const ethSign = async (account: typeof owner1, safeTxHash: Hex) => {
    const signature = await account.signMessage({ message: { raw: safeTxHash } });
    return concat([signature.slice(0, 130) as Hex, numberToHex(Number.parseInt(signature.slice(130), 16) + 4, { size: 1 })]);
  };

  it("the council Safe is a proxy of the SafeL2 singleton on the hub and on each member chain", async () => {
    for (const entry of [manifest.hub, ...manifest.members]) {
      const slot0 = await clientOf(entry).getStorageAt({ address: manifest.council.safe, slot: "0x0" });
      assert.equal(getAddress(`0x${slot0!.slice(-40)}`), canonicalSafeContract("SafeL2").address, entry.name);
    }
  });

  it("lists executed decisions newest first, with their signers, executors and outcomes", async () => {
    const hub = manifest.hub;
    const base = manifest.members.find((member) => member.name === "base-local")!;
    const registry = manifest.contracts.sequencerConfig;

    // 1. Hub: pause zora-local, two EIP-712 signatures, a non-owner relays.
    const pause = await prepare(hub, councilActionCall(registry, { kind: "pause", chainId: 902n }));
    const pauseSigs = await Promise.all([owner1, owner2].map(async (owner) => ({ owner: owner.address, signature: await owner.signTypedData(pause.typedData) })));
    const pauseTx = await execute(hub, relayer, pause.data, encodeExecSignatures(pauseSigs));

    // 2. Hub: unpause it, owner1 by approveHash, owner2 by executing it.
    const unpause = await prepare(hub, councilActionCall(registry, { kind: "unpause", chainId: 902n }));
    const approve = await createWalletClient({ account: owner1, chain: viemChain(hub), transport: http(hub.rpcUrl) }).writeContract({ ...safeOn(hub), functionName: "approveHash", args: [unpause.safeTxHash] });
    await clientOf(hub).waitForTransactionReceipt({ hash: approve });
    const unpauseTx = await execute(hub, owner2, unpause.data, encodeExecSignatures([{ owner: owner1.address, onChain: true }, { owner: owner2.address, onChain: true }]));

    // 3. base-local: an on-chain rejection (an empty call to the Safe itself), eth_sign and EIP-712.
    const reject = await prepare(base, { to: manifest.council.safe, data: "0x" });
    const rejectTx = await execute(base, relayer, reject.data, encodeExecSignatures([
      { owner: owner1.address, signature: await ethSign(owner1, reject.safeTxHash) },
      { owner: owner3.address, signature: await owner3.signTypedData(reject.typedData) },
    ]));

    // 4. base-local: a hub-state rejection of a root the oracle never had, with safeTxGas so the Safe records the revert instead of reverting.
    const oracle = base.hubStateOracle!;
    const failing = await prepare(
      base,
      { to: oracle, data: encodeFunctionData({ abi: hubStateOracleAbi, functionName: "rejectHubStates", args: [987_654_321n, pad("0x01")] }) },
      { safeTxGas: 300_000n },
    );
    const failingTx = await execute(base, relayer, failing.data, encodeExecSignatures(await Promise.all([owner2, owner3].map(async (owner) => ({ owner: owner.address, signature: await owner.signTypedData(failing.typedData) })))));

    const history = await readCouncilHistory(await deployment());
    assert.deepEqual(history.unreachable, []);
    const byTx = new Map(history.entries.map((entry) => [entry.transactionHash, entry]));
    const sorted = (addresses: string[]) => [...addresses].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));

    const paused = byTx.get(pauseTx)!;
    assert.equal(paused.sentence, "Paused sequencing of zora-local (chain 902)");
    assert.equal(paused.chainId, hub.chainId);
    assert.equal(paused.nonce, pause.data.nonce);
    assert.equal(paused.safeTxHash, pause.safeTxHash);
    assert.equal(paused.executor, relayer.address);
    assert.equal(paused.success, true);
    assert.deepEqual(paused.signers, sorted([owner1.address, owner2.address]).map((owner) => ({ owner, kind: "ecdsa" })));

    const unpaused = byTx.get(unpauseTx)!;
    assert.equal(unpaused.sentence, "Resumed sequencing of zora-local (chain 902)");
    assert.equal(unpaused.executor, owner2.address);
    assert.deepEqual(
      [...unpaused.signers!].sort((a, b) => (BigInt(a.owner) < BigInt(b.owner) ? -1 : 1)),
      sorted([owner1.address, owner2.address]).map((owner) => (owner === owner2.address ? { owner, kind: "approvedHash", executor: true } : { owner, kind: "approvedHash" })),
    );

    const rejected = byTx.get(rejectTx)!;
    assert.equal(rejected.chainName, "base-local");
    assert.equal(rejected.sentence, "Rejected on-chain: an empty transaction that spent its nonce");
    assert.equal(rejected.known, false);
    const kinds = new Map(rejected.signers!.map((signer) => [signer.owner, signer.kind]));
    assert.deepEqual(Object.fromEntries(kinds), { [owner1.address]: "ethSign", [owner3.address]: "ecdsa" });

    const failed = byTx.get(failingTx)!;
    assert.equal(failed.success, false);
    assert.equal(failed.known, true);
    assert.match(failed.sentence, /^Rejected the hub state of hub block 987654321 /);
    assert.equal(failed.nonce, reject.data.nonce + 1n);

    // Newest first: on each chain in reverse order of execution; across chains by block time (each chain keeps its own clock).
    const order = history.entries.map((entry) => entry.transactionHash);
    assert.ok(order.indexOf(unpauseTx) < order.indexOf(pauseTx) && order.indexOf(failingTx) < order.indexOf(rejectTx), "each chain's newest first");
    assert.ok(history.entries.every((entry, i) => i === 0 || history.entries[i - 1]!.timestamp >= entry.timestamp), "by block time across chains");

    // A page: the newest two only, the total unchanged; a second read at the same heads comes from the cache.
    const page = await readCouncilHistory(await deployment(), { limit: 2 });
    assert.deepEqual(page.entries.map((entry) => entry.key), history.entries.slice(0, 2).map((entry) => entry.key));
    assert.equal(page.total, history.total);
  });
});
