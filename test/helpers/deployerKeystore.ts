/**
 * A hardhat-keystore keystore holding a deployer key, made the way `npx hardhat keystore set
 * SUPERCHAIN_DEPLOYER_KEY` makes it (the plugin's own task), with the terminal's answers given.
 * The keystore lives under `configHome` (XDG_CONFIG_HOME), never in the user's own.
 */
import { createHardhatRuntimeEnvironment } from "hardhat/hre";
import type { Hex } from "viem";

import config from "../../hardhat.config.ts";
import { DEPLOYER_KEY_VARIABLE } from "../../lib/deploy/hre.ts";

export async function createDeployerKeystore({ configHome, password, key }: { configHome: string; password: string; key: Hex }): Promise<void> {
  const previous = process.env.XDG_CONFIG_HOME;
  const log = console.log;
  process.env.XDG_CONFIG_HOME = configHome;
  console.log = () => undefined; // the task's banner and confirmation
  try {
    const hre = await createHardhatRuntimeEnvironment({
      ...config,
      plugins: [
        ...(config.plugins ?? []),
        {
          id: "test-keystore-answers",
          hookHandlers: {
            userInterruptions: async () => ({
              default: async () => ({
                requestSecretInput: async (_context, _interruptor, description) => (description.startsWith("Enter secret") ? key : password),
                displayMessage: async () => undefined,
              }),
            }),
          },
        },
      ],
    });
    await hre.tasks.getTask(["keystore", "set"]).run({ key: DEPLOYER_KEY_VARIABLE, force: true, dev: false });
  } finally {
    console.log = log;
    if (previous === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = previous;
  }
}
