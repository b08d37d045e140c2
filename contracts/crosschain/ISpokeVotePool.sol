// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import {IOutputOracle} from "./IOutputOracle.sol";
import {IStateProofVerifier} from "./proofs/IStateProofVerifier.sol";
import {Tally} from "./SpokeTally.sol";

/**
 * @title ISpokeVotePool
 * @notice On the hub, one per member chain: the chain's token escrow and its vote source.
 *
 * - **Escrow.** Holders {deposit} hub tokens for the member chain; the pool stores a commitment
 *   per deposit that the chain's SpokeToken proves against a hub state root to mint there. Tokens
 *   come back by {finalizeWithdrawal}, proving the SpokeToken's withdrawal record against the
 *   chain's output committed in the OutputOracle.
 * - **Vote source.** The pool delegates its whole balance to itself, so escrowed tokens vote once,
 *   through the pool. {relayTally} proves the chain's SpokeVoteAggregator tally for a proposal
 *   against a committed output and casts only its increase since the last relay, as fractional
 *   votes, which the governor counts under this chain's id.
 *
 * Everything is permissionless except {bindSpoke}, which the deployer-appointed binder calls once
 * to name the member-chain contracts (they are deployed after the pool, which they must know).
 * Each state change emits an event from which the pool's state can be rebuilt.
 */
interface ISpokeVotePool {
    /// @notice `sender` locked `amount` for `recipient` on the member chain, as deposit `depositId`.
    event DepositInitiated(uint256 indexed depositId, address indexed sender, address indexed recipient, uint256 amount);

    /// @notice Withdrawal `withdrawalId` of the member chain released `amount` to `recipient`,
    /// proven at the chain's block `blockNumber`.
    event WithdrawalFinalized(
        uint256 indexed withdrawalId,
        address indexed recipient,
        uint256 amount,
        uint256 blockNumber
    );

    /**
     * @notice The chain's tally for `proposalId`, proven at its block `blockNumber`, was relayed:
     * the totals are now counted on the hub (the governor's `ChainVotesCounted` has the increase).
     */
    event TallyRelayed(
        uint256 indexed proposalId,
        uint256 indexed blockNumber,
        uint256 againstVotes,
        uint256 forVotes,
        uint256 abstainVotes
    );

    /// @notice The member-chain contracts this pool proves against were named.
    event SpokeBound(address indexed spokeToken, address indexed spokeAggregator);

    /// @notice Deposits go only to a member chain whose removal is not approved; withdrawals keep working.
    error SpokeVotePoolChainNotListed(uint256 chainId);
    /// @notice A deposit must move a non-zero amount.
    error SpokeVotePoolZeroAmount();
    /// @notice Tokens cannot be sent to the zero address.
    error SpokeVotePoolInvalidRecipient(address recipient);
    /// @notice Only the binder may name the member-chain contracts.
    error SpokeVotePoolNotBinder(address caller, address binder);
    /// @notice The member-chain contracts were already named; they never change.
    error SpokeVotePoolAlreadyBound(address spokeToken, address spokeAggregator);
    /// @notice Neither member-chain contract may be the zero address.
    error SpokeVotePoolInvalidSpoke(address spokeToken, address spokeAggregator);
    /// @notice The member-chain contracts are not named yet: nothing can be proven.
    error SpokeVotePoolNotBound();
    /// @notice Withdrawal `withdrawalId` was already released.
    error SpokeVotePoolWithdrawalAlreadyFinalized(uint256 withdrawalId);
    /// @notice The proven withdrawal record is not `keccak256(abi.encode(recipient, amount))` of the claim.
    error SpokeVotePoolWithdrawalMismatch(uint256 withdrawalId, bytes32 proven, bytes32 claimed);
    /// @notice The pool is not the governor's vote source for its chain (`voteSource` is): the
    /// governor does not know this chain as a voting member chain, or appointed another pool.
    error SpokeVotePoolNotVoteSource(uint256 chainId, address voteSource);
    /// @notice The proven tally record is not the commitment of the claimed tally.
    error SpokeVotePoolTallyMismatch(uint256 proposalId, bytes32 proven, bytes32 claimed);
    /// @notice The proven tally is below the one already relayed in some component: it is stale.
    error SpokeVotePoolStaleTally(uint256 proposalId, Tally relayed, Tally proven);
    /// @notice The proven tally equals the one already relayed: there is nothing to count.
    error SpokeVotePoolTallyUnchanged(uint256 proposalId);

