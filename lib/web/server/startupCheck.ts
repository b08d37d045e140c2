/**
 * The web app's check at start: a deployment chosen explicitly (`SUPERCHAIN_MANIFEST` or
 * `SUPERCHAIN_DEPLOYMENT`) must be a readable, valid manifest, or the app does not start — an
 * operator learns of a typo at once, not from a page. The devnet default may be missing or
 * rewritten while the app runs (the quickstart starts the app before the devnet): its pages say
 * what is wrong instead.
 */
import { DEPLOYMENT_ENV, loadManifest, MANIFEST_ENV, ManifestError, resolveManifestPath } from "../../chains/index.ts";

/** Why the chosen deployment cannot be served, as lines for the operator; undefined when it can (or none was chosen). */
export async function chosenDeploymentProblem(env: Readonly<Record<string, string | undefined>> = process.env): Promise<string | undefined> {
  const chosen = [MANIFEST_ENV, DEPLOYMENT_ENV].filter((name) => env[name]?.trim());
  if (chosen.length === 0) return undefined;
  let path = `(${chosen.join(", ")})`;
  try {
    path = resolveManifestPath({ env });
    await loadManifest({ path, env });
    return undefined;
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    return [`superchain web app: cannot serve the deployment chosen by ${chosen.join(" and ")}: ${path}`, error.message].join("\n");
  }
}
