import {
  concat,
  getContractAddress,
  isAddressEqual,
  keccak256,
  zeroHash,
  type Account,
  type Address,
  type Chain,
  type Client,
  type GetCodeErrorType,
  type Hash,
  type SendTransactionErrorType,
  type Transport,
  type WaitForTransactionReceiptErrorType,
} from "viem";
import { getCode, sendTransaction, waitForTransactionReceipt } from "viem/actions";

import { safeCreationCode } from "../artifacts.ts";
import { canonicalSafeContract, SAFE_CONTRACT_NAMES, type CanonicalSafeContract, type SafeContractName } from "../canonical.ts";
import {
  SafeAddressMismatchError,
  SafeCodeMismatchError,
  SafeDeploymentFailedError,
  type SafeDeploymentNotFoundError,
  type SingletonFactoryError,
} from "../errors.ts";
import { ensureSingletonFactory } from "./ensureSingletonFactory.ts";

export interface DeployedSafeContract extends CanonicalSafeContract {
  /** The deployment transaction when this call deployed it; absent when it was already there. */
  transactionHash?: Hash;
}

export interface DeploySafeContractsReturnType {
  factory: { address: Address; placed: boolean };
  contracts: Record<SafeContractName, DeployedSafeContract>;
}

export type DeploySafeContractsErrorType =
  | SafeAddressMismatchError
  | SafeCodeMismatchError
  | SafeDeploymentFailedError
  | SafeDeploymentNotFoundError
  | SingletonFactoryError
  | GetCodeErrorType
  | SendTransactionErrorType
  | WaitForTransactionReceiptErrorType;

/** The singleton factory salt of every canonical Safe deployment. */
const SALT = zeroHash;

/**
 * Deploys the Safe 1.4.1 contracts protocol-kit needs (both singletons, proxy factory, MultiSend,
 * MultiSendCallOnly, CompatibilityFallbackHandler, SignMessageLib, CreateCall,
 * SimulateTxAccessor) at their canonical addresses on a dev chain: places the singleton factory
 * if needed, then deploys each missing contract through it with salt 0. Idempotent: contracts
 * already present are checked (code hash) and skipped. Before sending anything for a contract,
 * the CREATE2 address of the shipped bytecode is compared with safe-deployments' canonical
 * address; a difference throws {@link SafeAddressMismatchError}.
 *
 * @example
 * const { contracts } = await deploySafeContracts(walletClient)
 * contracts.SafeProxyFactory.address // the canonical 1.4.1 proxy factory
 */
export async function deploySafeContracts(
  client: Client<Transport, Chain | undefined, Account>,
): Promise<DeploySafeContractsReturnType> {
  const factory = await ensureSingletonFactory(client);
  const contracts = {} as Record<SafeContractName, DeployedSafeContract>;
  for (const name of SAFE_CONTRACT_NAMES) {
    contracts[name] = await deployOne(client, factory.address, name);
  }
  return { factory, contracts };
}

async function deployOne(
  client: Client<Transport, Chain | undefined, Account>,
  factory: Address,
  name: SafeContractName,
): Promise<DeployedSafeContract> {
  const canonical = canonicalSafeContract(name);
  const initCode = safeCreationCode(name);
  const predicted = getContractAddress({ opcode: "CREATE2", from: factory, salt: SALT, bytecode: initCode });
  if (!isAddressEqual(predicted, canonical.address)) {
    throw new SafeAddressMismatchError({ contract: name, expected: canonical.address, actual: predicted });
  }
  if (await hasCanonicalCode(client, canonical)) return canonical;

  const transactionHash = await sendTransaction(client, {
    account: client.account,
    chain: client.chain,
    to: factory,
    data: concat([SALT, initCode]),
  });
  const receipt = await waitForTransactionReceipt(client, { hash: transactionHash });
  if (receipt.status !== "success" || !(await hasCanonicalCode(client, canonical))) {
    throw new SafeDeploymentFailedError(`Deploying ${name} through the singleton factory left no code.`, {
      details: `transaction ${transactionHash}, status ${receipt.status}`,
    });
  }
  return { ...canonical, transactionHash };
}

/** `false` when the address is empty; throws when it holds anything but the canonical code. */
async function hasCanonicalCode(client: Client, { name, address, codeHash }: CanonicalSafeContract) {
  const code = await getCode(client, { address });
  if (!code || code === "0x") return false;
  const actual = keccak256(code);
  if (actual !== codeHash.toLowerCase()) {
    throw new SafeCodeMismatchError({ contract: name, address, expected: codeHash, actual });
  }
  return true;
}
