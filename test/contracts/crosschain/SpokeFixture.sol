// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {HubStateOracle} from "../../../contracts/crosschain/HubStateOracle.sol";
import {IRootOracle} from "../../../contracts/crosschain/IRootOracle.sol";
import {OutputOracle} from "../../../contracts/crosschain/OutputOracle.sol";
import {RootSettings} from "../../../contracts/crosschain/RootSettings.sol";
import {SpokeToken} from "../../../contracts/crosschain/SpokeToken.sol";
import {SpokeVoteAggregator} from "../../../contracts/crosschain/SpokeVoteAggregator.sol";
import {SpokeVotePool} from "../../../contracts/crosschain/SpokeVotePool.sol";
import {Tally} from "../../../contracts/crosschain/SpokeTally.sol";
import {StubStateProofVerifier} from "../../../contracts/mocks/StubStateProofVerifier.sol";
import {IMemberChainRegistry} from "../../../contracts/sequencer/IMemberChainRegistry.sol";
import {ISequencerConfigRegistry} from "../../../contracts/sequencer/ISequencerConfigRegistry.sol";
import {MemberChainRegistry} from "../../../contracts/sequencer/MemberChainRegistry.sol";
import {SequencerConfigRegistry} from "../../../contracts/sequencer/SequencerConfigRegistry.sol";
import {SequencerParameters} from "../../../contracts/sequencer/SequencerParameters.sol";
import {GovernanceFixture} from "../governance/GovernanceFixture.sol";

/// @dev The one cheatcode these tests need beyond utils/Vm.sol: a raw storage read.
interface VmLoad {
    function load(address target, bytes32 slot) external view returns (bytes32);
}

/**
 * @notice The hub governance stack plus one member chain ("base", 901) wired for cross-chain
 * voting: OutputOracle over a MemberChainRegistry and RootSettings (the council is the governor's
 * guardian), a HubStateOracle, and base's SpokeVotePool (appointed by governance), SpokeToken and
 * SpokeVoteAggregator, all on one test chain. Roots have a {CHALLENGE} window: the commit helpers
 * wait it out; the `_post*` helpers do not.
 *
 * Proofs are declared to a {StubStateProofVerifier}: a helper reads the real record from the
 * writing contract's storage (`vm.load` at the slot the reading contract will ask for) and declares
 * it in a state root it posts, so the slot derivation on both sides is exercised for real; the
 * tries themselves are the TypeScript tests' business.
 */
