/**
 * The hub deployment over real JSON-RPC: an EDR node in its own process (as `devnet up` runs
 * it), deployed to with a local dev key through viem, then checked through protocol-kit and the
 * contracts themselves.
 */
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { createPublicClient, createWalletClient, defineChain, getAddress, http } from "viem";

import { memberChainRegistryAbi, sequencerConfigRegistryAbi, superchainGovernorAbi } from "../../../lib/contracts/index.ts";
import { CouncilSafe } from "../../../lib/council/index.ts";
import { devAccount, DEV_ROLES } from "../../../lib/devnet/accounts.ts";
import { deployHub, DEVNET_HUB_DEFAULTS, type HubDeployment } from "../../../lib/devnet/deploy.ts";
import { freePort, startNode, stopNode, type RunningNode } from "../../../lib/devnet/nodes.ts";

describe("deployHub on a devnet hub node", () => {
  let node: RunningNode;
  let hub: HubDeployment;
  let publicClient: ReturnType<typeof createPublicClient>;
  const owners = DEV_ROLES.councilOwners.map((i) => devAccount(i).address);

  before(async () => {
    const logs = mkdtempSync(join(tmpdir(), "devnet-deploy-"));
    node = await startNode({ name: "hub", chainId: 900, chainType: "l1", port: await freePort(), logFile: join(logs, "hub.log") });
    const chain = defineChain({
      id: 900,
      name: "hub",
      nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [node.rpcUrl] } },
    });
    const wallet = createWalletClient({ account: devAccount(DEV_ROLES.deployer), chain, transport: http(node.rpcUrl) });
    publicClient = createPublicClient({ chain, transport: http(node.rpcUrl) });
    hub = await deployHub(wallet, {
      ...DEVNET_HUB_DEFAULTS,
      council: { owners, threshold: 2 },
      members: [
        { chainId: 901, name: "base-local", operator: devAccount(DEV_ROLES.operators[0]).address },
        { chainId: 902, name: "zora-local", operator: devAccount(DEV_ROLES.operators[1]).address },
      ],
    });
  });
  after(async () => {
    if (node) await stopNode(node);
  });

  it("creates the council Safe with 3 owners and threshold 2, read through protocol-kit", async () => {
    const council = await CouncilSafe.connect({ safe: hub.council.safe, rpcUrl: node.rpcUrl });
    const state = await council.getState();
    assert.deepEqual([...state.owners].map((o) => getAddress(o)).sort(), owners.map((o) => getAddress(o)).sort());
    assert.equal(state.threshold, 2);
  });

  it("wires the governor, registries and council together", async () => {
    const read = <T>(address: `0x${string}`, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
      publicClient.readContract({ address, abi, functionName, args } as never) as Promise<T>;
    assert.equal(await read(hub.contracts.governor, superchainGovernorAbi, "proposalGuardian"), hub.council.safe);
    assert.equal(await read(hub.contracts.sequencerConfig, sequencerConfigRegistryAbi, "council"), hub.council.safe);
    assert.equal(await read(hub.contracts.sequencerConfig, sequencerConfigRegistryAbi, "governance"), hub.contracts.timelock);
    assert.equal(await read(hub.contracts.memberChains, memberChainRegistryAbi, "changeApplier"), hub.contracts.sequencerConfig);
    assert.deepEqual(await read(hub.contracts.memberChains, memberChainRegistryAbi, "chainIds"), [901n, 902n]);
    const config = await read<{ parameters: { blockTimeMs: number; orderingPolicy: number }; version: bigint }>(
      hub.contracts.sequencerConfig,
      sequencerConfigRegistryAbi,
      "currentConfig",
      [901n],
    );
    assert.equal(config.parameters.blockTimeMs, 2_000);
    assert.equal(config.parameters.orderingPolicy, 0);
    assert.equal(config.version, 1n);
    assert.ok(Object.values(hub.deployBlocks).every((block) => block > 0n));
  });
});
