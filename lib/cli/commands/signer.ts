/**
 * What the commands that send hub transactions share: the keystore options, and one way to send
 * a contract call and say why it failed (the node's reason, never a stack trace).
 */
import { createPublicClient, createWalletClient, http, type Abi, type Account, type Address, type Hash, type PublicClient } from "viem";
import { z } from "zod";

import { loadManifest, viemChain, type Manifest } from "../../chains/index.ts";
import { BaseError } from "../../errors.ts";
import { loadKeystoreAccount } from "../../keys/index.ts";
import { writeContractWithHeadroom } from "../../rpc/gasHeadroom.ts";
import { passwordSource } from "../secrets.ts";

/** A hub transaction that cannot be sent now (a state the contract refuses), or that reverted. */
export class HubTransactionError extends BaseError {
  override name = "HubTransactionError";
}

/** `--keystore`, `--password-file`, `--manifest`: the signer and the deployment. */
export const signerOptions = {
  keystore: z.string().min(1).meta({ description: "The Web3 Secret Storage keystore of the account that signs", placeholder: "file" }),
  passwordFile: z.string().min(1).optional().meta({ description: "A file whose first line is the keystore's password (default: asked on the terminal)", placeholder: "file" }),
  manifest: z.string().min(1).optional().meta({ description: "The deployment manifest (default $SUPERCHAIN_MANIFEST, $SUPERCHAIN_DEPLOYMENT or devnet)", placeholder: "path" }),
};

export interface HubSigner {
  manifest: Manifest;
  account: Account;
  reader: PublicClient;
  /** Sends `functionName(args)` to `address` and waits for it; `label` names it in errors. */
  send: (label: string, call: { address: Address; abi: Abi; functionName: string; args: readonly unknown[] }) => Promise<Hash>;
}

/** The keystore's account on the manifest's hub. */
export async function hubSigner(
  input: { keystore: string; passwordFile?: string | undefined; manifest?: string | undefined },
  { usage, manifestFile }: { usage: string; manifestFile: string },
): Promise<HubSigner> {
  const manifest = await loadManifest({ path: input.manifest ?? manifestFile });
  const account = await loadKeystoreAccount({ path: input.keystore, password: passwordSource({ passwordFile: input.passwordFile, usage }) });
  const chain = viemChain(manifest.hub);
  const reader = createPublicClient({ chain, transport: http(manifest.hub.rpcUrl) }) as PublicClient;
  const wallet = createWalletClient({ account, chain, transport: http(manifest.hub.rpcUrl) });
  const send: HubSigner["send"] = async (label, call) => {
    let hash: Hash;
    try {
      hash = await writeContractWithHeadroom(wallet, { ...call, chain } as never);
    } catch (error) {
      throw new HubTransactionError(`${label} was refused`, { details: (error as { shortMessage?: string }).shortMessage ?? String(error), cause: error });
    }
    const receipt = await reader.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new HubTransactionError(`${label} reverted in transaction ${hash}`);
    return hash;
  };
  return { manifest, account, reader, send };
}
