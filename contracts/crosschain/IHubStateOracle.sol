// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IRootOracle} from "./IRootOracle.sol";
import {IStateProofVerifier} from "./proofs/IStateProofVerifier.sol";

/**
 * @title IHubStateOracle
 * @notice On each member chain: recent state roots of the hub, posted by the chain's operator.
 * Cross-chain proofs (deposits, proposals learnt from the hub governor) verify hub storage against
 * a state root kept here once it is usable ({IRootOracle}): after its challenge window, and only
 * if the council did not reject it ({rejectHubStates}).
 *
 * A member chain cannot read the hub, so it learns who acts for it and under which rules — its
 * {roles}: the operator of the hub's MemberChainRegistry, the council Safe (the hub's, at the same
 * address here), the hub-state rules governance set — by proof: anyone proves the commitment the
 * hub's RootSettings published for this chain against a usable hub state root ({syncRoles}),
 * always at a hub block newer than the last sync. Deployment sets the first roles and the anchor;
 * nobody owns the oracle.
 */
interface IHubStateOracle is IRootOracle {
    /// @notice One committed hub block.
    struct HubState {
        uint64 blockNumber;
        /// @dev The hub's block timestamp.
        uint48 blockTimestamp;
        /// @dev This chain's timestamp at which the state was posted.
        uint48 postedAt;
        /// @dev This chain's timestamp from which proofs may use the state (the end of its challenge window).
        uint48 usableAt;
        bytes32 blockHash;
        bytes32 stateRoot;
    }

    /// @notice Accepted hub state number `index` (oldest first) was committed.
    event HubStatePosted(
        uint256 indexed hubBlockNumber,
        uint256 indexed index,
        bytes32 hubBlockHash,
        bytes32 hubStateRoot,
        uint48 hubBlockTimestamp
    );
    /// @notice The council rejected `count` hub states from number `index` (hub block `hubBlockNumber`) on.
    event HubStatesRejected(uint256 indexed hubBlockNumber, uint256 index, uint256 count);
    /// @notice The roles in force from now, as proven at hub block `hubBlockNumber` (0: set at deployment).
    event RolesUpdated(MemberRoles roles, uint256 hubBlockNumber);

    /// @notice The caller is not the chain's operator (`operator`).
    error HubStateOracleNotOperator(address caller, address operator);
    /// @notice The operator and the council cannot be the zero address.
    error HubStateOracleInvalidRoles(address operator, address council);
    /// @notice Roles are synced only from a hub block newer than the last sync's (`syncedAt`).
    error HubStateOracleStaleRoles(uint256 hubBlockNumber, uint256 syncedAt);
    /// @notice The hub's published commitment (`proven`) is not the roles claimed (`claimed`).
    error HubStateOracleRolesMismatch(bytes32 proven, bytes32 claimed);
    /// @notice No hub state is accepted.
    error HubStateOracleNoHubState();

    /// @notice Commits a hub block's state root. Only the operator, only if plausible under {roles}' rules.
    function postHubState(
        uint256 hubBlockNumber,
        bytes32 hubBlockHash,
        bytes32 hubStateRoot,
        uint48 hubBlockTimestamp
    ) external;

    /**
     * @notice Rejects the hub state of `hubBlockNumber`, which must hold `hubStateRoot` and be in
     * its challenge window, and every hub state accepted after it. Only the council.
     */
    function rejectHubStates(uint256 hubBlockNumber, bytes32 hubStateRoot) external;

    /**
     * @notice Adopts `roles` as the hub's RootSettings published them for this chain, proven at the
     * usable hub state of `hubBlockNumber` (newer than the last sync's). Anyone.
     */
    function syncRoles(
        uint256 hubBlockNumber,
        MemberRoles calldata roles,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external;

    /// @notice The operator, the council and the rules in force.
    function roles() external view returns (MemberRoles memory);

    /// @notice The hub block the roles were last proven at (0: the deployment's roles).
    function rolesSyncedAt() external view returns (uint256);

    /// @notice The hub's RootSettings, whose published commitment {syncRoles} proves.
    function rootSettings() external view returns (address);

    /// @notice The StateProofVerifier {syncRoles} uses.
    function verifier() external view returns (IStateProofVerifier);

    /// @notice Where the first hub state (while none is accepted) is measured from.
    function anchor() external view returns (uint256);

    /// @notice Where the hub state of `hubBlockNumber` stands.
    function rootState(uint256 hubBlockNumber) external view returns (RootState);

    /// @notice The newest accepted hub state (perhaps in its window). Reverts when there is none.
    function latestHubState() external view returns (HubState memory);

    /// @notice Accepted hub state number `index`, oldest first.
    function hubStateAt(uint256 index) external view returns (HubState memory);

    /// @notice The accepted hub state of exactly `hubBlockNumber`. Reverts when unknown or rejected.
    function hubState(uint256 hubBlockNumber) external view returns (HubState memory);

    /// @notice The hub state root of exactly `hubBlockNumber`, for proofs: reverts unless usable.
    function hubStateRoot(uint256 hubBlockNumber) external view returns (bytes32);

    /// @notice How many hub states are accepted (in their window or usable).
    function hubStateCount() external view returns (uint256);

    /// @notice How many accepted hub states are usable: the first ones, so the newest usable is
    /// `hubStateAt(usableHubStateCount() - 1)`.
    function usableHubStateCount() external view returns (uint256);
}
