/**
 * `superchain token delegate <address> --keystore <file>`: gives the signer's hub voting power to
 * a delegate (itself included): votes count only once delegated, as in any ERC20Votes token.
 */
import { createPublicClient, createWalletClient, http } from "viem";
import { z } from "zod";

import { addressSchema, loadManifest, viemChain } from "../../chains/index.ts";
import { superchainTokenAbi } from "../../contracts/index.ts";
import { loadKeystoreAccount } from "../../keys/index.ts";
import { writeContractWithHeadroom } from "../../rpc/gasHeadroom.ts";
import { defineCommand, type CommandDefinition } from "../command.ts";
import { passwordSource } from "../secrets.ts";
import { ProposalCommandError } from "./proposal.ts";

export const tokenDelegateCommand = defineCommand({
  name: "token delegate",
  summary: "Delegate the signer's hub voting power to an address (itself to vote directly)",
  options: z.strictObject({
    to: addressSchema.meta({ description: "The delegate" }),
    keystore: z.string().min(1).meta({ description: "The token holder's Web3 Secret Storage keystore", placeholder: "file" }),
    passwordFile: z.string().min(1).optional().meta({ description: "A file whose first line is the keystore's password (default: asked on the terminal)", placeholder: "file" }),
    manifest: z.string().min(1).optional().meta({ description: "The deployment manifest (default $SUPERCHAIN_MANIFEST, $SUPERCHAIN_DEPLOYMENT or devnet)", placeholder: "path" }),
  }),
  positionals: ["to"],
  run: async (input, { paths, print, usage }) => {
    const manifest = await loadManifest({ path: input.manifest ?? paths.manifestFile });
    const account = await loadKeystoreAccount({ path: input.keystore, password: passwordSource({ passwordFile: input.passwordFile, usage }) });
    const chain = viemChain(manifest.hub);
    const wallet = createWalletClient({ account, chain, transport: http(manifest.hub.rpcUrl) });
    const hash = await writeContractWithHeadroom(wallet, { address: manifest.contracts.token, abi: superchainTokenAbi, functionName: "delegate", args: [input.to], chain }).catch((error: unknown) => {
      throw new ProposalCommandError("the delegation was refused by the token", { details: (error as { shortMessage?: string }).shortMessage ?? String(error), cause: error });
    });
    const receipt = await createPublicClient({ chain, transport: http(manifest.hub.rpcUrl) }).waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new ProposalCommandError(`the delegation reverted in transaction ${hash}`);
    print(`${account.address} delegates its votes to ${input.to} (transaction ${hash})`);
  },
});

export const tokenCommands: readonly CommandDefinition[] = [tokenDelegateCommand];
