import { formatGwei, type ContractFunctionReturnType } from "viem";

import { sequencerConfigRegistryAbi } from "../contracts/generated/SequencerConfigRegistry.ts";

/** The sequencer's governed parameters, typed from the registry's ABI. */
export type SequencerParameters = ContractFunctionReturnType<
  typeof sequencerConfigRegistryAbi,
  "pure",
  "parameterBounds"
>["min"];

export type ParameterName = keyof SequencerParameters;

/** Inclusive bounds, read from the contract (`parameterBounds()`), never retyped here. */
export type ParameterBounds = { min: SequencerParameters; max: SequencerParameters };

/**
 * The registry's configuration as `currentConfig` / `configAt` return it: the parameters, the
 * version that set them and when it took effect (unix seconds, `uint48`).
 */
export type RegistryConfig = ContractFunctionReturnType<typeof sequencerConfigRegistryAbi, "view", "currentConfig">;

/**
 * The contract's `OrderingPolicy` enum, by value: the one representation everywhere (proposals,
 * bounds, the sequencer, the operator tools). The ABI carries it as a plain `uint8`; a name is only
 * for text (see {@link orderingPolicyName}).
 */
export const OrderingPolicy = { Fifo: 0, PriorityFee: 1 } as const;
export type OrderingPolicy = (typeof OrderingPolicy)[keyof typeof OrderingPolicy];

/** Each policy's name where it is written as text (the sequencer's `/healthz`). */
const ORDERING_POLICY_NAMES = { [OrderingPolicy.Fifo]: "fifo", [OrderingPolicy.PriorityFee]: "priorityFee" } as const satisfies Record<
  OrderingPolicy,
  string
>;
export type OrderingPolicyName = (typeof ORDERING_POLICY_NAMES)[OrderingPolicy];
const POLICY_BY_NAME = Object.fromEntries(Object.entries(ORDERING_POLICY_NAMES).map(([value, name]) => [name, Number(value)])) as Record<
  OrderingPolicyName,
  OrderingPolicy
>;
/** Every policy name, in enum order (a schema's allowed values). */
export const ORDERING_POLICY_NAME_LIST = Object.values(ORDERING_POLICY_NAMES) as [OrderingPolicyName, ...OrderingPolicyName[]];

/**
 * A policy's name as text: `"fifo"`, `"priorityFee"`.
 *
 * @example
 * orderingPolicyName(OrderingPolicy.PriorityFee) // "priorityFee"
 */
export function orderingPolicyName(policy: OrderingPolicy): OrderingPolicyName {
  return ORDERING_POLICY_NAMES[policy];
}

/**
 * The policy a name stands for; the inverse of {@link orderingPolicyName}.
 *
 * @example
 * orderingPolicyFromName("fifo") // OrderingPolicy.Fifo
 */
export function orderingPolicyFromName(name: OrderingPolicyName): OrderingPolicy {
  return POLICY_BY_NAME[name];
}

/**
 * The policy an ABI `uint8` holds. The contract's enum cannot hold anything else; a value outside
 * it reads as FIFO, the order that needs nothing from the transactions.
 *
 * @example
 * orderingPolicyOf(config.parameters.orderingPolicy) // OrderingPolicy.Fifo
 */
export function orderingPolicyOf(value: number): OrderingPolicy {
  return value === OrderingPolicy.PriorityFee ? OrderingPolicy.PriorityFee : OrderingPolicy.Fifo;
}

/**
 * The parameters as a sequencer applies them: the registry's struct with its ordering policy
 * narrowed from `uint8` to the enum, so choosing a block order needs no fallback.
 */
export type AppliedParameters = Omit<SequencerParameters, "orderingPolicy"> & { orderingPolicy: OrderingPolicy };

/**
 * `parameters` with the ordering policy narrowed ({@link orderingPolicyOf}).
 *
 * @example
 * const applied = appliedParameters((await registry.read.currentConfig([901n])).parameters)
 */
export function appliedParameters(parameters: SequencerParameters): AppliedParameters {
  return { ...parameters, orderingPolicy: orderingPolicyOf(parameters.orderingPolicy) };
}

/** A versioned configuration, activation widened to a bigint (unix seconds): what both the hub and a sequencer report. */
export interface VersionedParameters<P extends SequencerParameters = SequencerParameters> {
  version: RegistryConfig["version"];
  /** Unix seconds. */
  activatedAt: bigint;
  parameters: P;
}

/** A configuration as a sequencer applies it, flat: its version and activation beside the applied parameters. */
export type AppliedConfig = Omit<VersionedParameters, "parameters"> & AppliedParameters;

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

/** Each parameter's width in bits, read from the ABI's `Parameters` struct (`uint32` → 32). */
const PARAMETER_BITS: Record<string, number> = Object.fromEntries(
  sequencerConfigRegistryAbi
    .filter((item) => item.type === "function" && item.name === "scheduleParameters")
    .flatMap((item) => ("inputs" in item ? item.inputs : []))
    .flatMap((input) => ("components" in input ? input.components : []))
    .map((field) => [field.name, Number(field.type.replace("uint", ""))]),
);

/**
 * A parameter's value in the type viem gives its ABI field: a bigint for a field wider than 48 bits
 * (`uint64`), a number otherwise, so a form's value needs no hand list of which field is which.
 *
 * @example
 * parameterValue("maxBlockGas", 30_000_000n) // 30000000n
 * parameterValue("blockTimeMs", 2_000n) // 2000
 */
export function parameterValue<N extends ParameterName>(name: N, value: bigint): SequencerParameters[N] {
  return ((PARAMETER_BITS[name] ?? 256) > 48 ? value : Number(value)) as SequencerParameters[N];
}

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
