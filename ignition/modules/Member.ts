/**
 * One member chain's contracts, deployed on that chain: its StateProofVerifier, the HubStateOracle
 * (no owner: its first roles are what the hub's RootSettings publishes for the chain, its anchor a
 * hub block; later roles change only by proof of the hub's publication), and cross-chain voting —
 * the SpokeToken minted by proof of deposits into the chain's pool on the hub, and the
 * SpokeVoteAggregator where its delegates vote.
 *
 * Parameters (module `Member`): rootSettings, roles, anchor (from the hub), pool, governor (hub
 * addresses), tokenName, tokenSymbol, closingMargin.
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";

export default buildModule("Member", (m) => {
  const verifier = m.contract("StateProofVerifier");
  const hubStateOracle = m.contract("HubStateOracle", [verifier, m.getParameter("rootSettings"), m.getParameter("roles"), m.getParameter("anchor")]);
  const spokeToken = m.contract("SpokeToken", [m.getParameter("tokenName"), m.getParameter("tokenSymbol"), m.getParameter("pool"), hubStateOracle, verifier]);
  const aggregator = m.contract("SpokeVoteAggregator", [spokeToken, m.getParameter("governor"), hubStateOracle, verifier, m.getParameter("closingMargin")]);
  return { verifier, hubStateOracle, spokeToken, aggregator };
});
