import { BaseError } from "../errors.ts";

/** Every error raised while finding, reading, validating or querying a deployment manifest. */
export class ManifestError extends BaseError {
  override name = "ManifestError";
}

/** No manifest file where one was looked for. */
export class ManifestNotFoundError extends ManifestError {
  override name = "ManifestNotFoundError";
  readonly path: string;
  constructor({ path, cause }: { path: string; cause?: unknown }) {
    super(`No deployment manifest at ${path}.`, {
      details:
        "Run `superchain devnet up` (or scripts/start.sh) to start a local devnet, or point SUPERCHAIN_MANIFEST at a deployment manifest.",
      cause,
    });
    this.path = path;
  }
}

/** One problem found in a manifest: where (`members[1].chainId`) and what. */
export interface ManifestIssue {
  /** Dotted path to the field, array indices in brackets; `(manifest)` for the whole document. */
  path: string;
  message: string;
}

/**
 * The manifest is not valid JSON or does not match the schema. `issues` holds every problem
 * found, and `details` lists them one per line as `path.to.field: message`.
 */
export class ManifestInvalidError extends ManifestError {
  override name = "ManifestInvalidError";
  /** Where the manifest came from (a file path, or a label for in-memory input). */
  readonly source: string;
  readonly issues: readonly ManifestIssue[];
  constructor({ source, issues, cause }: { source: string; issues: readonly ManifestIssue[]; cause?: unknown }) {
    const count = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    super(`The deployment manifest ${source} is invalid (${count}).`, {
      details: issues.map((issue) => `${issue.path}: ${issue.message}`).join("\n"),
      cause,
    });
    this.source = source;
    this.issues = issues;
  }
}

/** A chain id that is neither the manifest's hub nor one of its members. */
export class ManifestUnknownChainError extends ManifestError {
  override name = "ManifestUnknownChainError";
  readonly chainId: number;
  readonly knownChainIds: readonly number[];
  constructor({ chainId, network, known }: { chainId: number; network: string; known: readonly { chainId: number; name: string }[] }) {
    super(`Chain ${chainId} is not in the ${network} deployment manifest.`, {
      details: `Known chain ids: ${known.map((chain) => `${chain.chainId} (${chain.name})`).join(", ")}.`,
    });
    this.chainId = chainId;
    this.knownChainIds = known.map((chain) => chain.chainId);
  }
}

/** A member chain the manifest lists without cross-chain voting contracts (no `spoke`). */
export class ManifestNoSpokeError extends ManifestError {
  override name = "ManifestNoSpokeError";
  readonly chainId: number;
  constructor({ chainId, name, network, voting }: { chainId: number; name: string; network: string; voting: readonly { chainId: number; name: string }[] }) {
    super(`Chain ${chainId} (${name}) has no cross-chain voting contracts in the ${network} deployment manifest.`, {
      details:
        voting.length === 0
          ? "No member chain lists spoke contracts; deploy them (`superchain devnet up` does on a devnet) and add `spoke` to the member."
          : `Member chains with cross-chain voting: ${voting.map((chain) => `${chain.chainId} (${chain.name})`).join(", ")}.`,
    });
    this.chainId = chainId;
  }
}

export type ManifestErrorType = ManifestNotFoundError | ManifestInvalidError | ManifestUnknownChainError | ManifestNoSpokeError | ManifestError;
