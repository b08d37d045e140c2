import { parseEther, type Account, type Address, type Chain, type Client, type Transport } from "viem";
import { waitForTransactionReceipt } from "viem/actions";

import { superchainTokenAbi } from "../contracts/index.ts";
import { writeContractWithHeadroom } from "../rpc/gasHeadroom.ts";
import { devAccount, DEV_ROLES } from "./accounts.ts";
import { DevnetError } from "./errors.ts";

/**
 * Balances (in whole tokens) of the ten devnet delegates, and whom each delegates to (an index
 * into the same list; itself when equal). Varied on purpose: big and small holders, two who
 * delegate to someone else, one who has not delegated at all.
 */
export const DEVNET_DELEGATES: ReadonlyArray<{ tokens: bigint; delegateTo: number | null }> = [
  { tokens: 30_000_000n, delegateTo: 0 },
  { tokens: 20_000_000n, delegateTo: 1 },
  { tokens: 12_000_000n, delegateTo: 2 },
  { tokens: 8_000_000n, delegateTo: 3 },
  { tokens: 5_000_000n, delegateTo: 4 },
  { tokens: 3_000_000n, delegateTo: 0 },
  { tokens: 2_000_000n, delegateTo: 1 },
  { tokens: 1_000_000n, delegateTo: 7 },
  { tokens: 500_000n, delegateTo: 8 },
  { tokens: 250_000n, delegateTo: null },
];

type WalletClient = Client<Transport, Chain | undefined, Account>;

/**
 * Hands each devnet delegate its tokens from the deployer and makes its delegation. Each
 * delegate signs its own `delegate` with its dev key (delegation is the holder's act).
 */
export async function seedDelegates(
  deployer: WalletClient,
  { token, delegateClient }: { token: Address; delegateClient: (account: Account) => WalletClient },
): Promise<Array<{ address: Address; tokens: bigint; delegatee: Address | null }>> {
  const delegates = DEV_ROLES.delegates.map((index) => devAccount(index));
  const seeded: Array<{ address: Address; tokens: bigint; delegatee: Address | null }> = [];
  for (const [i, plan] of DEVNET_DELEGATES.entries()) {
    const account = delegates[i];
    if (!account) throw new DevnetError(`No dev account for delegate #${i}.`);
    const confirm = async (client: WalletClient, hash: `0x${string}`) => {
      const receipt = await waitForTransactionReceipt(client, { hash });
      if (receipt.status !== "success") throw new DevnetError(`Seeding delegate ${account.address} failed.`);
    };
    await confirm(
      deployer,
      await writeContractWithHeadroom(deployer, {
        address: token,
        abi: superchainTokenAbi,
        functionName: "transfer",
        args: [account.address, parseEther(plan.tokens.toString())],
        chain: deployer.chain,
      }),
    );
    const delegatee = plan.delegateTo === null ? null : (delegates[plan.delegateTo]?.address ?? null);
    if (delegatee) {
      const client = delegateClient(account);
      await confirm(
        client,
        await writeContractWithHeadroom(client, { address: token, abi: superchainTokenAbi, functionName: "delegate", args: [delegatee], chain: client.chain }),
      );
    }
    seeded.push({ address: account.address, tokens: plan.tokens, delegatee });
  }
  return seeded;
}
