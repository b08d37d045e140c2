import type { Address, Client, GetCodeErrorType } from "viem";

import { ensureCode } from "../../rpc/ensureCode.ts";
import { SingletonFactoryError } from "../errors.ts";
import { singletonFactory } from "../singletonFactory.ts";

export interface EnsureSingletonFactoryReturnType {
  address: Address;
  /** `true` when this call placed the code, `false` when the factory was already there. */
  placed: boolean;
}

export type EnsureSingletonFactoryErrorType = SingletonFactoryError | GetCodeErrorType;

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
  const { placed } = await ensureCode(client, {
    address,
    runtimeCode,
    name: "Safe's singleton factory",
    fail: (message, options) => new SingletonFactoryError(message, options),
  });
  return { address, placed };
}
