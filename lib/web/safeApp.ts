/**
 * Browser-safe: when the app runs as a Safe App (inside Safe{Wallet}'s iframe), which parent
 * frames it trusts. The Safe Apps SDK ignores every message whose origin matches none of these,
 * so a page that frames the app without being Safe{Wallet} cannot pose as a Safe.
 */

/**
 * Safe{Wallet} itself, and Safe{Wallet} run locally (its development server, the browser tests'
 * stand-in parent): a page on the user's own machine can already do anything the app can.
 */
export const DEFAULT_SAFE_APP_ALLOWED_DOMAINS = "https://app.safe.global, http://localhost:*";

/** `NEXT_PUBLIC_SAFE_APP_ALLOWED_DOMAINS` is not a list of origins. */
export class SafeAppAllowedDomainsError extends Error {
  override name = "SafeAppAllowedDomainsError";
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * Parent origins as the SDK's `allowedDomains`: a comma- or space-separated list of origins
 * (`scheme://host[:port]`), where `*` stands for one DNS label or a port. Each becomes an anchored
 * pattern, so `https://app.safe.global` does not also admit `https://app.safe.global.evil.example`.
 * Empty or unset: {@link DEFAULT_SAFE_APP_ALLOWED_DOMAINS}.
 *
 * @example
 * safeAppAllowedDomains("https://app.safe.global, https://*.safe.global") // [/^https:\/\/app\.safe\.global$/, /^https:\/\/[a-z0-9-]+\.safe\.global$/]
 */
export function safeAppAllowedDomains(value: string | undefined): RegExp[] {
  const list = value?.trim() ? value : DEFAULT_SAFE_APP_ALLOWED_DOMAINS;
  return list
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const origin = entry.replace(/\/+$/, "").toLowerCase();
      // Check the shape with every wildcard as a plain label: an origin has nothing after the port.
      const sample = origin.replaceAll("*", "0");
      let parsed: URL | undefined;
      try {
        parsed = new URL(sample);
      } catch {
        parsed = undefined;
      }
      if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:") || parsed.origin !== sample) {
        throw new SafeAppAllowedDomainsError(`"${entry}" is not an origin (scheme://host[:port], "*" for one label or a port) in NEXT_PUBLIC_SAFE_APP_ALLOWED_DOMAINS.`);
      }
      return new RegExp(`^${origin.split("*").map(escape).join("[a-z0-9-]+")}$`);
    });
}
