/**
 * The hub of a superchain deployment: governance (token, timelock, governor), the sequencer's
 * registries, root settings and the output oracle, wired as production. The governor is the
 * timelock's only proposer and canceller, execution is open, the council Safe (a parameter: an
 * existing Safe, or one `superchain deploy` created through protocol-kit) is the governor's
 * proposal guardian and the registries' council, and the deployer renounces the timelock's admin
 * role last. Only the token's initial supply stays with the deployer (`supplyHolder` moves it).
 *
 * Parameters (module `Hub`): see {@link HubParameters} in lib/deploy/parameters.ts.
 */
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { keccak256, toBytes, zeroAddress, zeroHash } from "viem";

const PROPOSER_ROLE = keccak256(toBytes("PROPOSER_ROLE"));
const CANCELLER_ROLE = keccak256(toBytes("CANCELLER_ROLE"));

export default buildModule("Hub", (m) => {
  const deployer = m.getAccount(0);
  const council = m.getParameter<string>("council");
  const members = m.getParameter("members");
  const token = m.contract("SuperchainToken", [
    m.getParameter("tokenName"),
    m.getParameter("tokenSymbol"),
    m.getParameter("supplyHolder", deployer),
    m.getParameter("tokenSupply"),
  ]);
  const timelock = m.contract("SuperchainTimelock", [m.getParameter("timelockDelay"), [], [zeroAddress], deployer]);
  const governor = m.contract("SuperchainGovernor", [token, timelock, council, m.getParameter("governor")]);
  const memberChains = m.contract("MemberChainRegistry", [members]);
  const sequencerConfig = m.contract("SequencerConfigRegistry", [
    memberChains,
    timelock,
    council,
    m.getParameter("sequencerDefaults"),
    m.getParameter("minActivationDelay"),
    m.getParameter("approvalWindow"),
  ]);
  const rootSettings = m.contract("RootSettings", [
    memberChains,
    sequencerConfig,
    m.getParameter("outputRules"),
    m.getParameter("hubStateRules"),
    m.getParameter("minChallengeWindow"),
  ]);
  const outputOracle = m.contract("OutputOracle", [memberChains, sequencerConfig, rootSettings]);

  // Spends the deployer's one-shot binding: from here on only changes both parties approved reach the member chains.
  m.call(memberChains, "setChangeApplier", [sequencerConfig]);
  const proposer = m.call(timelock, "grantRole", [PROPOSER_ROLE, governor], { id: "grantProposer" });
  const canceller = m.call(timelock, "grantRole", [CANCELLER_ROLE, governor], { id: "grantCanceller" });
  m.call(timelock, "renounceRole", [zeroHash, deployer], { id: "renounceAdmin", after: [proposer, canceller] });

  return { token, timelock, governor, memberChains, sequencerConfig, rootSettings, outputOracle };
});
