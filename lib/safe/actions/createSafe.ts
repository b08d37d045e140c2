import { safe_1_4_1_ContractArtifacts, safeProxyFactory_1_4_1_ContractArtifacts } from "@safe-global/types-kit";
import {
  concat,
  encodeFunctionData,
  encodePacked,
  getAddress,
  getContractAddress,
  isAddressEqual,
  keccak256,
  pad,
  parseEventLogs,
  zeroAddress,
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hash,
  type ReadContractErrorType,
  type Transport,
  type WaitForTransactionReceiptErrorType,
  type WriteContractErrorType,
} from "viem";
import { getCode, readContract, waitForTransactionReceipt, writeContract } from "viem/actions";

import { canonicalSafeContract, type SafeSingletonName } from "../canonical.ts";
import {
  SafeContractsNotDeployedError,
  SafeDeploymentFailedError,
  SafeInvalidSetupError,
  type SafeDeploymentNotFoundError,
} from "../errors.ts";

export interface CreateSafeParameters {
  owners: readonly Address[];
  /** Signatures needed per transaction, 1 ≤ threshold ≤ owners. */
  threshold: number;
  /** Distinguishes Safes with the same owners and threshold; part of the CREATE2 salt. */
  saltNonce: bigint;
  /** `SafeL2` (default, emits an event per transaction) or `Safe`. */
  singleton?: SafeSingletonName;
}

export interface CreateSafeReturnType {
  address: Address;
  /** The creation transaction; absent when this exact Safe already existed. */
  transactionHash?: Hash;
}

export type CreateSafeErrorType =
  | SafeInvalidSetupError
  | SafeContractsNotDeployedError
  | SafeDeploymentFailedError
  | SafeDeploymentNotFoundError
  | ReadContractErrorType
  | WriteContractErrorType
  | WaitForTransactionReceiptErrorType;

const SENTINEL = "0x0000000000000000000000000000000000000001";

/**
 * Creates a Safe 1.4.1 proxy through the canonical SafeProxyFactory (`createProxyWithNonce`)
 * with `setup(owners, threshold, …)` and CompatibilityFallbackHandler as fallback handler, and
 * returns its address. The address is predicted first (CREATE2), so calling again with the same
 * parameters returns the existing Safe without sending anything.
 *
 * @example
 * const { address } = await createSafe(walletClient, { owners: [a, b, c], threshold: 2, saltNonce: 0n })
 */
export async function createSafe(
  client: Client<Transport, Chain | undefined, Account>,
  { owners, threshold, saltNonce, singleton = "SafeL2" }: CreateSafeParameters,
): Promise<CreateSafeReturnType> {
  checkSetup(owners, threshold);
  const factory = canonicalSafeContract("SafeProxyFactory");
  const singletonAddress = canonicalSafeContract(singleton).address;
  for (const contract of [factory, canonicalSafeContract(singleton)]) {
    const code = await getCode(client, { address: contract.address });
    if (!code || code === "0x") throw new SafeContractsNotDeployedError({ contract: contract.name, address: contract.address });
  }

  const initializer = encodeFunctionData({
    abi: safe_1_4_1_ContractArtifacts.abi,
    functionName: "setup",
    args: [
      owners.map((owner) => getAddress(owner)),
      BigInt(threshold),
      zeroAddress,
      "0x",
      canonicalSafeContract("CompatibilityFallbackHandler").address,
      zeroAddress,
      0n,
      zeroAddress,
    ],
  });
  const proxyCreationCode = await readContract(client, {
    address: factory.address,
    abi: safeProxyFactory_1_4_1_ContractArtifacts.abi,
    functionName: "proxyCreationCode",
  });
  const address = getContractAddress({
    opcode: "CREATE2",
    from: factory.address,
    salt: keccak256(encodePacked(["bytes32", "uint256"], [keccak256(initializer), saltNonce])),
    bytecode: concat([proxyCreationCode, pad(singletonAddress)]),
  });
  const existing = await getCode(client, { address });
  if (existing && existing !== "0x") return { address };

  const transactionHash = await writeContract(client, {
    account: client.account,
    chain: client.chain,
    address: factory.address,
    abi: safeProxyFactory_1_4_1_ContractArtifacts.abi,
    functionName: "createProxyWithNonce",
    args: [singletonAddress, initializer, saltNonce],
  });
  const receipt = await waitForTransactionReceipt(client, { hash: transactionHash });
  const [created] = parseEventLogs({
    abi: safeProxyFactory_1_4_1_ContractArtifacts.abi,
    eventName: "ProxyCreation",
    logs: receipt.logs,
  });
  if (receipt.status !== "success" || !created || !isAddressEqual(created.args.proxy, address)) {
    throw new SafeDeploymentFailedError("SafeProxyFactory did not create the Safe at its predicted address.", {
      details: `predicted ${address}, transaction ${transactionHash}, status ${receipt.status}`,
    });
  }
  return { address, transactionHash };
}

function checkSetup(owners: readonly Address[], threshold: number) {
  if (owners.length === 0) throw new SafeInvalidSetupError("A Safe needs at least one owner.");
  const seen = new Set<string>();
  for (const owner of owners) {
    const key = owner.toLowerCase();
    if (isAddressEqual(owner, zeroAddress) || isAddressEqual(owner, SENTINEL)) {
      throw new SafeInvalidSetupError(`${owner} cannot be a Safe owner.`);
    }
    if (seen.has(key)) throw new SafeInvalidSetupError(`${owner} is listed twice as an owner.`);
    seen.add(key);
  }
  if (!Number.isInteger(threshold) || threshold < 1 || threshold > owners.length) {
    throw new SafeInvalidSetupError(`The threshold must be between 1 and ${owners.length}, got ${threshold}.`);
  }
}
