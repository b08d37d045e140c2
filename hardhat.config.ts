import { createRequire } from "node:module";

import hardhatIgnitionViem from "@nomicfoundation/hardhat-ignition-viem";
import hardhatKeystore from "@nomicfoundation/hardhat-keystore";
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
/**
 * Optimism's trie library (`@eth-optimism/contracts-bedrock`) pins its RLP errors to solc 0.8.15,
 * so the one contract that imports it (StateProofVerifier) builds with that compiler, from the
 * `solc-0.8.15` npm alias; everything else reaches it through an interface.
 */
const TRIE_SOLC_VERSION = "0.8.15";

function solcJs(packageName: string, version: string): string {
  const installed = (require(`${packageName}/package.json`) as { version: string }).version;
  if (installed !== version) throw new Error(`hardhat.config.ts expects ${packageName} ${version} but node_modules has ${installed}`);
  return require.resolve(`${packageName}/soljson.js`);
}

export default defineConfig({
  plugins: [hardhatViem, hardhatIgnitionViem, hardhatKeystore, hardhatViemAssertions, hardhatNetworkHelpers, hardhatNodeTestRunner],
  solidity: {
    profiles: {
      default: {
        compilers: [
          {
            version: SOLC_VERSION,
            path: solcJs("solc", SOLC_VERSION),
            settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "prague" },
          },
          {
            version: TRIE_SOLC_VERSION,
            path: solcJs("solc-0.8.15", TRIE_SOLC_VERSION),
            settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "london" },
          },
        ],
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
