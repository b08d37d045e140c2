// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMemberChainRegistry} from "./IMemberChainRegistry.sol";

/**
 * @title ISequencerConfigRegistry
 * @notice The governed configuration of the shared sequencer: its parameters (a global default
 * and per-chain overrides), its approved releases, the Security Council, the member chains and
 * their operators (applied to the MemberChainRegistry), and emergency pause.
 *
 * Every change needs both parties: governance (the timelock) schedules it, the council (a Safe)
 * approves or rejects it. An approved change activates at
 * `max(requested time, approval + minActivationDelay, the previous activation of the same scope)`;
 * an unapproved one expires `approvalWindow` after it was scheduled. Answers are deterministic:
 * `configAt(chain, t)` never changes once `t` has passed, and the events carry everything needed to
 * rebuild every answer from logs alone.
 */
interface ISequencerConfigRegistry {
    enum OrderingPolicy {
        Fifo,
        PriorityFee
    }

    /**
     * @notice The sequencer's parameters. Bounds are {parameterBounds}; the meaning of each is in
     * docs/DESIGN.md ("Sequencer parameters").
     */
    struct Parameters {
        uint32 blockTimeMs;
        uint32 maxTxPerBlock;
        uint64 maxBlockGas;
        OrderingPolicy orderingPolicy;
        uint64 minPriorityFeeWei;
        uint32 maxTxBytes;
        uint32 maxPendingPerSender;
        uint32 commitmentInterval;
    }

    /// @notice A chain's configuration at some time, and its version.
    struct Config {
        Parameters parameters;
        /// @dev Increases every time the chain's effective configuration may have changed.
        uint64 version;
        /// @dev When this configuration took (or takes) effect.
        uint48 activatedAt;
    }

    enum ReleaseKind {
        Recommended,
        Required
    }

    struct Release {
        uint16 major;
        uint16 minor;
        uint16 patch;
        ReleaseKind kind;
        /// @dev sha-256 of the sequencer build.
        bytes32 digest;
    }

    enum ChangeKind {
        SetParameters,
        ApproveRelease,
        ReplaceCouncil,
        ReplaceOperator,
        AddChain,
        RemoveChain
    }

    enum ChangeStatus {
        Unknown,
        AwaitingCouncil,
        Approved,
        Rejected,
        Cancelled,
        Expired,
        Active
    }

    struct Change {
        ChangeKind kind;
        /// @dev Stored status; `Expired` and `Active` are derived by {changeStatus}.
        ChangeStatus status;
        uint48 scheduledAt;
        uint48 requestedActivation;
        uint48 expiresAt;
        uint48 approvedAt;
        uint48 activatesAt;
        /// @dev The chain a parameter, operator or membership change applies to; 0 for all chains / not chain-specific.
        uint256 chainId;
        /// @dev ABI-encoded details by kind: (uint8 mask, Parameters) | Release | (address council) |
        /// (address operator) | (string name, address operator) | empty for RemoveChain.
        bytes payload;
    }

    /// @notice Inclusive bounds of every parameter, as two Parameters structs.
    struct Bounds {
        Parameters min;
        Parameters max;
    }

    event ChangeScheduled(
        uint256 indexed changeId,
        ChangeKind indexed kind,
        uint256 indexed chainId,
        uint48 requestedActivation,
        uint48 expiresAt,
        bytes payload
    );
    event ChangeApproved(uint256 indexed changeId, uint48 activatesAt);
    event ChangeRejected(uint256 indexed changeId);
    event ChangeCancelled(uint256 indexed changeId);

    /**
     * @notice The parameters of `scope` (0 = the global default, else a chain's overrides) from
     * `activatesAt` on. For a chain, `overrides` flags which parameters it sets itself (bit i =
     * the i-th field of Parameters); the others are the global default's in force at that time.
     */
    event ConfigScheduled(
        uint256 indexed scope,
        uint64 indexed version,
        uint48 activatesAt,
        uint8 overrides,
        Parameters parameters
    );
    event ReleaseScheduled(uint256 indexed releaseIndex, Release release, uint48 activatesAt);
    event CouncilScheduled(address indexed council, uint48 activatesAt);
    event Paused(uint256 indexed chainId, address indexed by);
    event Unpaused(uint256 indexed chainId, address indexed by);
    event MinActivationDelayUpdated(uint48 oldDelay, uint48 newDelay);
    event ApprovalWindowUpdated(uint48 oldWindow, uint48 newWindow);

