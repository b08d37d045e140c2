import type { Address, PublicClient } from "viem";

import { superchainGovernorAbi, superchainTokenAbi } from "../../contracts/index.ts";
import type { ProposalInput } from "../../governance/index.ts";
import { explainError, type ExplainedError } from "../errors.ts";

export type CallOutcome = { ok: true } | { ok: false; error: ExplainedError };

export interface ProposalSimulation {
  /** Each call of the proposal run as the timelock will run it, against the current state. */
  calls: CallOutcome[];
  /** `propose` itself from the connected account: its gas, or why the governor would refuse it. */
  propose?: { ok: true; gas: bigint } | { ok: false; error: ExplainedError };
  /** Every call succeeded (and `propose` too, when it was checked). */
  ok: boolean;
}

export interface SimulateProposalParameters {
  input: ProposalInput;
  governor: Address;
  timelock: Address;
  /** The account that will sign `propose`; without one only the execution is simulated. */
  proposer?: Address | undefined;
}

/**
 * Runs the proposal before anyone signs it: each call as an `eth_call` from the timelock (who
 * executes passed proposals) against the current state, and `propose` as a gas estimate from the
 * proposer. Failures come back as the contract's custom error explained, never thrown.
 *
 * Each call is checked on its own: a call that depends on an earlier one of the same proposal
 * (e.g. parameters for a chain the proposal adds) reports the error it would meet today.
 *
 * @example
 * const simulation = await simulateProposal(client, { input, governor, timelock, proposer })
 * simulation.calls[0] // { ok: false, error: { name: "SequencerConfigParameterOutOfBounds", sentence: "…" } }
 */
export async function simulateProposal(client: PublicClient, parameters: SimulateProposalParameters): Promise<ProposalSimulation> {
  const { input, governor, timelock, proposer } = parameters;
  const calls = Promise.all(
    input.targets.map(async (to, i): Promise<CallOutcome> => {
      try {
        await client.call({ account: timelock, to, data: input.calldatas[i]!, value: input.values[i] ?? 0n });
        return { ok: true };
      } catch (error) {
        return { ok: false, error: explainError(error) };
      }
    }),
  );
  const propose = proposer
    ? client
        .estimateContractGas({
          address: governor,
          abi: superchainGovernorAbi,
          functionName: "propose",
          args: [input.targets, input.values, input.calldatas, input.description],
          account: proposer,
        })
        .then((gas) => ({ ok: true as const, gas }), (error: unknown) => ({ ok: false as const, error: explainError(error) }))
    : undefined;
  const [callOutcomes, proposeOutcome] = await Promise.all([calls, propose]);
  return {
    calls: callOutcomes,
    ...(proposeOutcome ? { propose: proposeOutcome } : {}),
    ok: callOutcomes.every((call) => call.ok) && (proposeOutcome?.ok ?? true),
  };
}

/** Whether an account may propose now, and if not, why. */
export type ProposerStanding =
  | { status: "eligible"; votes: bigint; threshold: bigint }
  /** Enough votes now, but the governor counts the votes of the previous second: wait for the next block. */
  | { status: "tooRecent"; votes: bigint; currentVotes: bigint; threshold: bigint }
  | { status: "belowThreshold"; votes: bigint; currentVotes: bigint; threshold: bigint; shortfall: bigint };

/**
 * The governor checks `getVotes(proposer, clock() - 1)` against `proposalThreshold()`: votes
 * delegated in the current second do not count yet.
 *
 * @example
 * proposerStanding({ pastVotes: 0n, currentVotes: 0n, threshold: 100n }) // { status: "belowThreshold", shortfall: 100n, … }
 */
export function proposerStanding({ pastVotes, currentVotes, threshold }: { pastVotes: bigint; currentVotes: bigint; threshold: bigint }): ProposerStanding {
  if (pastVotes >= threshold) return { status: "eligible", votes: pastVotes, threshold };
  if (currentVotes >= threshold) return { status: "tooRecent", votes: pastVotes, currentVotes, threshold };
  return { status: "belowThreshold", votes: pastVotes, currentVotes, threshold, shortfall: threshold - pastVotes };
}

/**
 * Reads what {@link proposerStanding} needs in two round trips (the second depends on the
 * governor's clock): the threshold, the clock, the account's current votes, then its votes at
 * `clock() - 1`, the timepoint `propose` checks.
 */
export async function readProposerStanding(
  client: PublicClient,
  { governor, token, account }: { governor: Address; token: Address; account: Address },
): Promise<ProposerStanding> {
  const [clock, threshold, currentVotes] = await Promise.all([
    client.readContract({ address: governor, abi: superchainGovernorAbi, functionName: "clock" }),
    client.readContract({ address: governor, abi: superchainGovernorAbi, functionName: "proposalThreshold" }),
    client.readContract({ address: token, abi: superchainTokenAbi, functionName: "getVotes", args: [account] }),
  ]);
  const pastVotes = await client.readContract({
    address: governor,
    abi: superchainGovernorAbi,
    functionName: "getVotes",
    args: [account, BigInt(clock) - 1n],
  });
  return proposerStanding({ pastVotes, currentVotes, threshold });
}
