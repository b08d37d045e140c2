import { getSingletonFactoryInfo } from "@safe-global/safe-singleton-factory";
import { fromRlp, getAddress, hexToNumber, isHex, slice, size, type Address, type Hex } from "viem";

import { SingletonFactoryError } from "./errors.ts";

/**
 * Safe's singleton factory (a CREATE2 deployer: calldata = salt ++ init code) as its package
 * publishes it. Every chain has it at the same address; dev chains without a presigned
 * deployment transaction get its runtime code placed directly.
 */
export interface SingletonFactory {
  address: Address;
  /** The factory's runtime code, cut from the init code of its presigned deployment. */
  runtimeCode: Hex;
}

/** Chain whose presigned deployment is read; the factory's code is the same on every chain. */
const REFERENCE_CHAIN_ID = 1;

let cached: SingletonFactory | undefined;

/**
 * The singleton factory's address and runtime code, from `@safe-global/safe-singleton-factory`.
 *
 * @example
 * const { address, runtimeCode } = singletonFactory()
 * await client.request({ method: "hardhat_setCode", params: [address, runtimeCode] })
 */
export function singletonFactory(): SingletonFactory {
  if (cached) return cached;
  const info = getSingletonFactoryInfo(REFERENCE_CHAIN_ID);
  if (!info || !isHex(info.transaction)) {
    throw new SingletonFactoryError("@safe-global/safe-singleton-factory has no presigned deployment to read.");
  }
  const fields = fromRlp(info.transaction, "hex");
  const initCode = Array.isArray(fields) ? fields[5] : undefined;
  if (typeof initCode !== "string" || !isHex(initCode)) {
    throw new SingletonFactoryError("The singleton factory's presigned deployment is not a legacy transaction.");
  }
  cached = { address: getAddress(info.address), runtimeCode: runtimeCodeOf(initCode) };
  return cached;
}

/**
 * The init code is the minimal constructor `PUSH1 len DUP1 PUSH1 offset PUSH1 0 CODECOPY DUP1
 * PUSH1 0 RETURN` followed by the runtime code; anything else is refused rather than guessed.
 */
function runtimeCodeOf(initCode: Hex): Hex {
  const constructorShape = /^0x60[0-9a-f]{2}8060[0-9a-f]{2}600039806000f3/i;
  if (!constructorShape.test(initCode)) {
    throw new SingletonFactoryError("The singleton factory's init code has an unexpected constructor.");
  }
  const length = hexToNumber(slice(initCode, 1, 2));
  const offset = hexToNumber(slice(initCode, 4, 5));
  if (offset + length !== size(initCode)) {
    throw new SingletonFactoryError("The singleton factory's init code does not end with its runtime code.");
  }
  return slice(initCode, offset);
}
