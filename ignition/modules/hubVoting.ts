/**
 * Cross-chain voting on the hub: the StateProofVerifier that proves member-chain state, one
 * SpokeVotePool per member chain (with the hub's own contracts, which it uses) (the chain's token escrow and vote source), and — once the
 * members' contracts exist — each pool bound to them. The deployer is each pool's one-shot binder.
 * Built per deployment, since the members are known only from its parameters.
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

import Hub from "./Hub.ts";

/** The hub's verifier and a pool per member chain (`SpokeVotePool_<chainId>`). */
export function hubVotingModule(memberChainIds: readonly number[]) {
  return buildModule("HubVoting", (m) => {
    const hub = m.useModule(Hub);
    const { token, governor, outputOracle } = hub;
    const verifier = m.contract("StateProofVerifier");
    const pools = memberChainIds.map((chainId) =>
      m.contract("SpokeVotePool", [token, governor, outputOracle, verifier, BigInt(chainId), m.getAccount(0)], { id: `SpokeVotePool_${chainId}` }),
    );
    return { ...hub, verifier, ...Object.fromEntries(pools.map((pool, i) => [`pool_${memberChainIds[i]}`, pool])) };
  });
}

/** Each member chain's pool bound to its SpokeToken and SpokeVoteAggregator (parameters `<chainId>`: pool, token, aggregator). */
export function poolBindingsModule(memberChainIds: readonly number[]) {
  return buildModule("PoolBindings", (m) => {
    for (const chainId of memberChainIds) {
      const pool = m.contractAt("SpokeVotePool", m.getParameter(`pool_${chainId}`), { id: `SpokeVotePool_${chainId}` });
      m.call(pool, "bindSpoke", [m.getParameter(`token_${chainId}`), m.getParameter(`aggregator_${chainId}`)], { id: `bindSpoke_${chainId}` });
    }
    return {};
  });
}
