import Safe, { type ContractNetworksConfig, type Eip1193Provider } from "@safe-global/protocol-kit";
import { createPublicClient, custom, getAddress, http, type Address, type PublicClient } from "viem";

import { SAFE_VERSION } from "../../safe/canonical.ts";
import { safeContractNetworks } from "../../safe/contractNetworks.ts";
import { CouncilConnectionError, CouncilUnsupportedSafeError } from "../errors.ts";

export type ConnectCouncilSafeParameters = {
  safe: Address;
  /** protocol-kit's contract addresses; the canonical 1.4.1 set for the chain when omitted. */
  contractNetworks?: ContractNetworksConfig;
  /** How often receipts are polled, in ms (viem's default when omitted). */
  pollingInterval?: number;
} & ({ provider: Eip1193Provider; rpcUrl?: never } | { rpcUrl: string; provider?: never });

export interface CouncilConnection {
  safe: Address;
  chainId: number;
  /** protocol-kit without a signer: reads only. Writers get `kit.connect({ signer })`. */
  kit: Safe;
  /** viem over the same provider, for receipts. */
  client: PublicClient;
}

/**
 * protocol-kit's `Safe.init` on the council Safe, plus a viem client over the same provider;
 * refuses a Safe whose version is not the one this codebase implements.
 */
export async function openCouncilConnection(parameters: ConnectCouncilSafeParameters): Promise<CouncilConnection> {
  const provider = parameters.provider ?? parameters.rpcUrl;
  const client = createPublicClient({
    transport: typeof provider === "string" ? http(provider) : custom(provider),
    ...(parameters.pollingInterval === undefined ? {} : { pollingInterval: parameters.pollingInterval }),
  });
  const safe = getAddress(parameters.safe);
  let connection: CouncilConnection;
  try {
    const chainId = await client.getChainId();
    const contractNetworks = parameters.contractNetworks ?? safeContractNetworks(chainId);
    connection = { safe, chainId, kit: await Safe.init({ provider, safeAddress: safe, contractNetworks }), client };
  } catch (cause) {
    throw new CouncilConnectionError(`protocol-kit could not connect to the Safe at ${safe}.`, {
      details: cause instanceof Error ? cause.message : String(cause),
      cause,
    });
  }
  const version = connection.kit.getContractVersion();
  if (version !== SAFE_VERSION) throw new CouncilUnsupportedSafeError({ safe, version, supported: SAFE_VERSION });
  return connection;
}
