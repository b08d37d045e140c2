import { getAddress, type Abi, type Account, type Address, type Chain, type Client, type Hash, type Transport } from "viem";
import { deployContract, waitForTransactionReceipt } from "viem/actions";

import { writeContractWithHeadroom } from "../rpc/gasHeadroom.ts";
import { creationBytecode, type DeployableContract } from "./artifacts.ts";
import { DevnetError } from "./errors.ts";

/**
 * The devnet's deployment steps on one chain, each waited for and checked: a step that reverts
 * throws a {@link DevnetError} naming it (`${failure}: ${label}.`).
 *
 * @example
 * const steps = contractDeployer(wallet, "Deployment step failed")
 * const { address, block } = await steps.deploy("SpokeToken", spokeTokenAbi, [name, symbol, pool, hubStateOracle, verifier])
 */
export function contractDeployer(client: Client<Transport, Chain | undefined, Account>, failure: string) {
  const confirm = async (label: string, hash: Hash) => {
    const receipt = await waitForTransactionReceipt(client, { hash });
    if (receipt.status !== "success") throw new DevnetError(`${failure}: ${label}.`);
    return receipt;
  };
  return {
    confirm,
    /** Deploys `name` from the build's artifacts; its address and the block it was deployed in. */
    deploy: async (name: DeployableContract, abi: Abi, args: readonly unknown[]): Promise<{ address: Address; block: bigint }> => {
      const hash = await deployContract(client, { abi, bytecode: creationBytecode(name), args, chain: client.chain } as never);
      const receipt = await confirm(`deploy ${name}`, hash);
      if (!receipt.contractAddress) throw new DevnetError(`${name} was not deployed.`);
      return { address: getAddress(receipt.contractAddress), block: receipt.blockNumber };
    },
    /** Sends a contract call with gas headroom and waits for its receipt. */
    write: async (label: string, address: Address, abi: Abi, functionName: string, args: readonly unknown[]) =>
      confirm(label, await writeContractWithHeadroom(client, { address, abi, functionName, args, chain: client.chain } as never)),
  };
}
