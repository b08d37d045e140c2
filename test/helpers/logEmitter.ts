/**
 * A contract that emits `Tick(uint256 n)` n, n-1, … 1 when called with n (one uint256 of
 * calldata), placed with `hardhat_setCode`: many logs in one block, no compiler needed.
 */
import { concat, pad, parseAbiItem, toEventSelector, toHex, type Address, type Hex } from "viem";

import { jsonRpcClient } from "../../lib/rpc/jsonRpc.ts";

export const tickEvent = parseAbiItem("event Tick(uint256 n)");

/**
 * Runtime code: `n = calldata[0]; while (n != 0) { mstore(0, n); log1(0, 32, Tick); n-- }`.
 * 0x00 PUSH1 0 CALLDATALOAD; 0x03 loop: JUMPDEST DUP1 ISZERO PUSH1 0x3a JUMPI; DUP1 PUSH1 0 MSTORE;
 * PUSH32 topic PUSH1 32 PUSH1 0 LOG1; PUSH1 1 SWAP1 SUB PUSH1 0x03 JUMP; 0x3a: JUMPDEST STOP.
 */
export const TICK_EMITTER_CODE: Hex = concat(["0x6000355b8015603a57806000527f", toEventSelector(tickEvent), "0x60206000a1600190036003565b00"]);

/** Places the emitter at `address` and returns a function that emits `count` logs in one new block (automine). */
export async function tickEmitter(rpcUrl: string, address: Address) {
  const node = jsonRpcClient(rpcUrl);
  await node.request("hardhat_setCode", [address, TICK_EMITTER_CODE]);
  const [from] = await node.request<Address[]>("eth_accounts");
  return async (count: number): Promise<void> => {
    const hash = await node.request<Hex>("eth_sendTransaction", [{ from, to: address, data: pad(toHex(count)), gas: toHex(16_000_000) }]);
    const receipt = await node.request<{ status: Hex; logs: unknown[] } | null>("eth_getTransactionReceipt", [hash]);
    if (receipt?.status !== "0x1" || receipt.logs.length !== count) throw new Error(`emitting ${count} ticks failed: ${JSON.stringify(receipt?.status)}`);
  };
}

/** Mines `count` empty blocks at once (EDR reserves them without building each). */
export const mine = (rpcUrl: string, count: number) => jsonRpcClient(rpcUrl).request("hardhat_mine", [toHex(count)]);
