/**
 * Judging what the chain answered against what the manifest expects (pure): one deviation per
 * account that holds a power it should not, per expected holder that is missing, per wrong value,
 * per unreadable power and per manifest address without code.
 */
import { getAddress, isAddressEqual, zeroAddress, type Address } from "viem";

import type { Manifest } from "../../chains/index.ts";
import type { ChainRef, ExpectedCode, ExpectedHolders, ExpectedPower, NamedAddress } from "./expected.ts";

/** What the chain answered for one power. */
export type FoundHolders =
  | { kind: "holders"; holders: readonly Address[] }
  | { kind: "value"; value: string }
  /** The read failed (reverted, wrong contract, bad answer): the power cannot be confirmed. */
  | { kind: "unreadable"; reason: string };

/** One way the deployment differs from what the manifest and docs/DESIGN.md say. */
export interface Deviation {
  chain: ChainRef;
  /** The contract (`SuperchainTimelock`, `Safe`, …) or, for missing code, the manifest's name of the address. */
  contract: string;
  address: Address;
  /** The role or power (`PROPOSER_ROLE`, `owners`, `code`, …). */
  power: string;
  /** What the chain holds, labelled (`0xf39F… (deployer)`, `none`, `no code`). */
  found: string;
  /** What it should hold, labelled. */
  expected: string;
  /** One sentence naming all of the above. */
  message: string;
}

/** One checked power, as the report's table shows it. */
export interface PowerCheck {
  power: ExpectedPower;
  found: FoundHolders;
  /** Labelled, for the table. */
  foundText: string;
  expectedText: string;
  deviations: Deviation[];
}

/**
 * Names of the accounts a report may mention on any chain: address 0 (`anyone`), the deployer,
 * the council's owners and each chain's registered operator. Contracts are named by the
 * expectations instead, since one address can be different contracts on different chains.
 */
export type AddressLabels = ReadonlyMap<Address, string>;

/**
 * Labels for the accounts of `manifest`, the deployer and each chain's registered operator.
 *
 * @example
 * addressLabels(manifest, { deployer }).get(deployer) // "deployer"
 */
export function addressLabels(manifest: Manifest, { deployer, operators = new Map() }: { deployer?: Address | undefined; operators?: ReadonlyMap<number, Address> }): AddressLabels {
  const labels = new Map<Address, string>([[zeroAddress, "anyone: address 0"]]);
  manifest.council.owners.forEach((owner, i) => labels.set(owner, `council owner ${i + 1}`));
  for (const member of manifest.members) {
    const operator = operators.get(member.chainId);
    if (operator !== undefined) labels.set(getAddress(operator), `${member.name} operator`);
  }
  // Last, so an account that is also the deployer says so.
  if (deployer !== undefined) {
    const account = getAddress(deployer);
    const other = labels.get(account);
    labels.set(account, other === undefined ? "deployer" : `deployer, ${other}`);
  }
  return labels;
}

/** `0xAbc… (timelock)`: the address, named by `named` (what was expected) or else by `labels`. */
export function labelled(address: Address, labels: AddressLabels, named: readonly NamedAddress[] = []): string {
  const label = named.find((n) => isAddressEqual(n.address, address))?.name ?? labels.get(getAddress(address));
  return label === undefined ? address : `${address} (${label})`;
}

function holdersText(holders: readonly Address[], labels: AddressLabels, named: readonly NamedAddress[] = []): string {
  return holders.length === 0 ? "none" : holders.map((h) => labelled(h, labels, named)).join(", ");
}

/** The expectation in words, with `registeredOperator` resolved through `operators`. */
function expectedText(expected: ExpectedHolders, operators: ReadonlyMap<number, Address>, labels: AddressLabels): string {
  switch (expected.kind) {
    case "holders":
      return holdersText(expected.holders.map((n) => n.address), labels, expected.holders);
    case "registeredOperator": {
      const operator = operators.get(expected.chainId);
      return operator === undefined ? `the operator registered for chain ${expected.chainId} (unknown)` : labelled(operator, labels);
    }
    case "operatorKey":
      return "one operator key, not zero and not the deployer";
    case "value":
      return expected.value;
  }
}

function foundText(found: FoundHolders, labels: AddressLabels, named: readonly NamedAddress[]): string {
  if (found.kind === "holders") return holdersText(found.holders, labels, named);
  if (found.kind === "value") return found.value;
  return `unreadable: ${found.reason}`;
}

/**
 * Compares one power's answer with its expectation.
 *
 * @example
 * checkPower(power, { kind: "holders", holders: [governor, deployer] }, { operators, labels }).deviations.length // 1
 */
export function checkPower(
  power: ExpectedPower,
  found: FoundHolders,
  { operators, labels, deployer }: { operators: ReadonlyMap<number, Address>; labels: AddressLabels; deployer?: Address | undefined },
): PowerCheck {
  const expected = expectedText(power.expected, operators, labels);
  const named = power.expected.kind === "holders" ? power.expected.holders : [];
  const label = (address: Address) => labelled(address, labels, named);
  const list = (addresses: readonly Address[]) => holdersText(addresses, labels, named);
  const deviation = (foundPart: string, expectedPart: string, sentence: string): Deviation => ({
    chain: power.chain,
    contract: power.contract,
    address: power.address,
    power: power.power,
    found: foundPart,
    expected: expectedPart,
    message: `${power.chain.name}: ${power.contract} ${power.address} ${power.power}: ${sentence}`,
  });
  const result = (deviations: Deviation[]): PowerCheck => ({ power, found, foundText: foundText(found, labels, named), expectedText: expected, deviations });

  if (found.kind === "unreadable") return result([deviation(`unreadable: ${found.reason}`, expected, `could not be read (${found.reason}); expected ${expected}`)]);
  if (power.expected.kind === "value" || found.kind === "value") {
    const text = foundText(found, labels, named);
    return result(text === expected ? [] : [deviation(text, expected, `found ${text}, expected ${expected}`)]);
  }
  const holders = found.holders;
  if (power.expected.kind === "operatorKey") {
    const [operator] = holders;
    const bad = holders.length !== 1 || operator === undefined || isAddressEqual(operator, zeroAddress) || (deployer !== undefined && isAddressEqual(operator, deployer));
    const text = list(holders);
    return result(bad ? [deviation(text, expected, `held by ${text}, expected ${expected}`)] : []);
  }
  const wanted = power.expected.kind === "holders" ? named.map((n) => n.address) : [operators.get(power.expected.chainId)].filter((a): a is Address => a !== undefined);
  const has = (addresses: readonly Address[], a: Address) => addresses.some((b) => isAddressEqual(a, b));
  return result([
    ...holders.filter((h) => !has(wanted, h)).map((h) => deviation(label(h), expected, `held by ${label(h)}, expected ${expected}`)),
    ...wanted.filter((w) => !has(holders, w)).map((w) => deviation(list(holders), label(w), `${label(w)} does not hold it (held by ${list(holders)})`)),
  ]);
}

/**
 * The deviation for a manifest address that holds no code on its chain.
 *
 * @example
 * noCodeDeviation({ chain: hub, name: "contracts.token", address }).message // "hub: no code at 0x… (contracts.token)"
 */
export function noCodeDeviation(entry: ExpectedCode): Deviation {
  return {
    chain: entry.chain,
    contract: entry.name,
    address: entry.address,
    power: "code",
    found: "no code",
    expected: "code",
    message: `${entry.chain.name}: no code at ${entry.address} (${entry.name})`,
  };
}