    error SequencerConfigOnlyGovernance(address caller);
    error SequencerConfigOnlyCouncil(address caller);
    error SequencerConfigOnlyGovernanceOrCouncil(address caller);
    error SequencerConfigInvalidAddress(address account);
    /// @notice `parameter` is the index of the field in Parameters.
    error SequencerConfigParameterOutOfBounds(uint8 parameter, uint256 value, uint256 min, uint256 max);
    /// @notice A parameter change must set at least one parameter (a non-zero mask of the 8 fields).
    error SequencerConfigInvalidMask(uint8 mask);
    /// @notice The global default must set every parameter when the registry is deployed.
    error SequencerConfigIncompleteDefault(uint8 mask);
    error SequencerConfigChainNotActive(uint256 chainId);
    error SequencerConfigUnknownChain(uint256 chainId);
    error SequencerConfigInvalidRelease(Release release);
    error SequencerConfigActivationTooFar(uint48 requestedActivation, uint48 latest);
    error SequencerConfigUnknownChange(uint256 changeId);
    error SequencerConfigChangeNotAwaiting(uint256 changeId, ChangeStatus status);
    error SequencerConfigSettingOutOfBounds(uint48 value, uint48 min, uint48 max);
    /// @notice No configuration existed yet at `timestamp` (before the registry was deployed).
    error SequencerConfigBeforeGenesis(uint256 timestamp);
    error SequencerConfigAlreadyPaused(uint256 chainId);
    error SequencerConfigNotPaused(uint256 chainId);

    // ---------------------------------------------------------------- governance: scheduling

    /**
     * @notice Schedules new values for the parameters flagged in `mask`, for one chain or for the
     * global default (`chainId == 0`). Only governance. Returns the change id.
     */
    function scheduleParameters(
        uint256 chainId,
        uint8 mask,
        Parameters calldata parameters,
        uint48 requestedActivation
    ) external returns (uint256 changeId);

    /// @notice Schedules the approval of a sequencer release. Only governance.
    function scheduleRelease(Release calldata release, uint48 requestedActivation) external returns (uint256 changeId);

    /// @notice Schedules the replacement of the Security Council. Only governance.
    function scheduleCouncil(address newCouncil, uint48 requestedActivation) external returns (uint256 changeId);

    /// @notice Schedules the replacement of a member chain's operator. Only governance.
    function scheduleOperator(
        uint256 chainId,
        address newOperator,
        uint48 requestedActivation
    ) external returns (uint256 changeId);

    /**
     * @notice Schedules the addition of a member chain (a new one, or a removed one again) with
     * its first operator; it is a member from the change's activation. Only governance.
     */
    function scheduleAddChain(
        uint256 chainId,
        string calldata name,
        address operator,
        uint48 requestedActivation
    ) external returns (uint256 changeId);

    /**
     * @notice Schedules the removal of a member chain: it stays a member until the change's
     * activation, and its outputs up to then stay postable so its escrow can be withdrawn. Only governance.
     */
    function scheduleRemoveChain(uint256 chainId, uint48 requestedActivation) external returns (uint256 changeId);

    /// @notice Withdraws a change still awaiting the council. Only governance.
    function cancelChange(uint256 changeId) external;

    /// @notice Sets the minimum time between approval and activation. Only governance.
    function updateMinActivationDelay(uint48 newDelay) external;

    /// @notice Sets how long a scheduled change waits for the council before it expires. Only governance.
    function updateApprovalWindow(uint48 newWindow) external;

    // ---------------------------------------------------------------- council

    /// @notice Approves a change awaiting the council; fixes its activation time. Only the council.
    function approveChange(uint256 changeId) external;

    /// @notice Rejects a change awaiting the council. Only the council.
    function rejectChange(uint256 changeId) external;

    /// @notice Pauses sequencing of one chain, or of all chains (`chainId == 0`), at once. Only the council.
    function pause(uint256 chainId) external;

    /// @notice Lifts a pause set by {pause}. The council or governance.
    function unpause(uint256 chainId) external;

    // ---------------------------------------------------------------- views

    function governance() external view returns (address);

    /// @notice The member chain registry this registry governs, and applies membership and operator changes to.
    function memberChains() external view returns (IMemberChainRegistry);

    /// @notice The council in force now.
    function council() external view returns (address);

    function minActivationDelay() external view returns (uint48);

    function approvalWindow() external view returns (uint48);

    /// @notice Inclusive bounds of every parameter, for validation off-chain.
    function parameterBounds() external pure returns (Bounds memory);

    /// @notice The configuration of `chainId` in force now.
    function currentConfig(uint256 chainId) external view returns (Config memory);

    /// @notice The configuration of `chainId` in force at `timestamp` (past or future).
    function configAt(uint256 chainId, uint256 timestamp) external view returns (Config memory);

    function changeCount() external view returns (uint256);

    function getChange(uint256 changeId) external view returns (Change memory);

    /// @notice The change's status now, including the derived `Expired` and `Active`.
    function changeStatus(uint256 changeId) external view returns (ChangeStatus);

    /// @notice Every release approved so far (active or not yet), in approval order.
    function releases() external view returns (Release[] memory, uint48[] memory activatesAt);

    /// @notice The highest active required release; `found == false` when there is none.
    function newestRequiredRelease() external view returns (bool found, Release memory release);

    /// @notice The highest active release of either kind (a required release is also recommended).
    function newestRecommendedRelease() external view returns (bool found, Release memory release);

    /// @notice Whether sequencing of `chainId` is paused (by itself or by a pause of all chains).
    function isPaused(uint256 chainId) external view returns (bool);
}
