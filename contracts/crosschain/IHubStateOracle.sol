// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title IHubStateOracle
 * @notice On each member chain: recent state roots of the hub, posted by the shared sequencer (the
 * chain's operator). Member chains have no registry, so the poster is an address set at deployment
 * and replaced by the owner. Hub block numbers strictly increase; cross-chain proofs (deposits,
 * proposals learnt from the hub governor) verify hub storage against a state root kept here.
 */
interface IHubStateOracle {
    /// @notice One committed hub block.
    struct HubState {
        uint64 blockNumber;
        /// @dev The hub's block timestamp.
        uint48 blockTimestamp;
        /// @dev This chain's timestamp at which the state was posted.
        uint48 postedAt;
        bytes32 blockHash;
        bytes32 stateRoot;
    }

    /// @notice Hub state number `index` (oldest first) was committed.
    event HubStatePosted(
        uint256 indexed hubBlockNumber,
        uint256 indexed index,
        bytes32 hubBlockHash,
        bytes32 hubStateRoot,
        uint48 hubBlockTimestamp
    );
    event PosterUpdated(address indexed previousPoster, address indexed newPoster);

    /// @notice The caller is not the poster.
    error HubStateOracleNotPoster(address caller, address poster);
    /// @notice The poster cannot be the zero address.
    error HubStateOracleInvalidPoster(address poster);
    /// @notice Hub block numbers must strictly increase.
    error HubStateOracleBlockNotIncreasing(uint256 hubBlockNumber, uint256 latestHubBlockNumber);
    /// @notice The block hash and the state root must both be non-zero.
    error HubStateOracleZeroRoot(bytes32 hubBlockHash, bytes32 hubStateRoot);
    /// @notice The hub block number does not fit in 64 bits.
    error HubStateOracleBlockNumberTooLarge(uint256 hubBlockNumber);
    /// @notice No hub state was posted yet.
    error HubStateOracleNoHubState();
    /// @notice No hub state was posted for exactly `hubBlockNumber`.
    error HubStateOracleUnknownBlock(uint256 hubBlockNumber);

    /// @notice Commits a hub block's state root. Only the poster, only above the latest hub block.
    function postHubState(
        uint256 hubBlockNumber,
        bytes32 hubBlockHash,
        bytes32 hubStateRoot,
        uint48 hubBlockTimestamp
    ) external;

    /// @notice Replaces the poster. Only the owner.
    function updatePoster(address newPoster) external;

    /// @notice The account allowed to post hub states.
    function poster() external view returns (address);

    /// @notice The newest hub state. Reverts when there is none.
    function latestHubState() external view returns (HubState memory);

    /// @notice The hub state posted for exactly `hubBlockNumber`. Reverts when there is none.
    function hubState(uint256 hubBlockNumber) external view returns (HubState memory);

    /// @notice The hub state root posted for exactly `hubBlockNumber`. Reverts when there is none.
    function hubStateRoot(uint256 hubBlockNumber) external view returns (bytes32);

    /// @notice How many hub states were posted.
    function hubStateCount() external view returns (uint256);
}
