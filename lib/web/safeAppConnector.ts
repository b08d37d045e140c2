import { safe } from "wagmi/connectors/safe";

import { safeAppAllowedDomains } from "./safeApp.ts";

/**
 * wagmi's Safe connector as the app runs it, trusting the parent origins of
 * `NEXT_PUBLIC_SAFE_APP_ALLOWED_DOMAINS`. Imported only by `safeAppConnector` (./wagmi.ts) on
 * first use, in a frame: this module, the allowed-domains parser and the SDK are never in a
 * route's first load.
 */
export function createSafeAppConnector() {
  return safe({
    allowedDomains: safeAppAllowedDomains(process.env.NEXT_PUBLIC_SAFE_APP_ALLOWED_DOMAINS),
    // After "Disconnect" the app stays disconnected on reload, as with any wallet.
    shimDisconnect: true,
    // The SDK's 10 ms default for the parent's first answer is too short for a busy machine.
    unstable_getInfoTimeout: 1_500,
  });
}
