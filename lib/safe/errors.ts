import type { Address, Hex } from "viem";

import { BaseError } from "../errors.ts";

/** Every error raised while placing or using the canonical Safe contracts on a chain. */
export class SafeError extends BaseError {
  override name = "SafeError";
}

/** `@safe-global/safe-deployments` has no canonical entry for a contract this module needs. */
export class SafeDeploymentNotFoundError extends SafeError {
  override name = "SafeDeploymentNotFoundError";
  constructor({ contract, version }: { contract: string; version: string }) {
    super(`@safe-global/safe-deployments lists no canonical ${contract} ${version}.`);
  }
}

/**
 * The bytecode shipped in `@safe-global/safe-contracts` would not land where safe-deployments says
 * the canonical contract lives, so protocol-kit would talk to the wrong code (or none).
 */
export class SafeAddressMismatchError extends SafeError {
  override name = "SafeAddressMismatchError";
  readonly contract: string;
  readonly expected: Address;
  readonly actual: Address;
  constructor({ contract, expected, actual }: { contract: string; expected: Address; actual: Address }) {
    super(`${contract} would deploy to ${actual}, not to its canonical address ${expected}.`, {
      details: "The creation code, the singleton factory or the salt differ from the canonical deployment.",
    });
    this.contract = contract;
    this.expected = expected;
    this.actual = actual;
  }
}

/** An address holds code, but not the code safe-deployments lists for it. */
export class SafeCodeMismatchError extends SafeError {
  override name = "SafeCodeMismatchError";
  readonly contract: string;
  readonly address: Address;
  constructor({ contract, address, expected, actual }: { contract: string; address: Address; expected: Hex; actual: Hex }) {
    super(`The code at ${address} is not the canonical ${contract}.`, {
      details: `code hash ${actual}, expected ${expected}`,
    });
    this.contract = contract;
    this.address = address;
  }
}

/** The singleton factory is missing and could not be placed (for example, not a dev node). */
export class SingletonFactoryError extends SafeError {
  override name = "SingletonFactoryError";
}

/** A deployment transaction was mined but did not leave the expected code or proxy behind. */
export class SafeDeploymentFailedError extends SafeError {
  override name = "SafeDeploymentFailedError";
}

/** Owners and threshold that `Safe.setup` would reject, caught before sending anything. */
export class SafeInvalidSetupError extends SafeError {
  override name = "SafeInvalidSetupError";
}

/** A Safe contract this action needs is not on the chain yet: run `deploySafeContracts` first. */
export class SafeContractsNotDeployedError extends SafeError {
  override name = "SafeContractsNotDeployedError";
  constructor({ contract, address }: { contract: string; address: Address }) {
    super(`The canonical ${contract} is not deployed at ${address}.`, {
      details: "Deploy the Safe contract set (deploySafeContracts) on this chain first.",
    });
  }
}
