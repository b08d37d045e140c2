import { isAddressEqual, recoverTypedDataAddress, type Address, type Hex } from "viem";
import { z } from "zod";

import { councilDeploymentId } from "../council/server.ts";
import { StatementRequestError, StatementStaleError, StatementStoreError } from "../delegates/errors.ts";
import {
  delegateStatementTypedData,
  parseDelegateAddress,
  STATEMENT_DOMAIN_NAME,
  STATEMENT_DOMAIN_VERSION,
  STATEMENT_LIMITS,
  statementTextProblem,
  topicsProblem,
  type StatementScope,
} from "../delegates/statement.ts";
import { getDeployment, isUnavailable, type Deployment } from "./deployment.ts";
import { readJsonBody } from "./readBody.ts";
import { getStatementStore, type DelegateStatements, type StatementStore, type StoredDelegateStatement } from "./statementStore.ts";

/** A statement request is at most ~10 KB of Markdown, JSON-escaped, and a signature. */
export const STATEMENT_BODY_LIMIT = 64 * 1024;

/** A zod check from one of the statement module's problem functions (shared with the editor). */
const checkedBy =
  <T>(problem: (value: T) => string | undefined) =>
  (value: T, ctx: z.RefinementCtx) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: "custom", message });
  };

/** The body of `PUT /api/delegates/[address]/statement`. Unknown keys are refused so typos surface. */
export const statementRequestSchema = z.strictObject({
  statement: z.string({ error: "must be a string of Markdown" }).superRefine(checkedBy(statementTextProblem)),
  topics: z.array(z.string({ error: "each topic must be a string" }), { error: "must be an array of strings" }).superRefine(checkedBy(topicsProblem)),
  issuedAt: z.int({ error: "must be an integer (unix seconds)" }).positive({ error: "must be positive" }),
  signature: z
    .string({ error: "must be a 0x-prefixed hex string" })
    .regex(/^0x[0-9a-fA-F]{130}$/, { error: "must be a 65-byte signature (0x and 130 hex characters)" })
    .transform((value) => value as Hex),
});
export type StatementRequest = z.output<typeof statementRequestSchema>;

/** What accepting a statement needs: the deployment's scope, its statements, and a clock. */
export interface StatementContext {
  scope: StatementScope;
  statements: DelegateStatements;
  /** Unix seconds now (the server's clock). */
  now: () => number;
}

/** The deployment's statement scope: the hub's chain id and its governor, from the manifest. */
export const statementScope = (deployment: Deployment): StatementScope => ({
  hubChainId: deployment.manifest.hub.chainId,
  governor: deployment.manifest.contracts.governor,
});

/**
 * This deployment's statements (scoped like the council's signatures, by the hub's genesis and
 * the manifest's creation time): what the pages and the API read.
 */
export async function deploymentStatements(deployment: Deployment, store: StatementStore = getStatementStore()): Promise<DelegateStatements> {
  return store.forDeployment(await councilDeploymentId(deployment));
}

/**
 * Accepts a delegate's signed statement, or refuses with a {@link StatementRequestError} (nothing
 * stored): the body must parse, `issuedAt` must not run ahead of the server's clock by more than
 * the allowed skew, the EIP-712 signature over this deployment's domain must recover to
 * `delegate` (EOAs only: an ERC-1271 contract wallet's signature is not checked on chain), and it
 * must be newer than the stored statement — the same statement sent again is a replay.
 *
 * @example
 * await submitDelegateStatement(context, delegate, { statement, topics, issuedAt, signature })
 */
