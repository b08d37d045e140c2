import { formatUtc } from "../../governance/index.ts";

/** Why a `datetime-local` text is not a moment: malformed, or a wall-clock time the zone skips. */
export type LocalDateTimeResult =
  | { ok: true; unixSeconds: bigint }
  | { ok: false; reason: "format" }
  /** The clocks jump over it (start of summer time): no instant has this local time. */
  | { ok: false; reason: "skipped" };

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * Reads `YYYY-MM-DDTHH:MM`, the value of an `<input type="datetime-local">`, as the wall-clock
 * time the person sees in that input: the browser's (here, the process's) time zone, as the input
 * itself displays it. A date the calendar lacks (February 30) and a time the zone's clocks skip
 * are refused rather than silently moved.
 *
 * @example
 * // in Asia/Kolkata (UTC+05:30)
 * parseLocalDateTime("2026-12-02T08:30") // { ok: true, unixSeconds: 1796180400n } = 2026-12-02 03:00 UTC
 */
export function parseLocalDateTime(text: string): LocalDateTimeResult {
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) return { ok: false, reason: "format" };
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number) as [number, number, number, number, number];
  // The calendar first, independent of any zone: Date.UTC rolls 02-30 over to 03-02.
  const calendar = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (
    calendar.getUTCFullYear() !== year ||
    calendar.getUTCMonth() !== month - 1 ||
    calendar.getUTCDate() !== day ||
    calendar.getUTCHours() !== hour ||
    calendar.getUTCMinutes() !== minute
  ) {
    return { ok: false, reason: "format" };
  }
  // Then the zone: a skipped wall-clock time comes back as another hour.
  const local = new Date(year, month - 1, day, hour, minute);
  if (local.getHours() !== hour || local.getMinutes() !== minute || local.getDate() !== day) return { ok: false, reason: "skipped" };
  return { ok: true, unixSeconds: BigInt(local.getTime() / 1000) };
}

/**
 * What a typed activation means in UTC, the zone the chain, the preview and every other page
 * speak, shown under the input while the person types in their own time zone. Undefined while the
 * text is not (yet) a moment; the form's validation explains that once it is checked.
 *
 * @example
 * // in Europe/Paris (UTC+01:00 in December)
 * activationInUtc("2026-12-02T09:30") // "2026-12-02 08:30 UTC"
 */
export function activationInUtc(text: string): string | undefined {
  const parsed = parseLocalDateTime(text.trim());
  return parsed.ok ? formatUtc(parsed.unixSeconds) : undefined;
}
