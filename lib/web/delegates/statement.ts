import { getAddress, isAddress, type Address, type Hex, type TypedDataDomain } from "viem";

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

/**
 * What is wrong with a statement's Markdown against the API's limits ("must be at most … bytes"),
 * or undefined. Shared by the editor (before the wallet is asked) and the API's schema.
 */
export function statementTextProblem(text: string): string | undefined {
  if (utf8Bytes(text) > STATEMENT_LIMITS.statementBytes) return `must be at most ${STATEMENT_LIMITS.statementBytes} bytes of UTF-8`;
  if (CONTROL.test(text)) return "must not contain control characters";
  return undefined;
}

/** What is wrong with a statement's topics against the API's limits, or undefined. */
export function topicsProblem(topics: readonly string[]): string | undefined {
  if (topics.length > STATEMENT_LIMITS.topics) return `at most ${STATEMENT_LIMITS.topics} topics`;
  for (const topic of topics) {
    if (topic.length === 0 || topic !== topic.trim()) return "topics must be non-empty and have no surrounding spaces";
    if (topic.length > STATEMENT_LIMITS.topicLength) return `each topic must be at most ${STATEMENT_LIMITS.topicLength} characters`;
    if (CONTROL.test(topic) || /[\r\n\t]/.test(topic)) return "topics must be one line of text";
  }
  if (new Set(topics.map((topic) => topic.toLowerCase())).size !== topics.length) return "topics must not repeat";
  return undefined;
}

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
  const text = statementTextProblem(statement);
  if (text) return `The statement ${text}.`;
  if (statement.trim() === "") return "Write a statement first.";
  const topic = topicsProblem(topics);
  return topic ? `Topics: ${topic}.` : undefined;
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
