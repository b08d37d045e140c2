import type { Hex } from "viem";

import { devAccount } from "./accounts.ts";
import { DevnetError } from "./errors.ts";

/** The dev account's private key (these keys are public; devnet only). */
export function hdPrivateKey(index: number): Hex {
  const key = devAccount(index).getHdKey().privateKey;
  if (!key) throw new DevnetError(`No private key for dev account #${index}.`);
  return `0x${Buffer.from(key).toString("hex")}`;
}