abstract contract SpokeFixture is GovernanceFixture {
    uint256 internal constant BASE = 901;
    uint48 internal constant CLOSING_MARGIN = 1 hours;
    uint32 internal constant CHALLENGE = 10 minutes;
    VmLoad internal constant vmLoad = VmLoad(address(uint160(uint256(keccak256("hevm cheat code")))));

    address internal baseOperator = address(0x0901);
    address internal hubPoster = address(0x0905);

    MemberChainRegistry internal chains;
    RootSettings internal settings;
    OutputOracle internal outputs;
    HubStateOracle internal hubStates;
    StubStateProofVerifier internal verifier;
    SpokeVotePool internal pool;
    SpokeToken internal spokeToken;
    SpokeVoteAggregator internal aggregator;

    uint256 private _hubBlock;
    uint256 private _spokeBlock;

    function setUp() public virtual override {
        super.setUp();
        IMemberChainRegistry.InitialChain[] memory initial = new IMemberChainRegistry.InitialChain[](1);
        initial[0] = IMemberChainRegistry.InitialChain(BASE, "base-local", baseOperator);
        chains = new MemberChainRegistry(initial);
        IRootOracle.RootRules memory rules = IRootOracle.RootRules(CHALLENGE, 10_000);
        SequencerConfigRegistry registry = new SequencerConfigRegistry(
            chains,
            address(timelock),
            guardian,
            SequencerParameters.bounds().min,
            1 hours,
            7 days
        );
        settings = new RootSettings(chains, registry, rules, rules, 1);
        outputs = new OutputOracle(chains, ISequencerConfigRegistry(address(0)), settings);
        verifier = new StubStateProofVerifier();
        hubStates = new HubStateOracle(verifier, address(settings), IRootOracle.MemberRoles(hubPoster, guardian, rules), 0);

        pool = new SpokeVotePool(token, governor, outputs, verifier, BASE, address(this));
        spokeToken = new SpokeToken("Superchain on base", "SUPb", address(pool), hubStates, verifier);
        aggregator = new SpokeVoteAggregator(spokeToken, address(governor), hubStates, verifier, CLOSING_MARGIN);
        pool.bindSpoke(address(spokeToken), address(aggregator));
        _governanceExecutes(address(governor), abi.encodeCall(governor.setVoteSource, (BASE, address(pool))), "base pool");
    }

    /// @dev Deposits `amount` of `from`'s hub tokens for `recipient` on base.
    function _deposit(address from, uint256 amount, address recipient) internal returns (uint256 depositId) {
        vm.startPrank(from);
        token.approve(address(pool), amount);
        depositId = pool.deposit(amount, recipient);
        vm.stopPrank();
    }

    /// @dev Commits a new hub state holding the record at `slot` of `account` as it is now, and waits
    /// out its challenge window; returns its block number.
    function _commitHub(address account, bytes32 slot) internal returns (uint256 hubBlockNumber) {
        hubBlockNumber = _postHub(account, slot, vmLoad.load(account, slot));
        vm.warp(block.timestamp + CHALLENGE);
    }

    /// @dev Posts a new hub state declaring `value` at `slot` of `account` (true or forged); returns its block number.
    function _postHub(address account, bytes32 slot, bytes32 value) internal returns (uint256 hubBlockNumber) {
        hubBlockNumber = ++_hubBlock;
        bytes32 root = _hubRoot(hubBlockNumber);
        verifier.setStorage(root, account, slot, value);
        vm.prank(hubPoster);
        hubStates.postHubState(hubBlockNumber, keccak256(abi.encode("hub block", hubBlockNumber)), root, uint48(block.timestamp));
    }

    /// @dev Commits a new base output holding the record at `slot` of `account` as it is now, and
    /// waits out its challenge window; returns its block number.
    function _commitSpoke(address account, bytes32 slot) internal returns (uint256 blockNumber) {
        blockNumber = _postSpoke(account, slot, vmLoad.load(account, slot));
        vm.warp(block.timestamp + CHALLENGE);
    }

    /// @dev Posts a new base output declaring `value` at `slot` of `account` (true or forged); returns its block number.
    function _postSpoke(address account, bytes32 slot, bytes32 value) internal returns (uint256 blockNumber) {
        blockNumber = ++_spokeBlock;
        bytes32 root = _spokeRoot(blockNumber);
        verifier.setStorage(root, account, slot, value);
        vm.prank(baseOperator);
        outputs.postOutput(BASE, blockNumber, keccak256(abi.encode("base block", blockNumber)), root, 1, uint48(block.timestamp));
    }

    function _hubRoot(uint256 hubBlockNumber) internal pure returns (bytes32) {
        return keccak256(abi.encode("hub", hubBlockNumber));
    }

    function _spokeRoot(uint256 blockNumber) internal pure returns (bytes32) {
        return keccak256(abi.encode("base", blockNumber));
    }

    /// @dev Deposits on the hub and finalizes on base: `recipient` holds `amount` spoke tokens, self-delegated.
    function _bridge(address from, uint256 amount, address recipient) internal {
        uint256 depositId = _deposit(from, amount, recipient);
        uint256 hubBlock = _commitHub(address(pool), pool.depositSlot(depositId));
        spokeToken.finalizeDeposit(depositId, recipient, amount, hubBlock, new bytes[](0), new bytes[](0));
        vm.prank(recipient);
        spokeToken.delegate(recipient);
    }

    /// @dev A proposal on the hub, learnt on base.
    function _proposeAndLearn(string memory description) internal returns (uint256 proposalId) {
        proposalId = _propose(address(token), abi.encodeCall(token.symbol, ()), description);
        uint256 hubBlock = _commitHub(address(governor), aggregator.proposalSlot(proposalId));
        aggregator.learnProposal(proposalId, hubBlock, new bytes[](0), new bytes[](0));
    }

    /// @dev Commits base's current tally for `proposalId` and relays it.
    function _relay(uint256 proposalId) internal returns (Tally memory counted) {
        uint256 blockNumber = _commitSpoke(address(aggregator), aggregator.tallySlot(proposalId));
        counted = pool.relayTally(proposalId, blockNumber, _spokeTally(proposalId), new bytes[](0), new bytes[](0));
    }

    function _spokeTally(uint256 proposalId) internal view returns (Tally memory tally) {
        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = aggregator.proposalVotes(proposalId);
        tally = Tally(uint128(againstVotes), uint128(forVotes), uint128(abstainVotes));
    }

    function _spokeVote(address voter, uint256 proposalId, uint8 support) internal returns (uint256 weight) {
        vm.prank(voter);
        weight = aggregator.castVote(proposalId, support);
    }
}
