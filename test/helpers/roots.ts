/**
 * Roots a test can challenge: a forged output posted as a member chain's operator, and a hub held
 * still so the output stays in its (devnet: 4 s) challenge window for as long as the test needs,
 * without sleeping. With automining off the hub's latest block — what every read sees — keeps its
 * time, and the next block is set one second after it; the test mines that block when the
 * transaction it waits for (a rejection) is pending.
 */
import { createPublicClient, createWalletClient, http, keccak256, toHex, type Hash, type Hex } from "viem";

import { viemChain, type Manifest } from "../../lib/chains/index.ts";
import { outputOracleAbi } from "../../lib/contracts/index.ts";
import { devAccount, DEV_ROLES } from "../../lib/devnet/accounts.ts";
import { jsonRpcClient } from "../../lib/rpc/jsonRpc.ts";

export interface ForgedOutput {
  chainId: number;
  blockNumber: bigint;
  stateRoot: Hex;
  /** The hub time it was posted at (its window runs from here). */
  postedAt: bigint;
}

export interface HeldHub {
  /** The newest forged output. */
  output: ForgedOutput;
  /** Every forged output, oldest first. */
  outputs: ForgedOutput[];
  /** Mines the next hub block (one second after the post) once a transaction from `from` is pending; resolves to that block's number. */
  mineWhenPending(from: Hex): Promise<bigint>;
  /** Automining on again. */
  release(): Promise<void>;
}

/**
 * Holds the hub still and posts `count` forged outputs of member chain `chainId` (made-up state
 * roots, each 1,000 blocks past the last accepted output, so no honest post in the same block can
 * overtake it) as the chain's dev operator, one block apart. They are in their challenge window
 * until the hub moves on.
 *
 * @example
 * const held = await holdHubWithForgedOutput(manifest, 901)
 * try { … await held.mineWhenPending(executor) } finally { await held.release() }
 */
export async function holdHubWithForgedOutput(manifest: Manifest, chainId: number, count = 1): Promise<HeldHub> {
  const rpc = jsonRpcClient(manifest.hub.rpcUrl);
  const chain = viemChain(manifest.hub);
  const hub = createPublicClient({ chain, transport: http(manifest.hub.rpcUrl) });
  const index = manifest.members.findIndex((member) => member.chainId === chainId);
  const operator = devAccount(DEV_ROLES.operators[index]!);
  const oracle = { address: manifest.contracts.outputOracle!, abi: outputOracleAbi } as const;
  const id = BigInt(chainId);

  await rpc.request("evm_setAutomine", [false]);
  try {
    const outputs: ForgedOutput[] = [];
    for (let i = 0; i < count; i++) {
      const accepted = await hub.readContract({ ...oracle, functionName: "outputCount", args: [id] });
      const latest = accepted === 0n ? await hub.readContract({ ...oracle, functionName: "anchorOf", args: [id] }) : (await hub.readContract({ ...oracle, functionName: "latestOutput", args: [id] })).blockNumber;
      const blockNumber = latest + 1_000n;
      const stateRoot = keccak256(toHex(`forged ${chainId}:${blockNumber}:${Date.now()}`));
      const head = await hub.getBlock({ blockTag: "latest" });
      const wallet = createWalletClient({ account: operator, chain, transport: http(manifest.hub.rpcUrl) });
      const hash: Hash = await wallet.writeContract({
        ...oracle,
        functionName: "postOutput",
        args: [id, blockNumber, keccak256(stateRoot), stateRoot, 1n, Number(head.timestamp)],
        gas: 400_000n,
      });
      await rpc.request("evm_mine", []);
      const receipt = await hub.getTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new Error(`postOutput reverted in ${hash}`);
      outputs.push({ chainId, blockNumber, stateRoot, postedAt: (await hub.getBlock({ blockNumber: receipt.blockNumber })).timestamp });
    }
    const postedAt = outputs.at(-1)!.postedAt;
    await rpc.request("evm_setNextBlockTimestamp", [toHex(postedAt + 1n)]);
    return {
      output: outputs.at(-1)!,
      outputs,
      async mineWhenPending(from) {
        for (let tries = 0; ; tries++) {
          const pending = (await rpc.request("eth_getBlockByNumber", ["pending", true])) as { transactions: Array<{ from: string }> };
          if (pending.transactions.some((tx) => tx.from.toLowerCase() === from.toLowerCase())) break;
          if (tries > 600) throw new Error(`no transaction from ${from} became pending on the hub`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await rpc.request("evm_mine", []);
        return hub.getBlockNumber();
      },
      release: () => rpc.request("evm_setAutomine", [true]).then(() => undefined),
    };
  } catch (error) {
    await rpc.request("evm_setAutomine", [true]);
    throw error;
  }
}
