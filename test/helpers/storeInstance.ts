/**
 * One "app instance" for the multi-instance store tests: a separate node process that opens the
 * web app's shared stores exactly as the app does (`getCouncilStore`, `getStatementStore`: the
 * SQLite files beside `$SUPERCHAIN_WEB_DB`, or PostgreSQL at `$DATABASE_URL`), then answers one
 * JSON command per stdin line with one JSON line on stdout.
 *
 * Usage: node test/helpers/storeInstance.ts <deploymentId>
 */
import { createInterface } from "node:readline";

import type { Address, Hash } from "viem";

import { getCouncilStore } from "../../lib/web/council/server.ts";
import type { AddCouncilSignatureParameters } from "../../lib/web/council/store.ts";
import type { SignedDelegateStatement } from "../../lib/web/delegates/statement.ts";
import { getStatementStore } from "../../lib/web/server/statementStore.ts";

export type StoreInstanceCommand =
  | { op: "addSignature"; parameters: AddCouncilSignatureParameters }
  | { op: "signatures"; safeTxHash: Hash }
  | { op: "queue"; safe: Address; chainId: number; nonceAtLeast: string }
  | { op: "putStatement"; statement: SignedDelegateStatement }
  | { op: "statement"; delegate: Address }
  | { op: "where" };

export type StoreInstanceAnswer = { ok: true; result: unknown } | { ok: false; error: string; message: string };

const deploymentId = process.argv[2] ?? "";
const council = getCouncilStore();
const statements = getStatementStore();
const signatures = council.forDeployment(deploymentId);
const delegates = statements.forDeployment(deploymentId);

async function run(command: StoreInstanceCommand): Promise<unknown> {
  switch (command.op) {
    case "addSignature":
      return signatures.add(command.parameters);
    case "signatures":
      return signatures.signatures(command.safeTxHash);
    case "queue":
      return signatures.transactions({ safe: command.safe, chainId: command.chainId, nonceAtLeast: BigInt(command.nonceAtLeast) });
    case "putStatement":
      return delegates.put(command.statement);
    case "statement":
      return (await delegates.get(command.delegate)) ?? null;
    case "where":
      return { council: council.path, statements: statements.path };
  }
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  let answer: StoreInstanceAnswer;
  try {
    answer = { ok: true, result: await run(JSON.parse(line) as StoreInstanceCommand) };
  } catch (error) {
    answer = { ok: false, error: error instanceof Error ? error.name : "Error", message: String(error) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
await Promise.all([council.close(), statements.close()]);
