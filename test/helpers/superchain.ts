import { network } from "hardhat";
import { getAddress, parseEther, type Address } from "viem";

import { CouncilSafe } from "../../lib/council/index.ts";
import { deployHub, DEVNET_HUB_DEFAULTS } from "../../lib/devnet/deploy.ts";
import { distributeVotes, SETTINGS, TIMELOCK_DELAY } from "./governance.ts";
import { DEFAULT_PARAMETERS } from "./parameters.ts";
import { walletLookup } from "./wallets.ts";

export const BASE = 901n;
export const ZORA = 902n;
export const MIN_ACTIVATION_DELAY = 3_600;
export const APPROVAL_WINDOW = 7 * 86_400;
export { DEFAULT_PARAMETERS };
/**
 * The whole hub on an in-process EDR chain, wired as production will be: token, timelock and
 * governor; the canonical Safe 1.4.1 set and a 2-of-3 council Safe (owners: wallets 7–9) that is
 * both the governor's proposal guardian and the registry's council; the member chain registry
 * (base-local and zora-local, operators wallets 10 and 11) and the sequencer config registry,
 * both governed by the timelock. Wallets 1–4 hold 30k/20k/15k/5k delegated votes.
 */
export async function deploySuperchain() {
  const connection = await network.connect();
  const { viem, provider, networkHelpers } = connection;
  const wallet = await walletLookup(viem);
  const [deployer, alice, bob, carol, dave, outsider] = [wallet(0), wallet(1), wallet(2), wallet(3), wallet(4), wallet(6)] as const;
  const owners = [wallet(7), wallet(8), wallet(9)] as const;
  const operators = { base: wallet(10), zora: wallet(11) };
  const publicClient = await viem.getPublicClient();
  const wait = async (hash: `0x${string}`) => publicClient.waitForTransactionReceipt({ hash });

  // The same deployment the devnet runs (lib/devnet), here on an in-process chain.
  const hub = await deployHub(deployer, {
    ...DEVNET_HUB_DEFAULTS,
    token: { ...DEVNET_HUB_DEFAULTS.token, supply: parseEther("1000000") },
    governor: SETTINGS,
    timelockDelay: TIMELOCK_DELAY,
    sequencer: { defaults: DEFAULT_PARAMETERS, minActivationDelay: MIN_ACTIVATION_DELAY, approvalWindow: APPROVAL_WINDOW },
    council: { owners: owners.map((o) => getAddress(o.account.address)), threshold: 2 },
    members: [
      { chainId: Number(BASE), name: "base-local", operator: operators.base.account.address },
      { chainId: Number(ZORA), name: "zora-local", operator: operators.zora.account.address },
    ],
  });
  const safe = hub.council.safe;
  const token = await viem.getContractAt("SuperchainToken", hub.contracts.token);
  const timelock = await viem.getContractAt("SuperchainTimelock", hub.contracts.timelock);
  const governor = await viem.getContractAt("SuperchainGovernor", hub.contracts.governor);
  const memberChains = await viem.getContractAt("MemberChainRegistry", hub.contracts.memberChains);
  const registry = await viem.getContractAt("SequencerConfigRegistry", hub.contracts.sequencerConfig);
  await distributeVotes({ token, wait }, [alice, bob, carol, dave]);
  await networkHelpers.mine();

  const council = await CouncilSafe.connect({ safe, provider });
  const contracts = {
    governor: governor.address,
    timelock: timelock.address,
    memberChains: memberChains.address,
    sequencerConfig: registry.address,
  } satisfies Record<string, Address>;

  return {
    connection,
    viem,
    provider,
    publicClient,
    networkHelpers,
    wait,
    token,
    timelock,
    governor,
    memberChains,
    registry,
    safe,
    council,
    contracts,
    wallets: { deployer, alice, bob, carol, dave, outsider, owners, operators },
  };
}

export type SuperchainFixture = Awaited<ReturnType<typeof deploySuperchain>>;
