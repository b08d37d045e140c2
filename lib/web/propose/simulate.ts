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

/** Whether an account may propose, and if not, by how much it falls short. */
export type ProposerStanding =
  | { status: "eligible"; votes: bigint; threshold: bigint }
  | { status: "belowThreshold"; votes: bigint; threshold: bigint; shortfall: bigint };

/**
 * The account's votes against the governor's proposal threshold. The governor checks the votes of
 * `clock() - 1` in the block `propose` lands in: a later block than any delegation already mined,
 * with a timestamp at least one second later (an idle hub mines nothing until that transaction
 * arrives), so the votes the account holds now are the ones that count. Whether `propose` itself would pass is the simulation's job
 * (`estimateGas`), not a guess here.
 *
 * @example
 * proposerStanding({ votes: 0n, threshold: 100n }) // { status: "belowThreshold", votes: 0n, threshold: 100n, shortfall: 100n }
 */
export function proposerStanding({ votes, threshold }: { votes: bigint; threshold: bigint }): ProposerStanding {
  if (votes >= threshold) return { status: "eligible", votes, threshold };
  return { status: "belowThreshold", votes, threshold, shortfall: threshold - votes };
}

/**
 * Reads what {@link proposerStanding} needs in one round trip (two concurrent reads, batched):
 * the governor's proposal threshold and the account's current votes.
 *
 * @example
 * const standing = await readProposerStanding(client, { governor, token, account })
 */
export async function readProposerStanding(
  client: PublicClient,
  { governor, token, account }: { governor: Address; token: Address; account: Address },
): Promise<ProposerStanding> {
  const [threshold, votes] = await Promise.all([
    client.readContract({ address: governor, abi: superchainGovernorAbi, functionName: "proposalThreshold" }),
    client.readContract({ address: token, abi: superchainTokenAbi, functionName: "getVotes", args: [account] }),
  ]);
  return proposerStanding({ votes, threshold });
}
