// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IStateProofVerifier} from "../crosschain/proofs/IStateProofVerifier.sol";

/**
 * @notice A state-proof verifier that "proves" whatever a test declared to be in a state, so the
 * Solidity unit tests can reach the cross-chain contracts' own rules (access, replay, arithmetic)
 * without building tries. Proof arguments are ignored. Real proofs are exercised by the
 * TypeScript tests against EDR. Not deployed anywhere.
 */
contract StubStateProofVerifier is IStateProofVerifier {
    mapping(bytes32 stateRoot => mapping(address account => mapping(bytes32 slot => bytes32 value))) private _values;

    /// @notice Declares `value` at `slot` of `account` in the state `stateRoot`.
    function setStorage(bytes32 stateRoot, address account, bytes32 slot, bytes32 value) external {
        _values[stateRoot][account][slot] = value;
    }

    /// @inheritdoc IStateProofVerifier
    /// @dev Always refuses: no test proves an account through the stub.
    function verifyAccount(bytes32, address, bytes[] calldata) external pure returns (Account memory) {
        revert StateProofMalformed(ProofPart.Account);
    }

    /// @inheritdoc IStateProofVerifier
    /// @dev The value {setStorage} declared; the proofs are ignored.
    function verifyStorage(
        bytes32 stateRoot,
        address account,
        bytes32 slot,
        bytes[] calldata,
        bytes[] calldata
    ) external view returns (bytes32 value) {
        value = _values[stateRoot][account][slot];
        if (value == bytes32(0)) revert StateProofKeyMismatch(ProofPart.Storage);
    }
}
