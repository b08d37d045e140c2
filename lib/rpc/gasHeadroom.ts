import type {
  Abi,
  Account,
  Chain,
  Client,
  ContractFunctionArgs,
  ContractFunctionName,
  Hash,
  Transport,
  WriteContractParameters,
} from "viem";
import { estimateContractGas, writeContract } from "viem/actions";

/**
 * The gas limit to send with for a node's `estimate`.
 *
 * An estimate is exact only for the block it was made against. Votes tokens checkpoint by block
 * timestamp: a write estimated in one second and mined in the next pushes a new checkpoint (a
 * fresh storage slot, ~20k gas) where the estimate updated one in place, and a transfer or mint
 * can move two checkpoints. A quarter on top covers state that grew in between; the fixed part
 * covers two such checkpoints for small calls, where a quarter is less than that. Unused gas is
 * not paid for.
 */
export function withGasHeadroom(estimate: bigint): bigint {
  return estimate + estimate / 4n + 40_000n;
}

/**
 * viem's `writeContract`, but sent with {@link withGasHeadroom} over the node's estimate (unless
 * the caller sets `gas`), so calls whose cost depends on the block they land in do not run out.
 *
 * @example
 * const hash = await writeContractWithHeadroom(wallet, { address: token, abi: spokeTokenAbi, functionName: "delegate", args: [me], chain })
 */
export async function writeContractWithHeadroom<
  const abi extends Abi | readonly unknown[],
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable">,
  args extends ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>,
  chain extends Chain | undefined,
  account extends Account | undefined,
  chainOverride extends Chain | undefined = undefined,
>(
  client: Client<Transport, chain, account>,
  parameters: WriteContractParameters<abi, functionName, args, chain, account, chainOverride>,
): Promise<Hash> {
  // estimateContractGas falls back to the client's account, as writeContract does.
  const gas = parameters.gas ?? withGasHeadroom(await estimateContractGas(client, parameters as never));
  return writeContract(client, { ...parameters, gas } as never);
}
