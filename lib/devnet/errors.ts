import { BaseError } from "../errors.ts";

export class DevnetError extends BaseError {
  override name = "DevnetError";
}

/** Something else already listens where a devnet node should. */
export class DevnetPortInUseError extends DevnetError {
  override name = "DevnetPortInUseError";
  readonly port: number;
  constructor({ port, chain }: { port: number; chain: string }) {
    super(`Port ${port} on 127.0.0.1 is already in use, so the ${chain} node cannot start there.`, {
      details: `Stop whatever listens on ${port}, or choose other ports.`,
    });
    this.port = port;
  }
}

/** A node process exited or stayed silent before its RPC answered. */
export class DevnetNodeStartError extends DevnetError {
  override name = "DevnetNodeStartError";
}
