import { formatGwei, type ContractFunctionReturnType } from "viem";

import type { sequencerConfigRegistryAbi } from "../contracts/index.ts";

/** The sequencer's governed parameters, typed from the registry's ABI. */
export type SequencerParameters = ContractFunctionReturnType<
  typeof sequencerConfigRegistryAbi,
  "pure",
  "parameterBounds"
>["min"];

export type ParameterName = keyof SequencerParameters;

/** Inclusive bounds, read from the contract (`parameterBounds()`), never retyped here. */
export type ParameterBounds = { min: SequencerParameters; max: SequencerParameters };

export const OrderingPolicy = { Fifo: 0, PriorityFee: 1 } as const;
export type OrderingPolicy = (typeof OrderingPolicy)[keyof typeof OrderingPolicy];

/**
 * Field order in the contract's `Parameters` struct: bit i of a change's mask is field i.
 * This is ABI layout (checked against the ABI in tests), not a second copy of any bound.
 */
export const PARAMETER_NAMES = [
  "blockTimeMs",
  "maxTxPerBlock",
  "maxBlockGas",
  "orderingPolicy",
  "minPriorityFeeWei",
  "maxTxBytes",
  "maxPendingPerSender",
  "commitmentInterval",
] as const satisfies readonly ParameterName[];

const integer = new Intl.NumberFormat("en-US");

/** How each parameter reads in a sentence: its label and its value with a unit. */
export const PARAMETER_LABELS: Record<ParameterName, { label: string; format: (value: bigint | number) => string }> = {
  blockTimeMs: { label: "block time", format: (v) => `${integer.format(v)} ms` },
  maxTxPerBlock: { label: "max transactions per block", format: (v) => integer.format(v) },
  maxBlockGas: { label: "max block gas", format: (v) => integer.format(v) },
  orderingPolicy: {
    label: "ordering policy",
    format: (v) => (Number(v) === OrderingPolicy.PriorityFee ? "priority fee" : "FIFO"),
  },
  minPriorityFeeWei: { label: "minimum priority fee", format: (v) => `${formatGwei(BigInt(v))} gwei` },
  maxTxBytes: { label: "max transaction size", format: (v) => `${integer.format(v)} bytes` },
  maxPendingPerSender: { label: "max pending transactions per sender", format: (v) => integer.format(v) },
  commitmentInterval: { label: "commitment interval", format: (v) => `${integer.format(v)} blocks` },
};

/** The mask of a partial parameter set: bit i set when field i is present. */
export function parameterMask(changes: Partial<SequencerParameters>): number {
  return PARAMETER_NAMES.reduce((mask, name, i) => (changes[name] === undefined ? mask : mask | (1 << i)), 0);
}

/** The fields a mask selects from a full parameter struct. */
export function pickMasked(parameters: SequencerParameters, mask: number): Partial<SequencerParameters> {
  const picked: Partial<Record<ParameterName, unknown>> = {};
  PARAMETER_NAMES.forEach((name, i) => {
    if (mask & (1 << i)) picked[name] = parameters[name];
  });
  return picked as Partial<SequencerParameters>;
}

/** A full struct from a partial one, unspecified fields zero (the contract ignores them by mask). */
export function fillParameters(changes: Partial<SequencerParameters>): SequencerParameters {
  return {
    blockTimeMs: changes.blockTimeMs ?? 0,
    maxTxPerBlock: changes.maxTxPerBlock ?? 0,
    maxBlockGas: changes.maxBlockGas ?? 0n,
    orderingPolicy: changes.orderingPolicy ?? 0,
    minPriorityFeeWei: changes.minPriorityFeeWei ?? 0n,
    maxTxBytes: changes.maxTxBytes ?? 0,
    maxPendingPerSender: changes.maxPendingPerSender ?? 0,
    commitmentInterval: changes.commitmentInterval ?? 0,
  };
}

export interface ParameterViolation {
  name: ParameterName;
  value: bigint;
  min: bigint;
  max: bigint;
}

/** Every field of `changes` outside `bounds`: what a form shows before anything is signed. */
export function checkParameters(changes: Partial<SequencerParameters>, bounds: ParameterBounds): ParameterViolation[] {
  return PARAMETER_NAMES.flatMap((name) => {
    const raw = changes[name];
    if (raw === undefined) return [];
    const value = BigInt(raw);
    const min = BigInt(bounds.min[name]);
    const max = BigInt(bounds.max[name]);
    return value < min || value > max ? [{ name, value, min, max }] : [];
  });
}
