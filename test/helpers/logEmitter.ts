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

/**
 * Runtime code that emits whatever it is called with as one log with three topics: calldata is
 * topic0 ‖ topic1 ‖ topic2 ‖ data. CALLDATACOPY all to memory 0; LOG3(0x60, size - 0x60,
 * mload(0), mload(0x20), mload(0x40)); STOP. Lets a test emit any contract's event shape.
 */
export const LOG3_ECHO_CODE: Hex = "0x366000600037604051602051600051606036036060a300";

/** Places the echo at `address` and returns a function that emits one log (its three topics and data) in a new block. */
export async function logEcho(rpcUrl: string, address: Address) {
  const node = jsonRpcClient(rpcUrl);
  await node.request("hardhat_setCode", [address, LOG3_ECHO_CODE]);
  const [from] = await node.request<Address[]>("eth_accounts");
  return async (topics: readonly Hex[], data: Hex): Promise<void> => {
    if (topics.length !== 3) throw new Error(`the echo emits exactly three topics, got ${topics.length}`);
    const hash = await node.request<Hex>("eth_sendTransaction", [{ from, to: address, data: concat([...topics, data]), gas: toHex(1_000_000) }]);
    const receipt = await node.request<{ status: Hex } | null>("eth_getTransactionReceipt", [hash]);
    if (receipt?.status !== "0x1") throw new Error("the echo's transaction failed");
  };
}
