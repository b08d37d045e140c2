// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {StorageSlot} from "@openzeppelin/contracts/utils/StorageSlot.sol";

import {ERC20VotesTimestamp} from "../governance/extensions/ERC20VotesTimestamp.sol";
import {CrosschainSlots} from "./CrosschainSlots.sol";
import {IHubStateOracle} from "./IHubStateOracle.sol";
import {ISpokeToken} from "./ISpokeToken.sol";
import {IStateProofVerifier} from "./proofs/IStateProofVerifier.sol";

/**
 * @title SpokeToken
 * @notice A member chain's voting token: hub tokens escrowed for this chain, minted here by proof.
 * @dev ERC20 with EIP-2612 permits and ERC20Votes on a timestamp clock ({ERC20VotesTimestamp}),
 * like the hub's SuperchainToken, so a hub proposal's snapshot timestamp reads voting power here
 * directly. Supply changes only through {finalizeDeposit} and {withdraw}.
 * Withdrawal commitments live at {CrosschainSlots-withdrawalSlot} (an ERC-7201 namespace).
 */
contract SpokeToken is ERC20VotesTimestamp, ISpokeToken {
    address private immutable _hubPool;
    IHubStateOracle private immutable _hubStateOracle;
    IStateProofVerifier private immutable _verifier;

    mapping(uint256 depositId => bool) private _depositFinalized;
    uint256 private _withdrawalCount;

    /**
     * @param name_ ERC-20 name; also the EIP-712 domain name for permits and delegation signatures.
     * @param symbol_ ERC-20 symbol.
     * @param hubPool_ The hub SpokeVotePool serving this chain.
     * @param hubStateOracle_ This chain's HubStateOracle.
     * @param verifier_ The StateProofVerifier deployed on this chain.
     */
    constructor(
        string memory name_,
        string memory symbol_,
        address hubPool_,
        IHubStateOracle hubStateOracle_,
        IStateProofVerifier verifier_
    ) ERC20(name_, symbol_) ERC20Permit(name_) {
        _hubPool = hubPool_;
        _hubStateOracle = hubStateOracle_;
        _verifier = verifier_;
    }

    /// @inheritdoc ISpokeToken
    function finalizeDeposit(
        uint256 depositId,
        address recipient,
        uint256 amount,
        uint256 hubBlockNumber,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external {
        if (_depositFinalized[depositId]) revert SpokeTokenDepositAlreadyFinalized(depositId);
        bytes32 proven = _verifier.verifyStorage(
            _hubStateOracle.hubStateRoot(hubBlockNumber),
            _hubPool,
            CrosschainSlots.depositSlot(depositId),
            accountProof,
            storageProof
        );
        bytes32 claimed = CrosschainSlots.transferCommitment(recipient, amount);
        if (proven != claimed) revert SpokeTokenDepositMismatch(depositId, proven, claimed);

        _depositFinalized[depositId] = true;
        emit DepositFinalized(depositId, recipient, amount, hubBlockNumber);
        _mint(recipient, amount);
    }

    /// @inheritdoc ISpokeToken
    function withdraw(uint256 amount, address recipient) external returns (uint256 withdrawalId) {
        if (amount == 0) revert SpokeTokenZeroAmount();
        if (recipient == address(0)) revert SpokeTokenInvalidRecipient(recipient);
        _burn(msg.sender, amount);
        withdrawalId = _withdrawalCount++;
        StorageSlot.getBytes32Slot(CrosschainSlots.withdrawalSlot(withdrawalId)).value = CrosschainSlots
            .transferCommitment(recipient, amount);
        emit WithdrawalInitiated(withdrawalId, msg.sender, recipient, amount);
    }

    /// @inheritdoc ISpokeToken
    function hubPool() external view returns (address) {
        return _hubPool;
    }

    /// @inheritdoc ISpokeToken
    function hubStateOracle() external view returns (IHubStateOracle) {
        return _hubStateOracle;
    }

    /// @inheritdoc ISpokeToken
    function verifier() external view returns (IStateProofVerifier) {
        return _verifier;
    }

    /// @inheritdoc ISpokeToken
    function isDepositFinalized(uint256 depositId) external view returns (bool) {
        return _depositFinalized[depositId];
    }

    /// @inheritdoc ISpokeToken
    function withdrawalCount() external view returns (uint256) {
        return _withdrawalCount;
    }

    /// @inheritdoc ISpokeToken
    function withdrawalCommitment(uint256 withdrawalId) external view returns (bytes32) {
        return StorageSlot.getBytes32Slot(CrosschainSlots.withdrawalSlot(withdrawalId)).value;
    }

    /// @inheritdoc ISpokeToken
    function withdrawalSlot(uint256 withdrawalId) external pure returns (bytes32) {
        return CrosschainSlots.withdrawalSlot(withdrawalId);
    }
}
