import { isDevnetManifest } from "../chains/manifest.ts";
import { PlaintextKeyRefusedError } from "./errors.ts";

/**
 * Refuses a plaintext key outside the devnet: `input` names where it came from
 * (`--operator-keys`, `SUPERCHAIN_RELAYER_KEY`), `alternative` the keystore input to use instead.
 *
 * @throws {PlaintextKeyRefusedError} when `manifest` is not the devnet's.
 * @example
 * refusePlaintextKey(manifest, { input: "SUPERCHAIN_RELAYER_KEY", alternative: "SUPERCHAIN_RELAYER_KEYSTORE" })
 */
export function refusePlaintextKey(manifest: { network: string }, { input, alternative }: { input: string; alternative: string }): void {
  if (!isDevnetManifest(manifest)) throw new PlaintextKeyRefusedError({ input, network: manifest.network, alternative });
}
