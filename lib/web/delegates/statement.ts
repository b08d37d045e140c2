import { getAddress, isAddress, type Address, type Hex, type TypedDataDomain } from "viem";
import { z } from "zod";

/**
 * A delegate's statement as EIP-712 typed data: what the wallet shows and signs, and what the
 * server recovers the signer from. Pure (no node, no chain reads): the browser builds it to sign,
 * the server builds the same to verify.
 */

/** The domain's name and version; the chain and governor come from the deployment. */
export const STATEMENT_DOMAIN_NAME = "Superchain Governance";
export const STATEMENT_DOMAIN_VERSION = "1";

/** Limits the API enforces (and the editor shows): the signed text is stored and served as is. */
export const STATEMENT_LIMITS = {
  /** UTF-8 bytes of the Markdown. */
  statementBytes: 10 * 1024,
  topics: 8,
  /** Characters of one topic, after trimming. */
  topicLength: 32,
  /** How far an `issuedAt` may run ahead of the server's clock (wallet and server clocks differ). */
  futureSkewSeconds: 300,
} as const;

export const DELEGATE_STATEMENT_TYPES = {
  DelegateStatement: [
    { name: "delegate", type: "address" },
    { name: "statement", type: "string" },
    { name: "topics", type: "string[]" },
    { name: "issuedAt", type: "uint64" },
  ],
} as const;

/** What scopes a statement to one deployment: the hub's chain id and its governor. */
export interface StatementScope {
  hubChainId: number;
  governor: Address;
}

/** The signed message. */
export interface DelegateStatementMessage {
  delegate: Address;
  /** Markdown. */
  statement: string;
  topics: readonly string[];
  /** Unix seconds; a newer statement replaces an older one, never the other way round. */
  issuedAt: bigint;
}

/** A statement and the signature over it, as stored and served. */
export interface SignedDelegateStatement {
  delegate: Address;
  statement: string;
  topics: string[];
  /** Unix seconds. */
  issuedAt: number;
  signature: Hex;
}

/** The EIP-712 domain of a deployment's statements: a statement signed for another deployment never verifies here. */
export function statementDomain({ hubChainId, governor }: StatementScope): TypedDataDomain {
  return { name: STATEMENT_DOMAIN_NAME, version: STATEMENT_DOMAIN_VERSION, chainId: hubChainId, verifyingContract: governor };
}

/**
 * The typed data a delegate signs for a statement, for `signTypedData` (wallet) and
 * `recoverTypedDataAddress` (server) alike.
 *
 * @example
 * const typedData = delegateStatementTypedData({ hubChainId: 900, governor }, { delegate, statement: "# Hi", topics: ["fees"], issuedAt: 1_767_000_000n })
 * await walletClient.signTypedData({ account, ...typedData })
 */
export function delegateStatementTypedData(scope: StatementScope, message: DelegateStatementMessage) {
  return {
    domain: statementDomain(scope),
    types: DELEGATE_STATEMENT_TYPES,
    primaryType: "DelegateStatement",
    message: { delegate: message.delegate, statement: message.statement, topics: [...message.topics], issuedAt: message.issuedAt },
  } as const;
}

const utf8Bytes = (text: string) => new TextEncoder().encode(text).byteLength;

/** C0/C1 control characters other than tab and newlines: nothing a statement needs, and they hide text. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const topicSchema = z
  .string({ error: "each topic must be a string" })
  .refine((topic) => topic === topic.trim() && topic.length > 0, { error: "topics must be non-empty and have no surrounding spaces" })
  .refine((topic) => topic.length <= STATEMENT_LIMITS.topicLength, { error: `each topic must be at most ${STATEMENT_LIMITS.topicLength} characters` })
  .refine((topic) => !CONTROL.test(topic) && !/[\r\n\t]/.test(topic), { error: "topics must be one line of text" });

/** The body of `PUT /api/delegates/[address]/statement`. Unknown keys are refused so typos surface. */
export const statementRequestSchema = z.strictObject({
  statement: z
    .string({ error: "must be a string of Markdown" })
    .refine((text) => utf8Bytes(text) <= STATEMENT_LIMITS.statementBytes, { error: `must be at most ${STATEMENT_LIMITS.statementBytes} bytes of UTF-8` })
    .refine((text) => !CONTROL.test(text), { error: "must not contain control characters" }),
  topics: z
    .array(topicSchema, { error: "must be an array of strings" })
    .max(STATEMENT_LIMITS.topics, { error: `at most ${STATEMENT_LIMITS.topics} topics` })
    .refine((topics) => new Set(topics.map((topic) => topic.toLowerCase())).size === topics.length, { error: "topics must not repeat" }),
  issuedAt: z.int({ error: "must be an integer (unix seconds)" }).positive({ error: "must be positive" }),
  signature: z
    .string({ error: "must be a 0x-prefixed hex string" })
    .regex(/^0x[0-9a-fA-F]{130}$/, { error: "must be a 65-byte signature (0x and 130 hex characters)" })
    .transform((value) => value as Hex),
});
export type StatementRequest = z.output<typeof statementRequestSchema>;

/**
 * Topics as a delegate types them ("fees, Sequencer; upgrades") into the list the statement signs:
 * split on commas or semicolons, trimmed, empties and case-insensitive repeats dropped.
 *
 * @example
 * parseTopics("fees, Sequencer; fees") // ["fees", "Sequencer"]
 */
export function parseTopics(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[,;\n]/)
    .map((topic) => topic.trim())
    .filter((topic) => {
      const key = topic.toLowerCase();
      if (topic === "" || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * Why a statement cannot be signed as typed, in words for the editor, or undefined when it can:
 * the same limits the API enforces, checked before the wallet is asked.
 */
export function statementProblem(statement: string, topics: readonly string[]): string | undefined {
  const parsed = statementRequestSchema.shape.statement.safeParse(statement);
  if (!parsed.success) return `The statement ${parsed.error.issues[0]?.message ?? "is invalid"}.`;
  if (statement.trim() === "") return "Write a statement first.";
  const topicCheck = statementRequestSchema.shape.topics.safeParse(topics);
  if (!topicCheck.success) return `Topics: ${topicCheck.error.issues[0]?.message ?? "invalid"}.`;
  return undefined;
}

/** A path segment as a delegate address (any case, checksum checked when mixed), or undefined. */
export function parseDelegateAddress(raw: string): Address | undefined {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (!/^0x[0-9a-fA-F]{40}$/.test(text) || !isAddress(text, { strict: true })) return undefined;
  return getAddress(text);
}
