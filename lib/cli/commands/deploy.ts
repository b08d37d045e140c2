import { dirname, join, resolve } from "node:path";

import { z } from "zod";

import { loadManifest, resolveManifestPath, writeManifest } from "../../chains/index.ts";
import { deploySuperchain } from "../../deploy/deploy.ts";
import { DeployKeyError, DeployParamsError } from "../../deploy/errors.ts";
import { loadDeploymentParams } from "../../deploy/loadParams.ts";
import { deploymentManifest } from "../../deploy/manifest.ts";
import { verifyDeployment } from "../../deploy/verify/index.ts";
import { defineCommand, type CommandDefinition } from "../command.ts";
import { CliUsageError } from "../errors.ts";
import { deployVerifyCommand, reportLines } from "./deployVerify.ts";

const networkName = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: "must be a kebab-case deployment name (e.g. sepolia)" });

export const deployCommand = defineCommand({
  name: "deploy",
  summary: "Deploy (or resume) a superchain with Hardhat Ignition from deployments/<network>.params.json; writes deployments/<network>.json and verifies the handover",
  options: z.strictObject({
    network: networkName.meta({ description: "The deployment's name: reads deployments/<network>.params.json", placeholder: "name" }),
    passwordFile: z.string().min(1).optional().meta({ description: "A file whose first line is the hardhat-keystore password (default: asked on the terminal)", placeholder: "file" }),
    params: z.string().min(1).optional().meta({ description: "Read the parameters from this file instead", placeholder: "file" }),
    ignitionDir: z.string().min(1).optional().meta({ description: "Where Ignition keeps its journals; default ./ignition", placeholder: "dir" }),
  }),
  run: async ({ network, passwordFile, params: paramsFile, ignitionDir }, { print, env = process.env }) => {
    if (network === "devnet") throw new CliUsageError("the devnet is deployed by `superchain devnet up`", { usage: "superchain deploy --network <name>" });
    const manifestFile = resolveManifestPath({ network, env: {} });
    const usage = "superchain deploy --network <name> [--password-file <file>]";
    try {
      const params = await loadDeploymentParams(resolve(paramsFile ?? join(dirname(manifestFile), `${network}.params.json`)));
      const deployed = await deploySuperchain({
        name: network,
        params,
        key: { keystore: { passwordFile } },
        ignitionDir: resolve(ignitionDir ?? env.SUPERCHAIN_IGNITION_DIR ?? "ignition"),
        onProgress: print,
      });
      await writeManifest(manifestFile, deploymentManifest(network, params, deployed));
      print(`manifest written to ${manifestFile}`);
      // The handover, proven: the governor's vote sources wait for governance's first proposal.
      const started = performance.now();
      const report = await verifyDeployment({ manifest: await loadManifest({ path: manifestFile }), voteSources: "pending" });
      for (const line of reportLines(report, { network, path: manifestFile, elapsedMs: Math.round(performance.now() - started) })) print(line);
      return report.deviations.length === 0 ? 0 : 1;
    } catch (error) {
      if (error instanceof DeployParamsError || error instanceof DeployKeyError) throw new CliUsageError(error.shortMessage, { usage, ...(error.details ? { details: error.details } : {}) });
      throw error;
    }
  },
});

export const deployCommands: readonly CommandDefinition[] = [deployCommand, deployVerifyCommand];
