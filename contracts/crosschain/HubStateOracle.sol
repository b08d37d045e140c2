// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CrosschainSlots} from "./CrosschainSlots.sol";
import {IHubStateOracle} from "./IHubStateOracle.sol";
import {IStateProofVerifier} from "./proofs/IStateProofVerifier.sol";
import {RootHistory} from "./RootHistory.sol";

/**
 * @title HubStateOracle
 * @dev Hub states are a {RootHistory} (three slots each). The roles take two slots (operator with
 * the window, council with the step) plus the hub block of the last sync. No owner: the roles
 * change only by {syncRoles}.
 */
contract HubStateOracle is IHubStateOracle {
    using RootHistory for RootHistory.History;

    IStateProofVerifier private immutable _verifier;
    address private immutable _rootSettings;

    MemberRoles private _roles;
    uint256 private _rolesSyncedAt;
    RootHistory.History private _history;

    /**
     * @param verifier_ The StateProofVerifier deployed on this chain.
     * @param rootSettings_ The hub's RootSettings (an address on the hub).
     * @param roles_ The first roles: what the hub's RootSettings would publish for this chain now.
     * @param anchor_ The hub block number the first hub state is measured from (the hub's head at deployment).
     */
    constructor(IStateProofVerifier verifier_, address rootSettings_, MemberRoles memory roles_, uint256 anchor_) {
        _verifier = verifier_;
        _rootSettings = rootSettings_;
        _updateRoles(roles_, 0);
        _history.setAnchor(anchor_);
    }

    /// @inheritdoc IHubStateOracle
    function postHubState(
        uint256 hubBlockNumber,
        bytes32 hubBlockHash,
        bytes32 hubStateRoot_,
        uint48 hubBlockTimestamp
    ) external {
        address operator = _roles.operator;
        if (msg.sender != operator) revert HubStateOracleNotOperator(msg.sender, operator);
        uint256 index = _history.append(hubBlockNumber, hubBlockTimestamp, hubBlockHash, hubStateRoot_, 0, _roles.rules);
        emit HubStatePosted(hubBlockNumber, index, hubBlockHash, hubStateRoot_, hubBlockTimestamp);
    }

    /// @inheritdoc IHubStateOracle
    function rejectHubStates(uint256 hubBlockNumber, bytes32 hubStateRoot_) external {
        address council = _roles.council;
        if (msg.sender != council) revert RootOracleNotCouncil(msg.sender, council);
        (uint256 index, uint256 count) = _history.rejectFrom(hubBlockNumber, hubStateRoot_);
        emit HubStatesRejected(hubBlockNumber, index, count);
    }

    /// @inheritdoc IHubStateOracle
    function syncRoles(
        uint256 hubBlockNumber,
        MemberRoles calldata roles_,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external {
        if (hubBlockNumber <= _rolesSyncedAt) revert HubStateOracleStaleRoles(hubBlockNumber, _rolesSyncedAt);
        bytes32 proven = _verifier.verifyStorage(
            _history.usableStateRoot(hubBlockNumber),
            _rootSettings,
            CrosschainSlots.memberRolesSlot(block.chainid),
            accountProof,
            storageProof
        );
        bytes32 claimed = CrosschainSlots.memberRolesCommitment(roles_);
        if (proven != claimed) revert HubStateOracleRolesMismatch(proven, claimed);
        _updateRoles(roles_, hubBlockNumber);
    }

    /// @inheritdoc IHubStateOracle
    function roles() external view returns (MemberRoles memory) {
        return _roles;
    }

    /// @inheritdoc IHubStateOracle
    function rolesSyncedAt() external view returns (uint256) {
        return _rolesSyncedAt;
    }

    /// @inheritdoc IHubStateOracle
    function rootSettings() external view returns (address) {
        return _rootSettings;
    }

    /// @inheritdoc IHubStateOracle
    function verifier() external view returns (IStateProofVerifier) {
        return _verifier;
    }

    /// @inheritdoc IHubStateOracle
    function anchor() external view returns (uint256) {
        return _history.anchor;
    }

    /// @inheritdoc IHubStateOracle
    function rootState(uint256 hubBlockNumber) external view returns (RootState) {
        return _history.state(hubBlockNumber);
    }

    /// @inheritdoc IHubStateOracle
    function latestHubState() external view returns (HubState memory) {
        uint256 count = _history.length();
        if (count == 0) revert HubStateOracleNoHubState();
        return _hubState(_history.blockNumberAt(count - 1));
    }

    /// @inheritdoc IHubStateOracle
    function hubStateAt(uint256 index) external view returns (HubState memory) {
        return _hubState(_history.blockNumberAt(index));
    }

    /// @inheritdoc IHubStateOracle
    function hubState(uint256 hubBlockNumber) external view returns (HubState memory) {
        return _hubState(hubBlockNumber);
    }

    /// @inheritdoc IHubStateOracle
    function hubStateRoot(uint256 hubBlockNumber) external view returns (bytes32) {
        return _history.usableStateRoot(hubBlockNumber);
    }

    /// @inheritdoc IHubStateOracle
    function hubStateCount() external view returns (uint256) {
        return _history.length();
    }

    /// @inheritdoc IHubStateOracle
    function usableHubStateCount() external view returns (uint256) {
        return _history.usableLength();
    }

    /// @dev Validates and sets the roles, and emits {RolesUpdated}.
    function _updateRoles(MemberRoles memory roles_, uint256 hubBlockNumber) internal {
        if (roles_.operator == address(0) || roles_.council == address(0)) {
            revert HubStateOracleInvalidRoles(roles_.operator, roles_.council);
        }
        RootHistory.checkRules(roles_.rules);
        _roles = roles_;
        _rolesSyncedAt = hubBlockNumber;
        emit RolesUpdated(roles_, hubBlockNumber);
    }

    /// @dev The accepted hub state of `hubBlockNumber` as the interface shows it.
    function _hubState(uint256 hubBlockNumber) private view returns (HubState memory) {
        RootHistory.Root storage root = _history.acceptedRoot(hubBlockNumber);
        return
            HubState({
                blockNumber: uint64(hubBlockNumber),
                blockTimestamp: root.blockTimestamp,
                postedAt: root.postedAt,
                usableAt: root.usableAt,
                blockHash: root.blockHash,
                stateRoot: root.stateRoot
            });
    }
}
