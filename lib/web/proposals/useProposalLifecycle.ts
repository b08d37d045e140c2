"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";
import type { Address } from "viem";

import { superchainGovernorAbi } from "../../contracts/index.ts";
import { useTransaction } from "../useTransaction.ts";
import type { ProposalCallArgs } from "./detail.ts";

/** The governor's lifecycle writes on a proposal: anyone queues and executes; the proposer cancels while it is pending. */
export type LifecycleStep = "queue" | "execute" | "cancel";

export interface UseProposalLifecycleParameters {
  hubChainId: number;
  governor: Address;
  /** The proposal's call, which `queue`, `execute` and `cancel` all take. */
  call: ProposalCallArgs;
}

/**
 * One lifecycle write on a proposal (`queue`, `execute` or `cancel`) from the connected wallet, on
 * the hub, through `useTransaction`: simulated first, so a call the governor or the timelock would
 * refuse (a delay not yet over, a proposal no longer pending, another account than the proposer)
 * is explained before the wallet is asked anything. The page's server data is read again once it
 * confirms.
 *
 * @example
 * const lifecycle = useProposalLifecycle({ hubChainId: 900, governor, call })
 * await lifecycle.run("cancel")
 */
export function useProposalLifecycle({ hubChainId, governor, call }: UseProposalLifecycleParameters) {
  const router = useRouter();
  const { state, send, busy, reset } = useTransaction();

  const run = useCallback(
    async (step: LifecycleStep): Promise<boolean> => {
      const args = [call.targets, call.values.map(BigInt), call.calldatas, call.descriptionHash] as const;
      const ok = await send({ chainId: hubChainId, address: governor, abi: superchainGovernorAbi, functionName: step, args });
      if (ok) router.refresh();
      return ok;
    },
    [send, hubChainId, governor, call, router],
  );

  return { state, busy, reset, run };
}
