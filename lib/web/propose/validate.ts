import { getAddress, isAddress, maxUint16, parseUnits, zeroAddress, type Address, type Hex } from "viem";

import {
  formatDuration,
  PARAMETER_NAMES,
  parameterValue,
  RELEASE_KINDS,
  type GovernanceAction,
  type ParameterName,
  type ReleaseKind,
  type SequencerParameters,
} from "../../governance/index.ts";
import { parseLocalDateTime } from "./activation.ts";
import type { ProposeContext } from "./context.ts";
import { draftFields, type ActionDraft, type FieldSpec } from "./fields.ts";

/** What a field parses to. */
export type FieldValue = bigint | Address | Hex | string | { major: number; minor: number; patch: number } | undefined;

export type FieldResult = { ok: true; value: FieldValue } | { ok: false; message: string };

/** A problem with one input (`field`) or with a whole action (`field` undefined), shown next to it. */
export interface FormIssue {
  /** Index of the action in the proposal; undefined for the title and description. */
  action?: number;
  field?: string;
  message: string;
}

export type ProposalValidation =
  | { ok: true; actions: GovernanceAction[]; description: string }
  | { ok: false; issues: FormIssue[] };

/** A proposal description's limits: a Markdown body that fits comfortably in one transaction. */
export const TITLE_MAX_LENGTH = 120;
export const DESCRIPTION_MAX_BYTES = 16_384;
/** At most this many actions in one proposal, so its execution stays well within a block. */
export const MAX_ACTIONS = 10;

const integer = new Intl.NumberFormat("en-US");
const fail = (message: string): FieldResult => ({ ok: false, message });
const utf8Length = (text: string) => new TextEncoder().encode(text).length;

function parseUint(spec: FieldSpec, text: string): FieldResult {
  if (!/^\d+$/.test(text)) return fail(`${spec.label}: enter a whole number (digits only).`);
  const value = BigInt(text);
  const min = spec.min ?? 0n;
  const unit = spec.unit ? ` ${spec.unit}` : "";
  if (value < min || (spec.max !== undefined && value > spec.max)) {
    const range = spec.max === undefined ? `at least ${integer.format(min)}${unit}` : `between ${integer.format(min)} and ${integer.format(spec.max)}${unit}`;
    return fail(`${spec.label}: ${integer.format(value)}${unit} is outside the allowed range; it must be ${range}.`);
  }
  return { ok: true, value };
}

function parseAddress(spec: FieldSpec, text: string): FieldResult {
  if (!/^0x[0-9a-fA-F]{40}$/.test(text)) return fail(`${spec.label}: enter an address, 0x followed by 40 hex characters.`);
  if (!isAddress(text, { strict: true })) return fail(`${spec.label}: the address's checksum (its mix of capitals) is wrong; check for a typo.`);
  if (text.toLowerCase() === zeroAddress) return fail(`${spec.label}: the zero address cannot be used.`);
  return { ok: true, value: getAddress(text) };
}

/**
 * `YYYY-MM-DDTHH:MM` (a `datetime-local` value) read in the local time zone, as the input shows
 * it, then checked against the chain's clock.
 */
function parseActivation(spec: FieldSpec, text: string, context: ProposeContext): FieldResult {
  const parsed = parseLocalDateTime(text);
  if (!parsed.ok) {
    return fail(
      parsed.reason === "skipped"
        ? `${spec.label}: that time does not exist in your time zone (the clocks skip it); choose another.`
        : `${spec.label}: enter a date and time as YYYY-MM-DDTHH:MM, in your local time.`,
    );
  }
  const at = parsed.unixSeconds;
  if (at <= context.now) return fail(`${spec.label}: the time has already passed on the hub chain; leave it empty for "as soon as possible".`);
  if (at > context.now + context.registry.maxActivationLead) return fail(`${spec.label}: the registry refuses activations more than ${formatDuration(context.registry.maxActivationLead)} ahead.`);
  return { ok: true, value: at };
}

