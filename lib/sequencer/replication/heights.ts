import type { Etcd3, IKeyValue, IRequestOp } from "etcd3";
import type { Hash } from "viem";

import type { Logger } from "../log.ts";
import { withDeadline } from "./deadline.ts";
import { HeightBuiltError, NotLeaderError } from "./errors.ts";
import type { ReplicationKeys } from "./keys.ts";

/** Who builds one height: its claim, then what was built. */
export interface BlockRecord {
  replica: string;
  term: string;
  state: "claimed" | "built";
  hash?: Hash;
  transactions?: number;
}

/** Block records kept per chain (older heights are deleted as new ones are recorded). */
const BLOCK_RECORDS_KEPT = 10_000n;

/** What a claim found when it did not succeed outright. */
export type ClaimOutcome = "claimed" | "termOver";

/**
 * The heights of every chain as etcd records them (`block/<chainId>/<height>`): a leader claims a
 * height with a compare-and-swap that holds only while its term (the create revision of its
 * leader key) is current, builds, then records the block over its own claim. A claim left by an
 * earlier term that built nothing is taken over; a height already built is never claimed again.
 */
export class HeightClaims {
  readonly #client: Etcd3;
  readonly #keys: ReplicationKeys;
  readonly #replicaId: string;
  readonly #timeoutMs: number;
  readonly #log: Logger | undefined;
  /** The height each chain claimed last, at which revision, in which term. */
  readonly #claims = new Map<number, { height: bigint; revision: bigint; term: bigint }>();

  constructor(options: { client: Etcd3; keys: ReplicationKeys; replicaId: string; timeoutMs: number; log?: Logger | undefined }) {
    this.#client = options.client;
    this.#keys = options.keys;
    this.#replicaId = options.replicaId;
    this.#timeoutMs = options.timeoutMs;
    this.#log = options.log;
  }

  /**
   * Claims `height` for `term`; "termOver" when the leader key is no longer that term's.
   *
   * @throws {HeightBuiltError} when the height was built already (the caller's head was stale).
   * @throws {NotLeaderError} when a later term claimed it, or another claim raced this one.
   */
  async claim(chainId: number, height: bigint, term: bigint): Promise<ClaimOutcome> {
    const key = this.#keys.block(chainId, height);
    const record: BlockRecord = { replica: this.#replicaId, term: term.toString(), state: "claimed" };
    const leaderKey = Buffer.from(this.#keys.leader(chainId));
    const attempt = (blockCompare: { target: "Create"; create_revision: string } | { target: "Mod"; mod_revision: string }) =>
      withDeadline(
        this.#client.kv.txn({
          compare: [
            { key: leaderKey, target: "Create", result: "Equal", create_revision: term.toString() },
            { key: Buffer.from(key), result: "Equal", ...blockCompare },
          ],
          success: [{ request_put: { key: Buffer.from(key), value: Buffer.from(JSON.stringify(record)) } }],
          failure: [{ request_range: { key: leaderKey } }, { request_range: { key: Buffer.from(key) } }],
        }),
        this.#timeoutMs,
      );
    let answer = await attempt({ target: "Create", create_revision: "0" });
    if (answer.succeeded) {
      this.#claims.set(chainId, { height, revision: BigInt(answer.header.revision), term });
      return "claimed";
    }
    const leaderKv = answer.responses[0]?.response_range?.kvs[0];
    if (!leaderKv || BigInt(leaderKv.create_revision) !== term) return "termOver";
    const claimKv = answer.responses[1]?.response_range?.kvs[0]!;
    const claimed = blockRecord(claimKv);
    if (BigInt(claimed.term) === term && claimed.replica === this.#replicaId && claimed.state === "claimed") {
      this.#claims.set(chainId, { height, revision: BigInt(claimKv.mod_revision), term }); // this term's own claim: a build retried
      return "claimed";
    }
    // Built already: this replica read the head before that block landed. The next tick reads it again.
    if (claimed.state === "built") throw new HeightBuiltError({ chainId, height, by: claimed.replica });
    if (BigInt(claimed.term) > term) throw new NotLeaderError({ chainId, reason: `height ${height} is claimed by a later term` });
    // An earlier term's claim that built nothing (the engine's head says so): taken over.
    answer = await attempt({ target: "Mod", mod_revision: claimKv.mod_revision });
    if (!answer.succeeded) throw new NotLeaderError({ chainId, reason: `height ${height} was claimed concurrently` });
    this.#claims.set(chainId, { height, revision: BigInt(answer.header.revision), term });
    this.#log?.warn("claim-taken-over", { chainId, height, from: claimed.replica, term: term.toString() });
    return "claimed";
  }

  /**
   * Records what was built at `height` over this replica's own claim. A block that landed at
   * another height than the one claimed is recorded at its own height, and reported: the claim
   * did not cover it.
   */
  async recordBuilt(chainId: number, height: bigint, block: { hash: Hash; transactions: number }): Promise<void> {
    const claim = this.#claims.get(chainId);
    this.#claims.delete(chainId);
    if (!claim || claim.height !== height) this.#log?.error("built-unclaimed-height", { chainId, height, claimed: claim?.height });
    const key = Buffer.from(this.#keys.block(chainId, height));
    const record: BlockRecord = { replica: this.#replicaId, term: (claim?.term ?? 0n).toString(), state: "built", hash: block.hash, transactions: block.transactions };
    const ops: IRequestOp[] = [{ request_put: { key, value: Buffer.from(JSON.stringify(record)) } }];
    if (height > BLOCK_RECORDS_KEPT) ops.push({ request_delete_range: { key: Buffer.from(this.#keys.block(chainId, height - BLOCK_RECORDS_KEPT)) } });
    const compare = claim && claim.height === height ? [{ key, target: "Mod" as const, result: "Equal" as const, mod_revision: claim.revision.toString() }] : [];
    const answer = await withDeadline(this.#client.kv.txn({ compare, success: ops }), this.#timeoutMs);
    if (!answer.succeeded) this.#log?.error("claim-lost-before-record", { chainId, height });
  }

  /** The chain's block records from `fromHeight` on (claims and builds), by height. */
  async records(chainId: number, fromHeight = 0n): Promise<Array<BlockRecord & { height: bigint }>> {
    const prefix = this.#keys.blockPrefix(chainId);
    const answer = await this.#client.getAll().prefix(prefix).exec();
    return answer.kvs
      .map((kv) => ({ height: BigInt(kv.key.toString().slice(prefix.length)), ...blockRecord(kv) }))
      .filter((record) => record.height >= fromHeight)
      .sort((a, b) => (a.height < b.height ? -1 : 1));
  }
}

/** A block record as stored; a foreign value reads as a claim of no one's, which any leader may take over. */
function blockRecord(kv: IKeyValue): BlockRecord {
  try {
    const record = JSON.parse(kv.value.toString()) as BlockRecord;
    if (typeof record.replica === "string" && typeof record.term === "string" && /^\d+$/.test(record.term)) return record;
  } catch {
    // unreadable: as below
  }
  return { replica: "", term: "0", state: "claimed" };
}
