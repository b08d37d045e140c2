import compatibilityFallbackHandler from "@safe-global/safe-contracts/build/artifacts/contracts/handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json" with { type: "json" };
import createCall from "@safe-global/safe-contracts/build/artifacts/contracts/libraries/CreateCall.sol/CreateCall.json" with { type: "json" };
import multiSend from "@safe-global/safe-contracts/build/artifacts/contracts/libraries/MultiSend.sol/MultiSend.json" with { type: "json" };
import multiSendCallOnly from "@safe-global/safe-contracts/build/artifacts/contracts/libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json" with { type: "json" };
import signMessageLib from "@safe-global/safe-contracts/build/artifacts/contracts/libraries/SignMessageLib.sol/SignMessageLib.json" with { type: "json" };
import safeProxyFactory from "@safe-global/safe-contracts/build/artifacts/contracts/proxies/SafeProxyFactory.sol/SafeProxyFactory.json" with { type: "json" };
import safe from "@safe-global/safe-contracts/build/artifacts/contracts/Safe.sol/Safe.json" with { type: "json" };
import safeL2 from "@safe-global/safe-contracts/build/artifacts/contracts/SafeL2.sol/SafeL2.json" with { type: "json" };
import simulateTxAccessor from "@safe-global/safe-contracts/build/artifacts/contracts/accessors/SimulateTxAccessor.sol/SimulateTxAccessor.json" with { type: "json" };
import { isHex, type Hex } from "viem";

import type { SafeContractName } from "./canonical.ts";
import { SafeError } from "./errors.ts";

/**
 * Creation code of the Safe 1.4.1 contracts, from the `@safe-global/safe-contracts@1.4.1` build:
 * the exact bytes that, deployed through the singleton factory with salt 0, produce the canonical
 * addresses. Only deployment needs these (they are large); reading and signing never import them.
 */
const ARTIFACTS: Record<SafeContractName, { contractName: string; bytecode: string }> = {
  Safe: safe,
  SafeL2: safeL2,
  SafeProxyFactory: safeProxyFactory,
  MultiSend: multiSend,
  MultiSendCallOnly: multiSendCallOnly,
  CompatibilityFallbackHandler: compatibilityFallbackHandler,
  SignMessageLib: signMessageLib,
  CreateCall: createCall,
  SimulateTxAccessor: simulateTxAccessor,
};

/** The creation code (init code) of one Safe contract. */
export function safeCreationCode(name: SafeContractName): Hex {
  const { contractName, bytecode } = ARTIFACTS[name];
  if (contractName !== name || !isHex(bytecode) || bytecode.length <= 2) {
    throw new SafeError(`The @safe-global/safe-contracts artifact for ${name} has no creation code.`);
  }
  return bytecode;
}
