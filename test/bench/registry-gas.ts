/**
 * Gas of the SequencerConfigRegistry's operations: scheduling, council decisions through a real
 * 2-of-3 Safe 1.4.1 (with the same call made directly by an EOA council as the baseline), and the
 * configAt / currentConfig reads as the configuration history grows (baseline: one entry).
 *
 *   node test/bench/registry-gas.ts
 */
import { network } from "hardhat";
import { encodeFunctionData, getAddress, keccak256, toBytes, type Hash } from "viem";

import { councilCall, CouncilSafe, type CouncilDecision } from "../../lib/council/index.ts";
import { createSafe, deploySafeContracts } from "../../lib/safe/index.ts";
import { walletLookup } from "../helpers/wallets.ts";
import { DEFAULT_PARAMETERS } from "../helpers/superchain.ts";

const { viem, provider, networkHelpers } = await network.connect();
const publicClient = await viem.getPublicClient();
const wallet = await walletLookup(viem);
const [governance, owner1, owner2, owner3, eoaCouncil, operator] = [0, 1, 2, 3, 4, 5].map((i) => wallet(i)) as [
  ReturnType<typeof wallet>,
  ReturnType<typeof wallet>,
  ReturnType<typeof wallet>,
  ReturnType<typeof wallet>,
  ReturnType<typeof wallet>,
  ReturnType<typeof wallet>,
];

async function gasOf(hash: Promise<Hash> | Hash): Promise<bigint> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash: await hash });
  if (receipt.status !== "success") throw new Error("benchmark transaction reverted");
  return receipt.gasUsed;
}

await deploySafeContracts(governance);
const { address: safe } = await createSafe(governance, {
  owners: [owner1, owner2, owner3].map((w) => getAddress(w.account.address)),
  threshold: 2,
  saltNonce: 0n,
});

async function deployRegistry(council: `0x${string}`) {
  const chains = await viem.deployContract("MemberChainRegistry", [
    [{ chainId: 901n, name: "base-local", operator: operator.account.address }],
  ]);
  const registry = await viem.deployContract("SequencerConfigRegistry", [
    chains.address,
    governance.account.address,
    council,
    DEFAULT_PARAMETERS,
    0,
    7 * 86_400,
  ]);
  await gasOf(chains.write.setChangeApplier([registry.address]));
  return registry;
}

const viaSafe = await deployRegistry(safe);
const direct = await deployRegistry(eoaCouncil.account.address);
const council = await CouncilSafe.connect({ safe, provider });

async function scheduleBlockTime(registry: typeof viaSafe, blockTimeMs: number): Promise<bigint> {
  await gasOf(registry.write.scheduleParameters([901n, 1, { ...DEFAULT_PARAMETERS, blockTimeMs }, 0]));
  return (await registry.read.changeCount()) - 1n;
}

async function safeDecides(decision: CouncilDecision): Promise<bigint> {
  let tx = await council.buildTransaction(councilCall(viaSafe.address, decision));
  for (const owner of [owner1, owner2]) {
    const signature = await owner.signTypedData(council.review(tx).typedData);
    tx = await council.addSignature(tx, { signer: owner.account.address, signature });
  }
  const { transactionHash } = await council.execute(tx, { address: governance.account.address });
  return gasOf(transactionHash);
}

const rows: Array<[string, bigint, bigint | undefined]> = [];
rows.push(["scheduleParameters (one chain)", await gasOf(viaSafe.write.scheduleParameters([901n, 1, DEFAULT_PARAMETERS, 0])), undefined]);
const release = { major: 1, minor: 0, patch: 0, kind: 1, digest: keccak256(toBytes("build")) };
rows.push(["scheduleRelease", await gasOf(viaSafe.write.scheduleRelease([release, 0])), undefined]);

const [safeChange, directChange] = [await scheduleBlockTime(viaSafe, 1_000), await scheduleBlockTime(direct, 1_000)];
rows.push([
  "approveChange (parameters)",
  await safeDecides({ kind: "approveChange", changeId: safeChange }),
  await gasOf(direct.write.approveChange([directChange], { account: eoaCouncil.account })),
]);
const [safeReject, directReject] = [await scheduleBlockTime(viaSafe, 3_000), await scheduleBlockTime(direct, 3_000)];
rows.push([
  "rejectChange",
  await safeDecides({ kind: "rejectChange", changeId: safeReject }),
  await gasOf(direct.write.rejectChange([directReject], { account: eoaCouncil.account })),
]);
rows.push([
  "pause (one chain)",
  await safeDecides({ kind: "pause", chainId: 901n }),
  await gasOf(direct.write.pause([901n], { account: eoaCouncil.account })),
]);

// Reads: gas of an eth_call as the history of base-local grows (baseline: a single entry).
async function readGas(registry: typeof direct) {
  const now = (await publicClient.getBlock()).timestamp;
  const gasOfCall = (data: `0x${string}`) => publicClient.estimateGas({ to: registry.address, data });
  return {
    current: await gasOfCall(encodeFunctionData({ abi: registry.abi, functionName: "currentConfig", args: [901n] })),
    past: await gasOfCall(encodeFunctionData({ abi: registry.abi, functionName: "configAt", args: [901n, now - 1n] })),
  };
}
const fresh = await deployRegistry(eoaCouncil.account.address);
const baseline = await readGas(fresh);
for (let i = 0; i < 100; i++) {
  const id = await scheduleBlockTime(fresh, 1_000 + i);
  await gasOf(fresh.write.approveChange([id], { account: eoaCouncil.account }));
  await networkHelpers.time.increase(60);
}
const grown = await readGas(fresh);
rows.push(["currentConfig (100 entries; eth_call)", grown.current, baseline.current]);
rows.push(["configAt, past (100 entries; eth_call)", grown.past, baseline.past]);

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`\n${pad("operation", 42)}${pad("gas", 12)}${pad("baseline", 12)}ratio   (baseline)`);
for (const [name, gas, base] of rows) {
  const ratio = base === undefined ? "" : `${(Number(gas) / Number(base)).toFixed(2)}×`;
  const note = base === undefined ? "" : name.includes("entries") ? "  (1 entry)" : "  (EOA council, no Safe)";
  console.log(`${pad(name, 42)}${pad(gas.toLocaleString("en-US"), 12)}${pad(base?.toLocaleString("en-US") ?? "—", 12)}${pad(ratio, 8)}${note}`);
}
