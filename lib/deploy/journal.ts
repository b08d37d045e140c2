/**
 * What an Ignition deployment's journal (`<ignitionDir>/deployments/<id>/journal.jsonl`, one JSON
 * message per line) says has happened: which futures completed, and the block each contract
 * deployment was confirmed in (where log scans of that contract start).
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";

import type { IgnitionModule } from "@nomicfoundation/ignition-core";

export interface JournalSummary {
  completed: ReadonlySet<string>;
  /** Future id → the block its (last) transaction was confirmed in. */
  blocks: ReadonlyMap<string, bigint>;
}

interface JournalMessage {
  type?: unknown;
  futureId?: unknown;
  receipt?: { blockNumber?: unknown };
}

/** The journal of deployment `id`; empty when it has not started. */
export async function readJournal(ignitionDir: string, id: string): Promise<JournalSummary> {
  const text = await readFile(join(ignitionDir, "deployments", id, "journal.jsonl"), "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  const completed = new Set<string>();
  const blocks = new Map<string, bigint>();
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let message: JournalMessage;
    try {
      message = JSON.parse(line) as JournalMessage;
    } catch {
      continue; // a line cut by an interruption: Ignition itself ignores it on resume
    }
    if (typeof message.futureId !== "string") continue;
    // A contractAt sends nothing: it is done once Ignition recorded it.
    if (message.type === "CONTRACT_AT_EXECUTION_STATE_INITIALIZE" || (typeof message.type === "string" && message.type.endsWith("_EXECUTION_STATE_COMPLETE"))) {
      completed.add(message.futureId);
    }
    const block = message.receipt?.blockNumber;
    if (message.type === "TRANSACTION_CONFIRM" && typeof block === "number") blocks.set(message.futureId, BigInt(block));
  }
  return { completed, blocks };
}

/** Every future of a module and its submodules, by id, submodules' first (the order Ignition may run them in). */
export function futuresOf(module: IgnitionModule): Array<{ id: string; type: string }> {
  const seen = new Set<string>();
  const walk = (current: IgnitionModule): Array<{ id: string; type: string }> => [
    ...[...current.submodules].flatMap(walk),
    ...[...current.futures].filter((future) => !seen.has(future.id) && seen.add(future.id)).map((future) => ({ id: future.id, type: future.type })),
  ];
  return walk(module);
}
