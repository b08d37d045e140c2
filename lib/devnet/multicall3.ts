import type { Client } from "viem";

import { MULTICALL3_ADDRESS } from "../chains/index.ts";
import { ensureCode } from "../rpc/ensureCode.ts";
import { DevnetError } from "./errors.ts";
import { MULTICALL3_RUNTIME_CODE } from "./multicall3Code.ts";

/**
 * Places Multicall3 at its canonical address, where it lives on every public chain, so readers
 * batch their calls into one `eth_call` on the devnet exactly as they do elsewhere.
 */
export async function ensureMulticall3(client: Client): Promise<{ placed: boolean }> {
  return ensureCode(client, {
    address: MULTICALL3_ADDRESS,
    runtimeCode: MULTICALL3_RUNTIME_CODE,
    name: "Multicall3",
    fail: (message, options) => new DevnetError(message, options),
  });
}
