/**
 * The Hardhat runtime a deployment runs in: the project's config (artifacts, Ignition, keystore)
 * with one HTTP network per chain of the deployment, each signing with the deployer's key — on a
 * real network the configuration variable `SUPERCHAIN_DEPLOYER_KEY`, which hardhat-keystore
 * decrypts from its encrypted keystore (`npx hardhat keystore set SUPERCHAIN_DEPLOYER_KEY`); on
 * the devnet its well-known dev key.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";

import { configVariable } from "hardhat/config";
import { createHardhatRuntimeEnvironment } from "hardhat/hre";
import type { HardhatPlugin } from "hardhat/types/plugins";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";
import type { Hex } from "viem";

import config from "../../hardhat.config.ts";
import { DeployKeyError } from "./errors.ts";

const REPOSITORY_ROOT = resolve(import.meta.dirname, "../..");

/** The configuration variable (and keystore entry) holding the deployer's key. */
export const DEPLOYER_KEY_VARIABLE = "SUPERCHAIN_DEPLOYER_KEY";

/** Where the deployer's key comes from: the encrypted keystore (password from a file, else a prompt) or, on the devnet only, a dev key. */
export type DeployerKeySource = { keystore: { passwordFile?: string | undefined } } | { devKey: Hex };

export interface DeploymentChain {
  name: string;
  chainId: number;
  rpcUrl: string;
}

/**
 * A Hardhat runtime with a network per chain (named as the chain), writing Ignition's journals
 * under `ignitionDir` (`<ignitionDir>/deployments/<deployment id>`).
 *
 * @throws {DeployKeyError} when `SUPERCHAIN_DEPLOYER_KEY` is set in the environment (a plaintext key), or no password can be asked.
 */
export async function deploymentRuntime(chains: readonly DeploymentChain[], key: DeployerKeySource, ignitionDir: string): Promise<HardhatRuntimeEnvironment> {
  if ("keystore" in key) {
    if (process.env[DEPLOYER_KEY_VARIABLE] !== undefined) {
      throw new DeployKeyError(`${DEPLOYER_KEY_VARIABLE} is set in the environment: a deployer key is never read in plain text. Unset it and store the key with \`npx hardhat keystore set ${DEPLOYER_KEY_VARIABLE}\`.`);
    }
    if (key.keystore.passwordFile === undefined && !process.stdin.isTTY) {
      throw new DeployKeyError("the keystore's password is needed and there is no terminal to ask it on: pass --password-file <file>");
    }
  }
  const account = "devKey" in key ? key.devKey : configVariable(DEPLOYER_KEY_VARIABLE);
  const networks = Object.fromEntries(chains.map((chain) => [chain.name, { type: "http" as const, url: chain.rpcUrl, chainId: chain.chainId, accounts: [account] }]));
  const passwordFile = "keystore" in key ? key.keystore.passwordFile : undefined;
  return createHardhatRuntimeEnvironment(
    { ...config, plugins: [...(config.plugins ?? []), ...(passwordFile ? [keystorePasswordFrom(passwordFile)] : [])], networks, paths: { ...config.paths, ignition: ignitionDir } },
    {},
    REPOSITORY_ROOT,
  );
}

/** Answers hardhat-keystore's password request from a file (its first line), so a deployment runs without a terminal. */
function keystorePasswordFrom(passwordFile: string): HardhatPlugin {
  return {
    id: "superchain-keystore-password-file",
    hookHandlers: {
      userInterruptions: async () => ({
        default: async () => ({
          requestSecretInput: async (context, interruptor, description, next) => {
            if (interruptor !== "hardhat-keystore") return next(context, interruptor, description);
            const text = await readFile(passwordFile, "utf8").catch((error: unknown) => {
              throw new DeployKeyError(`the password file ${passwordFile} cannot be read`, { cause: error });
            });
            return text.split(/\r?\n/)[0] ?? "";
          },
        }),
      }),
    },
  };
}