/**
 * Parses one field's text into its typed value, or says in one sentence what is wrong, with the
 * bounds that apply. An empty optional field parses to undefined.
 */
export function parseField(spec: FieldSpec, raw: string | undefined, context: ProposeContext): FieldResult {
  const text = (raw ?? "").trim();
  if (text === "") return spec.optional ? { ok: true, value: undefined } : fail(`${spec.label}: required.`);
  switch (spec.type) {
    case "uint":
      return parseUint(spec, text);
    case "address":
      return parseAddress(spec, text);
    case "activation":
      return parseActivation(spec, text, context);
    case "tokens": {
      if (!/^\d+(\.\d+)?$/.test(text)) return fail(`${spec.label}: enter an amount of tokens, e.g. 100000 or 2.5.`);
      const decimals = text.split(".")[1]?.length ?? 0;
      if (decimals > context.token.decimals) return fail(`${spec.label}: at most ${context.token.decimals} decimals.`);
      return { ok: true, value: parseUnits(text, context.token.decimals) };
    }
    case "version": {
      const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(text);
      const parts = match ? [match[1], match[2], match[3]].map((part) => BigInt(part!)) : [];
      if (parts.length !== 3) return fail(`${spec.label}: enter major.minor.patch, e.g. 1.4.0.`);
      if (parts.some((part) => part > maxUint16)) return fail(`${spec.label}: each part must be at most ${integer.format(maxUint16)}.`);
      const [major, minor, patch] = parts.map(Number) as [number, number, number];
      return { ok: true, value: { major, minor, patch } };
    }
    case "digest":
      if (!/^0x[0-9a-fA-F]{64}$/.test(text)) return fail(`${spec.label}: enter 0x followed by 64 hex characters.`);
      if (/^0x0+$/.test(text)) return fail(`${spec.label}: the digest cannot be zero.`);
      return { ok: true, value: text.toLowerCase() as Hex };
    case "name": {
      const bytes = utf8Length(text);
      if (bytes > 32) return fail(`${spec.label}: at most 32 bytes (this is ${bytes}).`);
      return { ok: true, value: text };
    }
    case "select":
      if (!spec.options?.some((option) => option.value === text)) return fail(`${spec.label}: choose one of the listed options.`);
      return { ok: true, value: text };
  }
}

type Values = Record<string, FieldValue>;
const big = (value: FieldValue) => BigInt(value as string | bigint);
const activation = (values: Values) => ({ requestedActivation: (values.activation as bigint | undefined) ?? 0n });

/** The typed action of a draft whose fields all parsed. */
function buildAction(draft: ActionDraft, values: Values): GovernanceAction | FormIssue {
  switch (draft.kind) {
    case "setParameters": {
      const changes: Partial<Record<ParameterName, number | bigint>> = {};
      for (const name of PARAMETER_NAMES) {
        const value = values[name];
        if (value === undefined) continue;
        changes[name] = parameterValue(name, big(value));
      }
      if (Object.keys(changes).length === 0) return { message: "Set at least one parameter: a change that sets nothing is refused by the registry." };
      return { kind: "setParameters", chainId: big(values.scope), changes: changes as Partial<SequencerParameters>, ...activation(values) };
    }
    case "approveRelease": {
      const version = values.version as { major: number; minor: number; patch: number };
      const kind = values.releaseKind as ReleaseKind;
      if (!RELEASE_KINDS.includes(kind)) return { field: "releaseKind", message: "Choose recommended or required." };
      return { kind: "approveRelease", release: { ...version, kind, digest: values.digest as Hex }, ...activation(values) };
    }
    case "replaceCouncil":
      return { kind: "replaceCouncil", council: values.council as Address, ...activation(values) };
    case "replaceOperator":
      return { kind: "replaceOperator", chainId: big(values.chainId), operator: values.operator as Address, ...activation(values) };
    case "cancelChange":
      return { kind: "cancelChange", changeId: big(values.changeId) };
    case "unpause":
      return { kind: "unpause", chainId: big(values.chainId) };
    case "updateMinActivationDelay":
    case "updateApprovalWindow":
    case "setVotingDelay":
    case "setVotingPeriod":
    case "setLateQuorumVoteExtension":
      return { kind: draft.kind, seconds: big(values.seconds) };
    case "addChain":
      return { kind: "addChain", chainId: big(values.chainId), name: values.name as string, operator: values.operator as Address, ...activation(values) };
    case "removeChain":
      return { kind: "removeChain", chainId: big(values.chainId), ...activation(values) };
    case "setProposalThreshold":
      return { kind: "setProposalThreshold", amount: big(values.amount) };
    case "updateQuorumNumerator":
      return { kind: "updateQuorumNumerator", percent: big(values.percent) };
    case "setProposalGuardian":
      return { kind: "setProposalGuardian", guardian: values.guardian as Address };
    case "setVoteSource":
      return { kind: "setVoteSource", chainId: big(values.chainId), source: values.source as Address };
  }
}

