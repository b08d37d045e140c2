/**
 * `superchain council decide <decision> <id> --keystore <owner> …`: the Security Council's
 * decisions from a terminal, through its real Safe. Each keystore is an owner's: it signs the
 * decision's Safe transaction (EIP-712, checked against the Safe's owners at its current nonce),
 * and once the signatures reach the threshold the first keystore's account relays it. Councils
 * whose owners sign on separate machines use the web app's /council page for the same transaction.
 */
import type { Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { z } from "zod";

import { loadManifest } from "../../chains/index.ts";
import { councilCall, CouncilSafe, describeCouncilDecision, type CouncilDecision } from "../../council/index.ts";
import { loadKeystoreKey } from "../../keys/index.ts";
import { defineCommand, type CommandDefinition } from "../command.ts";
import { passwordSource } from "../secrets.ts";
import { signerOptions } from "./signer.ts";

const DECISIONS = { "approve-change": "approveChange", "reject-change": "rejectChange", pause: "pause", unpause: "unpause" } as const;

export const councilDecideCommand = defineCommand({
  name: "council decide",
  summary: "Sign a council decision with owners' keystores (approve-change|reject-change <changeId>, pause|unpause <chainId>) and execute it through the Safe",
  options: z.strictObject({
    decision: z.enum(Object.keys(DECISIONS) as [keyof typeof DECISIONS, ...(keyof typeof DECISIONS)[]], { error: "must be approve-change, reject-change, pause or unpause" }).meta({ description: "approve-change, reject-change, pause or unpause" }),
    id: z.string().regex(/^(?:0|[1-9][0-9]*)$/, { error: "must be a change id or chain id (a decimal integer)" }).transform(BigInt).meta({ description: "The change id (approve-change, reject-change) or chain id (pause, unpause)" }),
    keystore: z.array(z.string().min(1)).min(1, { error: "needs at least one owner's keystore" }).meta({ description: "An owner's Web3 Secret Storage keystore; the first also relays", placeholder: "file" }),
    passwordFile: signerOptions.passwordFile,
    manifest: signerOptions.manifest,
  }),
  positionals: ["decision", "id"],
  run: async (input, { paths, print, usage }) => {
    const manifest = await loadManifest({ path: input.manifest ?? paths.manifestFile });
    const password = passwordSource({ passwordFile: input.passwordFile, usage });
    const kind = DECISIONS[input.decision];
    const decision = (kind === "approveChange" || kind === "rejectChange" ? { kind, changeId: input.id } : { kind, chainId: input.id }) satisfies CouncilDecision;
    const council = await CouncilSafe.connect({ safe: manifest.council.safe, rpcUrl: manifest.hub.rpcUrl });
    let transaction = await council.buildTransaction(councilCall(manifest.contracts.sequencerConfig, decision));
    const review = council.review(transaction);
    print(`${describeCouncilDecision(decision)}: Safe ${manifest.council.safe} nonce ${transaction.data.nonce}, safeTxHash ${review.safeTxHash}`);
    const keys: Hex[] = [];
    for (const path of input.keystore) {
      const key = await loadKeystoreKey({ path, password });
      keys.push(key);
      const owner = privateKeyToAccount(key);
      const signature = await owner.signTypedData(review.typedData);
      transaction = await council.addSignature(transaction, { signer: owner.address, signature });
      print(`signed by ${owner.address}`);
    }
    const { transactionHash } = await council.execute(transaction, { privateKey: keys[0]! });
    print(`executed by the council Safe (transaction ${transactionHash})`);
  },
});

export const councilCommands: readonly CommandDefinition[] = [councilDecideCommand];
