import { readFileSync } from "node:fs";
import { resolve } from "node:path";

import type { Hex } from "viem";

import { DevnetError } from "./errors.ts";

const ARTIFACTS = resolve(import.meta.dirname, "../../artifacts/contracts");

/** Where each deployable contract's artifact lives, relative to artifacts/contracts. */
const SOURCES = {
  SuperchainToken: "governance/SuperchainToken.sol",
  SuperchainTimelock: "governance/SuperchainTimelock.sol",
  SuperchainGovernor: "governance/SuperchainGovernor.sol",
  MemberChainRegistry: "sequencer/MemberChainRegistry.sol",
  SequencerConfigRegistry: "sequencer/SequencerConfigRegistry.sol",
  RootSettings: "crosschain/RootSettings.sol",
  OutputOracle: "crosschain/OutputOracle.sol",
  HubStateOracle: "crosschain/HubStateOracle.sol",
  StateProofVerifier: "crosschain/proofs/StateProofVerifier.sol",
  SpokeVotePool: "crosschain/SpokeVotePool.sol",
  SpokeToken: "crosschain/SpokeToken.sol",
  SpokeVoteAggregator: "crosschain/SpokeVoteAggregator.sol",
} as const;

export type DeployableContract = keyof typeof SOURCES;

/**
 * Creation bytecode from the Hardhat build (ABIs come from lib/contracts; only bytecode is read
 * here, at run time, so a stale build fails loudly instead of deploying old code silently).
 */
export function creationBytecode(name: DeployableContract): Hex {
  const path = resolve(ARTIFACTS, SOURCES[name], `${name}.json`);
  try {
    const { bytecode } = JSON.parse(readFileSync(path, "utf8")) as { bytecode: Hex };
    return bytecode;
  } catch (cause) {
    throw new DevnetError(`No build of ${name} found.`, { details: `Expected ${path}. Run \`npm run build\` first.`, cause });
  }
}