/**
 * One draft as a typed action, or every problem with it. Bounds are the contract's (carried by
 * `context`), so a value the registry would refuse is refused here, before any wallet is asked.
 *
 * @example
 * draftToAction({ id: "a", kind: "setParameters", values: { scope: "901", blockTimeMs: "100" } }, context)
 * // { ok: false, issues: [{ field: "blockTimeMs", message: "Block time (ms): 100 ms is outside the allowed range; …" }] }
 */
export function draftToAction(
  draft: ActionDraft,
  context: ProposeContext,
): { ok: true; action: GovernanceAction } | { ok: false; issues: FormIssue[] } {
  const values: Values = {};
  const issues: FormIssue[] = [];
  for (const spec of draftFields(draft, context)) {
    const result = parseField(spec, draft.values[spec.name], context);
    if (result.ok) values[spec.name] = result.value;
    else issues.push({ field: spec.name, message: result.message });
  }
  if (issues.length > 0) return { ok: false, issues };
  const built = buildAction(draft, values);
  return "kind" in built ? { ok: true, action: built } : { ok: false, issues: [built] };
}

/**
 * The description the governor stores: the title as a Markdown heading, then the body. Voters
 * and every UI read the first line as the title (the OpenZeppelin convention).
 */
export function proposalDescription(title: string, body: string): string {
  const text = body.trim();
  return text ? `# ${title.trim()}\n\n${text}\n` : `# ${title.trim()}\n`;
}

/**
 * Checks a whole proposal (title, body, every action) and returns either the typed actions and
 * the description to sign, or every issue found: nothing is sent until this says ok.
 */
export function validateProposal(form: { title: string; body: string; drafts: readonly ActionDraft[] }, context: ProposeContext): ProposalValidation {
  const issues: FormIssue[] = [];
  const title = form.title.trim();
  if (title === "") issues.push({ field: "title", message: "Title: required." });
  else if (title.length > TITLE_MAX_LENGTH) issues.push({ field: "title", message: `Title: at most ${TITLE_MAX_LENGTH} characters (this is ${title.length}).` });
  else if (/[\r\n]/.test(title)) issues.push({ field: "title", message: "Title: one line only." });
  const description = proposalDescription(title, form.body);
  if (utf8Length(description) > DESCRIPTION_MAX_BYTES) {
    issues.push({ field: "body", message: `Description: at most ${integer.format(DESCRIPTION_MAX_BYTES)} bytes (this is ${integer.format(utf8Length(description))}).` });
  }
  if (form.drafts.length === 0) issues.push({ message: "Add at least one action." });
  if (form.drafts.length > MAX_ACTIONS) issues.push({ message: `At most ${MAX_ACTIONS} actions in one proposal.` });
  const actions: GovernanceAction[] = [];
  form.drafts.forEach((draft, index) => {
    const result = draftToAction(draft, context);
    if (result.ok) actions.push(result.action);
    else issues.push(...result.issues.map((issue) => ({ ...issue, action: index })));
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, actions, description };
}
