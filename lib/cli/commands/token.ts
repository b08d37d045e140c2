/**
 * `superchain token delegate <address> --keystore <file>`: gives the signer's hub voting power to
 * a delegate (itself included): votes count only once delegated, as in any ERC20Votes token.
 */
import { z } from "zod";

import { addressSchema } from "../../chains/index.ts";
import { superchainTokenAbi } from "../../contracts/index.ts";
import { defineCommand, type CommandDefinition } from "../command.ts";
import { hubSigner, signerOptions } from "./signer.ts";

export const tokenDelegateCommand = defineCommand({
  name: "token delegate",
  summary: "Delegate the signer's hub voting power to an address (itself to vote directly)",
  options: z.strictObject({
    to: addressSchema.meta({ description: "The delegate" }),
    ...signerOptions,
  }),
  positionals: ["to"],
  run: async (input, { paths, print, usage }) => {
    const hub = await hubSigner(input, { usage, manifestFile: paths.manifestFile });
    const hash = await hub.send("the delegation", { address: hub.manifest.contracts.token, abi: superchainTokenAbi, functionName: "delegate", args: [input.to] });
    print(`${hub.account.address} delegates its votes to ${input.to} (transaction ${hash})`);
  },
});

export const tokenCommands: readonly CommandDefinition[] = [tokenDelegateCommand];
