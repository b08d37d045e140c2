import { readFile } from "node:fs/promises";

import { DeployParamsError } from "./errors.ts";
import { deploymentParamsSchema, type DeploymentParams } from "./params.ts";

/** Larger than any deployment's parameters: a file this big is a mistake, not parameters. */
const MAX_PARAMS_BYTES = 1_000_000;

/**
 * Reads and checks `deployments/<name>.params.json`.
 *
 * @throws {DeployParamsError} naming the file and, for invalid parameters, each field at fault.
 */
export async function loadDeploymentParams(path: string): Promise<DeploymentParams> {
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new DeployParamsError(
      error.code === "ENOENT" ? `no deployment parameters at ${path}` : `the deployment parameters at ${path} cannot be read`,
      { details: "Write the chains, members and council there: see docs/DEPLOY.md.", cause: error },
    );
  });
  if (text.length > MAX_PARAMS_BYTES) throw new DeployParamsError(`${path} is larger than ${MAX_PARAMS_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DeployParamsError(`${path} is not JSON`, { cause: error });
  }
  const parsed = deploymentParamsSchema.safeParse(json);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`).join("; ");
    throw new DeployParamsError(`${path} has invalid deployment parameters`, { details });
  }
  return parsed.data;
}
