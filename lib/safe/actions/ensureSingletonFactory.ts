import type { Address, Client, EIP1193RequestFn, GetCodeErrorType, Hex } from "viem";
import { getCode } from "viem/actions";

import { SingletonFactoryError } from "../errors.ts";
import { singletonFactory } from "../singletonFactory.ts";

export interface EnsureSingletonFactoryReturnType {
  address: Address;
  /** `true` when this call placed the code, `false` when the factory was already there. */
  placed: boolean;
}

export type EnsureSingletonFactoryErrorType = SingletonFactoryError | GetCodeErrorType;

type SetCodeSchema = [{ Method: "hardhat_setCode"; Parameters: [Address, Hex]; ReturnType: unknown }];

/**
 * Makes sure Safe's singleton factory exists on a dev chain (EDR / Hardhat node): places its
 * runtime code with `hardhat_setCode` unless that exact code is already there. Refuses an address
 * that holds other code, and chains that do not answer `hardhat_setCode`.
 *
 * @example
 * const { address, placed } = await ensureSingletonFactory(client)
 */
export async function ensureSingletonFactory(client: Client): Promise<EnsureSingletonFactoryReturnType> {
  const { address, runtimeCode } = singletonFactory();
  const code = await getCode(client, { address });
  if (code && code !== "0x") {
    if (code.toLowerCase() !== runtimeCode.toLowerCase()) {
      throw new SingletonFactoryError(`${address} holds code that is not Safe's singleton factory.`);
    }
    return { address, placed: false };
  }
  const request = client.request as unknown as EIP1193RequestFn<SetCodeSchema>;
  try {
    await request({ method: "hardhat_setCode", params: [address, runtimeCode] });
  } catch (cause) {
    throw new SingletonFactoryError("Could not place Safe's singleton factory with hardhat_setCode.", {
      details: "Only dev nodes (EDR / Hardhat) accept hardhat_setCode; other chains need the factory deployed.",
      cause,
    });
  }
  const placedCode = await getCode(client, { address });
  if (placedCode?.toLowerCase() !== runtimeCode.toLowerCase()) {
    throw new SingletonFactoryError(`hardhat_setCode did not leave the singleton factory's code at ${address}.`);
  }
  return { address, placed: true };
}
