import type { Address } from "viem";

import { jsonRpcClient } from "../rpc/jsonRpc.ts";

/** What a devnet account the nodes do not fund themselves gets: as much as the ones they do. */
export const DEV_ACCOUNT_BALANCE = 10_000n * 10n ** 18n;

/**
 * Gives `account` {@link DEV_ACCOUNT_BALANCE} on the devnet node at `rpcUrl` (`hardhat_setBalance`:
 * no transaction, so no deployer nonce moves and every contract keeps its address).
 */
export async function fundDevAccount(rpcUrl: string, account: Address): Promise<void> {
  await jsonRpcClient(rpcUrl).request("hardhat_setBalance", [account, `0x${DEV_ACCOUNT_BALANCE.toString(16)}`]);
}
