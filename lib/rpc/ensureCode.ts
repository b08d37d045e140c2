import type { Address, Client, EIP1193RequestFn, Hex } from "viem";
import { getCode } from "viem/actions";

type SetCodeSchema = [{ Method: "hardhat_setCode"; Parameters: [Address, Hex]; ReturnType: unknown }];

export interface EnsureCodeParameters {
  address: Address;
  runtimeCode: Hex;
  /** What the code is, for error messages (e.g. "Safe's singleton factory"). */
  name: string;
  /** Builds the error thrown when the code cannot be placed; the caller's own error type. */
  fail: (message: string, options?: { details?: string; cause?: unknown }) => Error;
}

/**
 * Makes sure a dev chain (EDR / Hardhat node) holds `runtimeCode` at `address`, placing it with
 * `hardhat_setCode` when the address is empty. Refuses an address that holds other code and
 * chains that do not answer `hardhat_setCode`. Returns whether this call placed the code.
 */
export async function ensureCode(client: Client, { address, runtimeCode, name, fail }: EnsureCodeParameters): Promise<{ placed: boolean }> {
  const code = await getCode(client, { address });
  if (code && code !== "0x") {
    if (code.toLowerCase() !== runtimeCode.toLowerCase()) throw fail(`${address} holds code that is not ${name}.`);
    return { placed: false };
  }
  const request = client.request as unknown as EIP1193RequestFn<SetCodeSchema>;
  try {
    await request({ method: "hardhat_setCode", params: [address, runtimeCode] });
  } catch (cause) {
    throw fail(`Could not place ${name} with hardhat_setCode.`, {
      details: `Only dev nodes (EDR / Hardhat) accept hardhat_setCode; other chains need ${name} deployed.`,
      cause,
    });
  }
  const placedCode = await getCode(client, { address });
  if (placedCode?.toLowerCase() !== runtimeCode.toLowerCase()) throw fail(`hardhat_setCode did not leave ${name}'s code at ${address}.`);
  return { placed: true };
}
