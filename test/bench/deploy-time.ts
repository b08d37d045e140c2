/**
 * What deploying through Hardhat Ignition costs the devnet: every contract of the devnet on fresh
 * nodes, through the Ignition modules (`deployDevnetContracts`, what `devnet up` runs) against the
 * direct viem deployment `devnet up` ran before (deployHub, each member's Safe, verifier and
 * HubStateOracle, then deployCrosschain), alternating, same machine, same run. Then `devnet up`
 * whole (no sequencer), to compare with the ~9 s it took before Ignition.
 *
 *   node test/bench/deploy-time.ts          (BENCH_DEPLOY_RUNS=3)
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { createPublicClient, createWalletClient, defineChain, http } from "viem";

import { rootSettingsAbi, stateProofVerifierAbi } from "../../lib/contracts/index.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { contractDeployer } from "../../lib/devnet/contractDeployer.ts";
import { deployCrosschain } from "../../lib/devnet/crosschain.ts";
import { deployHub, deployHubStateOracle, DEVNET_HUB_DEFAULTS } from "../../lib/devnet/deploy.ts";
import { devnetDown, devnetUp } from "../../lib/devnet/devnet.ts";
import { deployDevnetContracts } from "../../lib/devnet/ignitionDeploy.ts";
import { ensureMulticall3 } from "../../lib/devnet/multicall3.ts";
import { freePort, startNode, stopNode, type RunningNode } from "../../lib/devnet/nodes.ts";
import { createSafe, deploySafeContracts } from "../../lib/safe/index.ts";

const RUNS = Number(process.env.BENCH_DEPLOY_RUNS ?? 3);
const dir = mkdtempSync(join(tmpdir(), "deploy-time-"));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const CHAINS = [
  { name: "hub", chainId: 900, chainType: "l1" as const },
  { name: "base-local", chainId: 901, chainType: "op" as const },
  { name: "zora-local", chainId: 902, chainType: "op" as const },
];

const wallet = (node: RunningNode) =>
  createWalletClient({
    account: devAccount(DEV_ROLES.deployer),
    chain: defineChain({ id: node.chainId, name: node.name, nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 }, rpcUrls: { default: { http: [node.rpcUrl] } } }),
    transport: http(node.rpcUrl),
  });

/** Fresh nodes with Multicall3, as `devnet up` has them before it deploys; time `deploy` on them. */
async function timed(deploy: (nodes: RunningNode[]) => Promise<unknown>): Promise<number> {
  const nodes = await Promise.all(CHAINS.map(async (chain) => startNode({ ...chain, port: await freePort(), logFile: join(dir, `${chain.name}.log`) })));
  try {
    await Promise.all(nodes.map((node) => ensureMulticall3(wallet(node))));
    const started = performance.now();
    await deploy(nodes);
    return (performance.now() - started) / 1000;
  } finally {
    await Promise.all(nodes.map((node) => stopNode(node)));
  }
}

/** The deployment `devnet up` ran before Ignition: viem transactions, one after another. */
async function directDeployment([hubNode, ...members]: RunningNode[]): Promise<void> {
  const council = { owners: DEV_ROLES.councilOwners.map((i) => devAccount(i).address), threshold: 2 };
  const hub = await deployHub(wallet(hubNode!), {
    ...DEVNET_HUB_DEFAULTS,
    council,
    members: members.map((node, i) => ({ chainId: node.chainId, name: node.name, operator: devAccount(DEV_ROLES.operators[i]!).address })),
  });
  const reader = createPublicClient({ transport: http(hubNode!.rpcUrl) });
  const anchor = await reader.getBlockNumber();
  const placed = await Promise.all(
    members.map(async (node) => {
      const client = wallet(node);
      await deploySafeContracts(client);
      await createSafe(client, { ...council, saltNonce: 0n });
      const verifier = await contractDeployer(client, "step failed").deploy("StateProofVerifier", stateProofVerifierAbi, []);
      const roles = await reader.readContract({ address: hub.contracts.rootSettings, abi: rootSettingsAbi, functionName: "memberRoles", args: [BigInt(node.chainId)] });
      const oracle = await deployHubStateOracle(client, { verifier: verifier.address, rootSettings: hub.contracts.rootSettings, roles, anchor });
      return { node, verifier: verifier.address, oracle: oracle.address };
    }),
  );
  await deployCrosschain(wallet(hubNode!), {
    governor: hub.contracts.governor,
    token: hub.contracts.token,
    outputOracle: hub.contracts.outputOracle,
    members: placed.map(({ node, verifier, oracle }) => ({ chainId: node.chainId, name: node.name, wallet: wallet(node), hubStateOracle: oracle, verifier })),
  });
}

const direct: number[] = [];
const ignition: number[] = [];
for (let run = 0; run < RUNS; run++) {
  direct.push(await timed(directDeployment));
  ignition.push(await timed((nodes) => deployDevnetContracts(nodes, { dataDir: join(dir, `run-${run}`), onProgress: () => undefined })));
  console.log(`run ${run + 1}: direct ${direct.at(-1)!.toFixed(2)} s, Ignition ${ignition.at(-1)!.toFixed(2)} s`);
}

const ups: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const paths = { stateFile: join(dir, `up-${run}`, "state.json"), manifestFile: join(dir, `up-${run}`, "devnet.json"), logDir: join(dir, `up-${run}`, "logs") };
  const started = performance.now();
  try {
    await devnetUp(paths, { ports: { hub: await freePort(), "base-local": await freePort(), "zora-local": await freePort() }, sequencer: false });
    ups.push((performance.now() - started) / 1000);
  } finally {
    await devnetDown(paths);
  }
}

console.log(`\n${"case".padEnd(56)}median of ${RUNS}`);
console.log(`${"deploy every devnet contract, direct viem (before)".padEnd(56)}${median(direct).toFixed(2)} s`);
console.log(`${"deploy every devnet contract, Ignition modules (now)".padEnd(56)}${median(ignition).toFixed(2)} s (${(median(ignition) / median(direct)).toFixed(2)}×)`);
console.log(`${"devnet up without the sequencer, Ignition".padEnd(56)}${median(ups).toFixed(2)} s (runs: ${ups.map((s) => s.toFixed(1)).join(", ")})`);
