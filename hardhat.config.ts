import { createRequire } from "node:module";

import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";
import hardhatNodeTestRunner from "@nomicfoundation/hardhat-node-test-runner";
import hardhatViem from "@nomicfoundation/hardhat-viem";
import hardhatViemAssertions from "@nomicfoundation/hardhat-viem-assertions";
import { defineConfig } from "hardhat/config";

const require = createRequire(import.meta.url);

/**
 * solc comes from the `solc` npm package (the WASM build), never from a download:
 * the machines this project builds on reach only the npm registry. Keep
 * SOLC_VERSION equal to the `solc` version pinned in package.json; `solc/package.json`
 * is checked here so a mismatch fails loudly instead of mislabelling artifacts.
 */
const SOLC_VERSION = "0.8.30";
const installedSolc = (require("solc/package.json") as { version: string }).version;
if (installedSolc !== SOLC_VERSION) {
  throw new Error(`hardhat.config.ts expects solc ${SOLC_VERSION} but node_modules has ${installedSolc}`);
}

export default defineConfig({
  plugins: [hardhatViem, hardhatViemAssertions, hardhatNetworkHelpers, hardhatNodeTestRunner],
  solidity: {
    profiles: {
      default: {
        version: SOLC_VERSION,
        path: require.resolve("solc/soljson.js"),
        settings: {
          optimizer: { enabled: true, runs: 200 },
          evmVersion: "prague",
        },
      },
    },
  },
  paths: {
    sources: "./contracts",
    tests: {
      solidity: "./test/contracts",
      nodejs: "./test",
    },
  },
});
