import { BaseError } from "../errors.ts";

/** A deployment could not run or finish (`superchain deploy`). */
export class DeployError extends BaseError {
  override name = "DeployError";
}

/** The deployer's key cannot be had the safe way: a plaintext key where a keystore is required, or no way to ask the keystore's password. */
export class DeployKeyError extends DeployError {
  override name = "DeployKeyError";
}

/** `deployments/<name>.params.json` is missing, unreadable or invalid. */
export class DeployParamsError extends DeployError {
  override name = "DeployParamsError";
}