    /**
     * @notice Locks `amount` hub tokens (pulled from the caller, who must have approved the pool)
     * for `recipient` on the member chain. Anyone may then finalize the deposit there. Refused
     * once the chain's removal is approved ({IMemberChainRegistry-isListed}).
     * @return depositId The deposit's id: its commitment sits at {depositSlot}`(depositId)`.
     */
    function deposit(uint256 amount, address recipient) external returns (uint256 depositId);

    /**
     * @notice Releases withdrawal `withdrawalId` of the member chain: `amount` tokens to
     * `recipient`, proven by the SpokeToken's record against the chain's output at `blockNumber`
     * in the OutputOracle. Anyone may call; each withdrawal is released at most once.
     * @param accountProof `eth_getProof(spokeToken, [withdrawalSlot], blockNumber).accountProof` on the member chain.
     * @param storageProof The slot's `storageProof[0].proof`.
     */
    function finalizeWithdrawal(
        uint256 withdrawalId,
        address recipient,
        uint256 amount,
        uint256 blockNumber,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external;

    /**
     * @notice Relays the member chain's tally for `proposalId`: proves the SpokeVoteAggregator's
     * tally commitment against the chain's output at `blockNumber` and casts what `tally` adds
     * to the last relayed tally as fractional votes. Anyone may call. Refused when the tally is
     * unchanged ({SpokeVotePoolTallyUnchanged}) or stale ({SpokeVotePoolStaleTally}), and by the
     * governor when the proposal is not active.
     * @param tally The aggregator's tally for the proposal at `blockNumber` (its `proposalVotes`).
     * @param accountProof `eth_getProof(spokeAggregator, [tallySlot], blockNumber).accountProof` on the member chain.
     * @param storageProof The slot's `storageProof[0].proof`.
     * @return counted What this relay added to the chain's tally on the hub.
     */
    function relayTally(
        uint256 proposalId,
        uint256 blockNumber,
        Tally calldata tally,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external returns (Tally memory counted);

    /**
     * @notice Names the member chain's SpokeToken and SpokeVoteAggregator. Only the binder, once.
     */
    function bindSpoke(address spokeToken, address spokeAggregator) external;

    /// @notice The member chain this pool serves.
    function chainId() external view returns (uint256);

    /// @notice The hub token escrowed here.
    function token() external view returns (IERC20);

    /// @notice The hub governor the pool votes on.
    function governor() external view returns (IGovernor);

    /// @notice The hub's record of member-chain outputs, against which withdrawals and tallies are proven.
    function outputOracle() external view returns (IOutputOracle);

    /// @notice The state-proof verifier.
    function verifier() external view returns (IStateProofVerifier);

    /// @notice The account allowed to call {bindSpoke}, which succeeds only once.
    function binder() external view returns (address);

    /// @notice The member chain's SpokeToken, or zero before {bindSpoke}.
    function spokeToken() external view returns (address);

    /// @notice The member chain's SpokeVoteAggregator, or zero before {bindSpoke}.
    function spokeAggregator() external view returns (address);

    /// @notice How many deposits were made; deposit ids run from 0 to `depositCount() - 1`.
    function depositCount() external view returns (uint256);

    /// @notice Deposit `depositId`'s commitment `keccak256(abi.encode(recipient, amount))`, zero if none.
    function depositCommitment(uint256 depositId) external view returns (bytes32);

    /// @notice The storage slot holding deposit `depositId`'s commitment, to request its proof.
    function depositSlot(uint256 depositId) external pure returns (bytes32);

    /// @notice Whether withdrawal `withdrawalId` of the member chain was released.
    function isWithdrawalFinalized(uint256 withdrawalId) external view returns (bool);

    /**
     * @notice The tally last relayed for `proposalId` (what the governor counts for this chain),
     * the member-chain block it was proven at and the hub timestamp of the relay; all zero if
     * never relayed.
     */
    function relayedTally(
        uint256 proposalId
    ) external view returns (Tally memory tally, uint64 blockNumber, uint48 relayedAt);
}
