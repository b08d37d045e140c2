/**
 * A whole superchain deployment through Hardhat Ignition: the council Safe on every chain, the
 * hub (`Hub` + `HubVoting`), each member chain (`Member`), then the hub's pools bound to the
 * members' contracts (`PoolBindings`). Each chain's modules form one Ignition deployment
 * (`<name>-hub`, `<name>-<member>`), journalled under `ignitionDir`: run it again after an
 * interruption and Ignition resumes, sending nothing it already sent. The values read between
 * steps (a member's first roles and anchor) are kept beside the journals, so a resumed run passes
 * Ignition the same parameters.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

import type { IgnitionModule } from "@nomicfoundation/ignition-core";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import { safe_1_4_1_ContractArtifacts } from "@safe-global/types-kit";
import { getAddress, isAddressEqual, type Address } from "viem";
import { getBlockNumber, getCode, readContract } from "viem/actions";

import { rootSettingsAbi } from "../contracts/index.ts";
import { createSafe, deploySafeContracts } from "../safe/index.ts";
import Member from "../../ignition/modules/Member.ts";
import { hubVotingModule, poolBindingsModule } from "../../ignition/modules/hubVoting.ts";
import { DeployError } from "./errors.ts";
import { deploymentRuntime, type DeployerKeySource } from "./hre.ts";
import { futuresOf, readJournal } from "./journal.ts";
import type { DeployedContracts } from "./manifest.ts";
import { DEPLOYMENT_DEFAULTS, type DeploymentParams } from "./params.ts";

export interface DeployOptions {
  /** The deployment's name: `manifest.network`, and the prefix of its Ignition deployment ids. */
  name: string;
  params: DeploymentParams;
  key: DeployerKeySource;
  /** Where Ignition keeps its journals (`<ignitionDir>/deployments/<id>`). */
  ignitionDir: string;
  /** Print every future of the modules and whether the journals say it is done (default true). */
  showPlan?: boolean;
  onProgress?: (line: string) => void;
}

type Connection = Awaited<ReturnType<HardhatRuntimeEnvironment["network"]["connect"]>>;
type Wallet = Awaited<ReturnType<Connection["viem"]["getWalletClients"]>>[number];

/** What a resumed run must pass Ignition again unchanged: each member's first roles and anchor. */
interface ReadBetweenSteps {
  members: Record<string, { anchor: string; roles: { operator: Address; council: Address; rules: { challengeWindow: number; maxBlockStep: string } } }>;
}

/**
 * Deploys (or resumes) the deployment; returns what it deployed (see {@link deploymentManifest}).
 *
 * @throws {DeployError} when an existing council Safe is missing on a chain, or a step reverts.
 */
