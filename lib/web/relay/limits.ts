/** The relay's size limits, apart from its zod schemas so the ballot form reads them without zod. */

/** The longest reason a relayed vote carries: a few paragraphs. Longer ones pay their own gas. */
export const RELAY_REASON_MAX_CHARS = 2_000;
/** A request is a few hundred bytes plus the reason; anything larger is refused unread. */
export const RELAY_BODY_LIMIT = 16 * 1024;
