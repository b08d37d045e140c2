/**
 * `superchain keys new|import --out <file> [--password-file <file>]`: writes a Web3 Secret
 * Storage (v3) keystore — for a fresh key, or for one read from stdin — and prints only its
 * address. The password comes from the file's first line, else a hidden prompt typed twice;
 * no secret is ever an argument or printed. The keystore loads in `sequencer start
 * --operator-keystore` and `relay --keystore`.
 */
import { generatePrivateKey } from "viem/accounts";
import { z } from "zod";

import { readNewPassword, writeKeystore } from "../../keys/index.ts";
import { defineCommand } from "../command.ts";
import { passwordSource, readPrivateKeyInput } from "../secrets.ts";

const keystoreOptions = z.strictObject({
  out: z
    .string({ error: "is required: the keystore file to create" })
    .min(1)
    .meta({ description: "The keystore file to create (mode 0600; never overwritten)", placeholder: "file" }),
  passwordFile: z
    .string()
    .min(1)
    .optional()
    .meta({ description: "File whose first line is the password; default a hidden prompt (terminal only)", placeholder: "file" }),
});

export const keysNewCommand = defineCommand({
  name: "keys new",
  summary: "Create a keystore for a fresh private key; prints its address",
  options: keystoreOptions,
  run: async ({ out, passwordFile }, { print, usage }) => {
    const password = await readNewPassword(passwordSource({ passwordFile, usage }));
    print(await writeKeystore({ out, privateKey: generatePrivateKey(), password }));
  },
});

export const keysImportCommand = defineCommand({
  name: "keys import",
  summary: "Create a keystore for the private key read from stdin (never an argument); prints its address",
  options: keystoreOptions,
  run: async ({ out, passwordFile }, { print, usage }) => {
    // Decided first: with the key piped in, stdin cannot also be the password's prompt.
    const source = passwordSource({ passwordFile, usage });
    const privateKey = await readPrivateKeyInput();
    print(await writeKeystore({ out, privateKey, password: await readNewPassword(source) }));
  },
});

export const keysCommands = [keysNewCommand, keysImportCommand];