export async function deploySuperchain(options: DeployOptions): Promise<DeployedContracts> {
  const { name, params, ignitionDir } = options;
  const progress = options.onProgress ?? (() => undefined);
  const memberIds = params.members.map((member) => member.chainId);
  const hre = await deploymentRuntime([params.hub, ...params.members], options.key, ignitionDir);
  const hubId = `${name}-hub`;
  const hubModule = hubVotingModule(memberIds);
  if (options.showPlan ?? true) await printPlan(progress, ignitionDir, [
    { id: hubId, module: hubModule },
    ...params.members.map((member) => ({ id: `${name}-${member.name}`, module: Member as IgnitionModule })),
    { id: hubId, module: poolBindingsModule(memberIds) },
  ]);

  const hub = await hre.network.connect({ network: params.hub.name });
  const [hubWallet] = await hub.viem.getWalletClients();
  if (!hubWallet) throw new DeployError(`no deployer account on ${params.hub.name}`);
  progress(`deployer ${hubWallet.account.address}`);
  const council = await councilOn(hubWallet, params, params.hub.name);
  progress(`council Safe ${council.safe} on ${params.hub.name}`);

  const hubResult = await hub.ignition.deploy(hubModule, {
    deploymentId: hubId,
    parameters: { Hub: hubParameters(params, council.safe) },
  });
  const contracts = hubResult;
  const address = (contract: { address: string }) => getAddress(contract.address);
  progress(`hub deployed: governor ${address(contracts.governor)}, timelock ${address(contracts.timelock)}`);

  const between = await readBetweenSteps(ignitionDir, name);
  const spokes: Record<number, { pool: Address; token: Address; aggregator: Address; verifier: Address; hubStateOracle: Address; deployBlock: bigint }> = {};
  for (const member of params.members) {
    const connection = await hre.network.connect({ network: member.name });
    const [wallet] = await connection.viem.getWalletClients();
    if (!wallet) throw new DeployError(`no deployer account on ${member.name}`);
    const memberCouncil = await councilOn(wallet, params, member.name);
    if (!isAddressEqual(memberCouncil.safe, council.safe)) throw new DeployError(`the council Safe on ${member.name} is at ${memberCouncil.safe}, not at the hub's ${council.safe}`);
    let read = between.members[member.name];
    if (!read) {
      const roles = await readContract(hubWallet, { address: address(contracts.rootSettings), abi: rootSettingsAbi, functionName: "memberRoles", args: [BigInt(member.chainId)] });
      read = { anchor: (await getBlockNumber(hubWallet)).toString(), roles: { ...roles, rules: { ...roles.rules, maxBlockStep: roles.rules.maxBlockStep.toString() } } };
      between.members[member.name] = read;
      await writeBetweenSteps(ignitionDir, name, between);
    }
    const pool = (hubResult as Record<string, { address: string }>)[`pool_${member.chainId}`]!;
    const deployed = await connection.ignition.deploy(Member, {
      deploymentId: `${name}-${member.name}`,
      parameters: {
        Member: {
          rootSettings: address(contracts.rootSettings),
          roles: { ...read.roles, rules: { ...read.roles.rules, maxBlockStep: BigInt(read.roles.rules.maxBlockStep) } },
          anchor: BigInt(read.anchor),
          pool: address(pool),
          governor: address(contracts.governor),
          tokenName: `${params.token.name} on ${member.name}`,
          tokenSymbol: params.token.symbol,
          closingMargin: params.closingMargin,
        },
      },
    });
    const journal = await readJournal(ignitionDir, `${name}-${member.name}`);
    spokes[member.chainId] = {
      pool: address(pool),
      token: address(deployed.spokeToken),
      aggregator: address(deployed.aggregator),
      verifier: address(deployed.verifier),
      hubStateOracle: address(deployed.hubStateOracle),
      deployBlock: journal.blocks.get("Member#SpokeToken") ?? 0n,
    };
    progress(`${member.name} deployed: HubStateOracle ${spokes[member.chainId]!.hubStateOracle}, SpokeToken ${spokes[member.chainId]!.token}`);
  }

  await hub.ignition.deploy(poolBindingsModule(memberIds), {
    deploymentId: hubId,
    parameters: {
      PoolBindings: Object.fromEntries(
        params.members.flatMap(({ chainId }) => [
          [`pool_${chainId}`, spokes[chainId]!.pool],
          [`token_${chainId}`, spokes[chainId]!.token],
          [`aggregator_${chainId}`, spokes[chainId]!.aggregator],
        ]),
      ),
    },
  });
  progress("pools bound to their member chains");

  const journal = await readJournal(ignitionDir, hubId);
  const block = (futureId: string) => (journal.blocks.get(futureId) ?? 0n).toString();
  const hubContracts = ["SuperchainToken", "SuperchainTimelock", "SuperchainGovernor", "MemberChainRegistry", "SequencerConfigRegistry", "RootSettings", "OutputOracle"];
  return {
    contracts: {
      token: address(contracts.token),
      timelock: address(contracts.timelock),
      governor: address(contracts.governor),
      memberChains: address(contracts.memberChains),
      sequencerConfig: address(contracts.sequencerConfig),
      outputOracle: address(contracts.outputOracle),
      rootSettings: address(contracts.rootSettings),
      stateProofVerifier: address(hubResult.verifier),
    },
    council,
    deployer: getAddress(hubWallet.account.address),
    spokes,
    deployBlocks: {
      ...Object.fromEntries(hubContracts.map((contract) => [contract, block(`Hub#${contract}`)])),
      StateProofVerifier: block("HubVoting#StateProofVerifier"),
      SpokeVotePool: block(`HubVoting#SpokeVotePool_${memberIds[0]}`),
    },
  };
}

