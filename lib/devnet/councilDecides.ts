import type { Address, Hash, Hex } from "viem";

import { councilCall, CouncilSafe, type CouncilDecision } from "../council/index.ts";
import { devAccount, DEV_ROLES } from "./accounts.ts";
import { hdPrivateKey } from "./keys.ts";

/**
 * The devnet council acting through its real Safe: two of the three dev owners sign the
 * decision's Safe transaction (EIP-712) and the deployer relays it.
 *
 * @example
 * await councilDecides({ rpcUrl, safe, registry }, { kind: "approveChange", changeId: 3n })
 */
export async function councilDecides(
  { rpcUrl, safe, registry }: { rpcUrl: string; safe: Address; registry: Address },
  decision: CouncilDecision,
): Promise<Hash> {
  const council = await CouncilSafe.connect({ safe, rpcUrl });
  let tx = await council.buildTransaction(councilCall(registry, decision));
  for (const owner of DEV_ROLES.councilOwners.slice(0, 2)) {
    const account = devAccount(owner);
    const signature: Hex = await account.signTypedData(council.review(tx).typedData);
    tx = await council.addSignature(tx, { signer: account.address, signature });
  }
  const { transactionHash } = await council.execute(tx, { privateKey: hdPrivateKey(DEV_ROLES.deployer) });
  return transactionHash;
}
