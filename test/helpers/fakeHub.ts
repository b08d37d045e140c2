/**
 * A hub in memory for the web's log caches: block n holds the proposals created in it (as
 * `ProposalCreated` logs); a reset gives the same heights other hashes. Records every call.
 */
import { keccak256, toHex, type Hash, type PublicClient } from "viem";

import type { HeadBlock } from "../../lib/web/server/logCache.ts";

export class FakeHub {
  blocks: Array<{ hash: Hash; proposals: bigint[] }> = [];
  calls: string[] = [];
  #fork = 0;

  mine(...proposals: bigint[]): HeadBlock {
    this.blocks.push({ hash: keccak256(toHex(`${this.#fork}:${this.blocks.length}`)), proposals });
    return this.head();
  }

  head(): HeadBlock {
    const number = BigInt(this.blocks.length - 1);
    return { number, hash: this.blocks[Number(number)]!.hash };
  }

  /** A reset devnet: the same heights again, with other blocks. */
  reset(): void {
    this.#fork += 1;
    this.blocks = [];
  }

  get client(): PublicClient {
    return {
      getContractEvents: async ({ fromBlock, toBlock }: { fromBlock: bigint; toBlock: bigint }) => {
        this.calls.push(`logs ${fromBlock}-${toBlock}`);
        return this.blocks.slice(Number(fromBlock), Number(toBlock) + 1).flatMap((block, i) =>
          block.proposals.map((id) => ({
            args: { proposalId: id, proposer: "0x0000000000000000000000000000000000000001", targets: [], values: [], calldatas: [], voteStart: 0n, voteEnd: 0n, description: `# Proposal ${id}` },
            blockNumber: fromBlock + BigInt(i),
            transactionHash: keccak256(toHex(`tx${id}`)),
          })),
        );
      },
      getBlock: async ({ blockNumber }: { blockNumber: bigint }) => {
        this.calls.push(`block ${blockNumber}`);
        const block = this.blocks[Number(blockNumber)];
        if (!block) throw new Error(`no block ${blockNumber}`);
        return { number: blockNumber, hash: block.hash };
      },
    } as unknown as PublicClient;
  }
}