export async function submitDelegateStatement(context: StatementContext, delegate: Address, body: unknown): Promise<StoredDelegateStatement> {
  const parsed = statementRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "body";
    throw new StatementRequestError("malformed", `Invalid statement: ${where} ${issue?.message ?? "is invalid"}.`);
  }
  const { statement, topics, issuedAt, signature } = parsed.data;
  const now = context.now();
  if (issuedAt > now + STATEMENT_LIMITS.futureSkewSeconds) {
    throw new StatementRequestError("future_statement", `issuedAt ${issuedAt} is in the future (the server's time is ${now}); sign with the current time.`);
  }
  const typedData = delegateStatementTypedData(context.scope, { delegate, statement, topics, issuedAt: BigInt(issuedAt) });
  let signer: Address;
  try {
    signer = await recoverTypedDataAddress({ ...typedData, signature });
  } catch (cause) {
    throw new StatementRequestError("bad_signature", "The signature is not a valid secp256k1 signature.", { cause });
  }
  if (!isAddressEqual(signer, delegate)) {
    const { hubChainId, governor } = context.scope;
    throw new StatementRequestError(
      "signature_mismatch",
      `The signature does not recover to ${delegate}: it was made by another account, over other content, or for another deployment.`,
      { details: `Expected domain "${STATEMENT_DOMAIN_NAME}" v${STATEMENT_DOMAIN_VERSION}, chain ${hubChainId}, governor ${governor}; recovered ${signer}.` },
    );
  }
  try {
    return await context.statements.put({ delegate, statement, topics, issuedAt, signature });
  } catch (error) {
    if (error instanceof StatementStaleError) {
      throw new StatementRequestError(
        "stale_statement",
        `A statement issued at ${error.storedIssuedAt} is already stored; only a newer one replaces it (this one was issued at ${issuedAt}).`,
      );
    }
    throw error;
  }
}

/** The path's delegate address, or a 404 refusal: the route names a delegate that cannot exist. */
function delegateOf(raw: string): Address {
  const address = parseDelegateAddress(raw);
  if (!address) throw new StatementRequestError("invalid_address", `"${raw}" is not an address (0x and 40 hex characters, checksum matching when mixed-case).`);
  return address;
}

async function defaultContext(): Promise<StatementContext> {
  const deployment = await getDeployment();
  if (isUnavailable(deployment)) throw new StatementRequestError("unavailable", deployment.reason);
  let statements: DelegateStatements;
  try {
    statements = await deploymentStatements(deployment);
  } catch (cause) {
    if (cause instanceof StatementStoreError) throw cause;
    throw new StatementRequestError("chain_unreachable", `Could not read the hub (chain ${deployment.manifest.hub.chainId}).`, { cause });
  }
  return { scope: statementScope(deployment), statements, now: () => Math.floor(Date.now() / 1000) };
}

async function withRefusals(handle: () => Promise<Response>): Promise<Response> {
  try {
    return await handle();
  } catch (error) {
    if (error instanceof StatementRequestError) return error.toResponse();
    console.error("delegate statement API failed", error);
    return Response.json({ error: { code: "internal", message: "The statement store failed; nothing was stored." } }, { status: 500 });
  }
}

/**
 * `PUT /api/delegates/[address]/statement` with `{ statement, topics, issuedAt, signature }`:
 * 201 with the stored statement, or a 4xx `{ error: { code, message } }` and nothing stored. The
 * answer is sent only after the statement is on disk.
 */
export function putDelegateStatement(request: Request, rawAddress: string, context?: StatementContext): Promise<Response> {
  return withRefusals(async () => {
    const delegate = delegateOf(rawAddress);
    const body = await readJsonBody(request, STATEMENT_BODY_LIMIT, (code, message) => new StatementRequestError(code, message));
    const stored = await submitDelegateStatement(context ?? (await defaultContext()), delegate, body);
    return Response.json({ statement: stored }, { status: 201 });
  });
}

/** `GET /api/delegates/[address]/statement`: the stored statement with its signature, so anyone can verify it; 404 when there is none. */
export function getDelegateStatement(rawAddress: string, context?: Pick<StatementContext, "statements" | "scope">): Promise<Response> {
  return withRefusals(async () => {
    const delegate = delegateOf(rawAddress);
    const { statements, scope } = context ?? (await defaultContext());
    const stored = await statements.get(delegate);
    if (!stored) throw new StatementRequestError("not_found", `${delegate} has no statement on this deployment.`);
    return Response.json({ statement: stored, scope });
  });
}