function hubParameters(params: DeploymentParams, council: Address) {
  return {
    council,
    members: params.members.map((member) => ({ chainId: BigInt(member.chainId), name: member.name, operator: member.operator })),
    tokenName: params.token.name,
    tokenSymbol: params.token.symbol,
    tokenSupply: params.token.supply,
    ...(params.token.holder ? { supplyHolder: params.token.holder } : {}),
    timelockDelay: params.timelockDelay,
    governor: params.governor,
    sequencerDefaults: { ...DEPLOYMENT_DEFAULTS.sequencer.defaults, blockTimeMs: params.sequencer.blockTimeMs },
    minActivationDelay: params.sequencer.minActivationDelay,
    approvalWindow: params.sequencer.approvalWindow,
    outputRules: params.roots.outputs,
    hubStateRules: params.roots.hubStates,
    minChallengeWindow: params.roots.minChallengeWindow,
  } as never;
}

/**
 * The council Safe on one chain: a new one (Safe 1.4.1's contracts deployed where missing, the
 * Safe created with the parameters' owners, threshold and salt — the same address on every chain),
 * or the existing one the parameters name, which must have code there.
 */
async function councilOn(wallet: Wallet, params: DeploymentParams, chain: string): Promise<{ safe: Address; owners: Address[]; threshold: number }> {
  if ("safe" in params.council) {
    const code = await getCode(wallet, { address: params.council.safe });
    if (!code || code === "0x") throw new DeployError(`the council Safe ${params.council.safe} has no code on ${chain}`);
    const [owners, threshold] = await Promise.all([
      readContract(wallet, { address: params.council.safe, abi: safe_1_4_1_ContractArtifacts.abi, functionName: "getOwners" }),
      readContract(wallet, { address: params.council.safe, abi: safe_1_4_1_ContractArtifacts.abi, functionName: "getThreshold" }),
    ]);
    return { safe: params.council.safe, owners: [...owners], threshold: Number(threshold) };
  }
  await deploySafeContracts(wallet as never);
  const { owners, threshold, saltNonce } = params.council;
  const { address } = await createSafe(wallet as never, { owners, threshold, saltNonce });
  return { safe: address, owners: owners.map((owner) => getAddress(owner)), threshold };
}

async function printPlan(progress: (line: string) => void, ignitionDir: string, steps: ReadonlyArray<{ id: string; module: IgnitionModule }>): Promise<void> {
  progress("plan:");
  for (const { id, module } of steps) {
    const { completed } = await readJournal(ignitionDir, id);
    for (const future of futuresOf(module)) progress(`  ${id.padEnd(24)} ${future.id.padEnd(44)} ${completed.has(future.id) ? "done" : "to do"}`);
  }
}

const betweenFile = (ignitionDir: string, name: string) => join(ignitionDir, "deployments", `${name}.read.json`);

async function readBetweenSteps(ignitionDir: string, name: string): Promise<ReadBetweenSteps> {
  const text = await readFile(betweenFile(ignitionDir, name), "utf8").catch(() => undefined);
  return text ? (JSON.parse(text) as ReadBetweenSteps) : { members: {} };
}

async function writeBetweenSteps(ignitionDir: string, name: string, read: ReadBetweenSteps): Promise<void> {
  await mkdir(dirname(betweenFile(ignitionDir, name)), { recursive: true });
  await writeFile(betweenFile(ignitionDir, name), `${JSON.stringify(read, null, 2)}\n`);
}
