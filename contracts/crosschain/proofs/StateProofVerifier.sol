// SPDX-License-Identifier: MIT
// Compiled with solc 0.8.15: Optimism's trie library pins its RLP errors to that version. Other
// contracts reach this one through IStateProofVerifier and never import the library themselves.
pragma solidity 0.8.15;

import { RLPReader } from "@eth-optimism/contracts-bedrock/src/libraries/rlp/RLPReader.sol";
import { SecureMerkleTrie } from "@eth-optimism/contracts-bedrock/src/libraries/trie/SecureMerkleTrie.sol";

import { IStateProofVerifier } from "./IStateProofVerifier.sol";

/**
 * @title StateProofVerifier
 * @notice {IStateProofVerifier} over Optimism's audited `SecureMerkleTrie`. The trie library
 * reverts with strings; each read runs as an external self-call so those reverts can be turned
 * into this interface's specific errors.
 */
contract StateProofVerifier is IStateProofVerifier {
    uint256 private constant ACCOUNT_FIELDS = 4;

    /// @inheritdoc IStateProofVerifier
    function verifyAccount(
        bytes32 stateRoot,
        address account,
        bytes[] calldata accountProof
    ) public view returns (Account memory) {
        try this.readAccount(stateRoot, account, accountProof) returns (Account memory read) {
            return read;
        } catch Error(string memory reason) {
            _fail(reason, ProofPart.Account);
        } catch {
            revert StateProofMalformed(ProofPart.Account);
        }
    }

    /// @inheritdoc IStateProofVerifier
    function verifyStorage(
        bytes32 stateRoot,
        address account,
        bytes32 slot,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external view returns (bytes32 value) {
        bytes32 storageRoot = verifyAccount(stateRoot, account, accountProof).storageRoot;
        try this.readSlot(storageRoot, slot, storageProof) returns (bytes32 read) {
            return read;
        } catch Error(string memory reason) {
            _fail(reason, ProofPart.Storage);
        } catch {
            revert StateProofMalformed(ProofPart.Storage);
        }
    }

    /**
     * @notice Reads an account from the state trie without translating failures. Public only so
     * the verifier can call itself and catch the library's string reverts; use {verifyAccount}.
     */
    function readAccount(
        bytes32 stateRoot,
        address account,
        bytes[] calldata accountProof
    ) external pure returns (Account memory read) {
        bytes memory encoded = SecureMerkleTrie.get(abi.encodePacked(account), accountProof, stateRoot);
        RLPReader.RLPItem[] memory fields = RLPReader.readList(encoded);
        require(fields.length == ACCOUNT_FIELDS, "StateProofVerifier: not an account");
        read.nonce = _toUint(RLPReader.readBytes(fields[0]));
        read.balance = _toUint(RLPReader.readBytes(fields[1]));
        read.storageRoot = bytes32(_toUint(RLPReader.readBytes(fields[2])));
        read.codeHash = bytes32(_toUint(RLPReader.readBytes(fields[3])));
    }

    /**
     * @notice Reads a storage slot from a storage trie without translating failures. Public only
     * so the verifier can catch the library's string reverts; use {verifyStorage}.
     */
    function readSlot(bytes32 storageRoot, bytes32 slot, bytes[] calldata storageProof) external pure returns (bytes32) {
        bytes memory encoded = SecureMerkleTrie.get(abi.encodePacked(slot), storageProof, storageRoot);
        return bytes32(_toUint(RLPReader.readBytes(encoded)));
    }

    /// @dev Big-endian bytes of at most 32 bytes (RLP strips leading zeros) as a number.
    function _toUint(bytes memory data) private pure returns (uint256 value) {
        require(data.length <= 32, "StateProofVerifier: value over 32 bytes");
        for (uint256 i = 0; i < data.length; i++) value = (value << 8) | uint8(data[i]);
    }

    function _fail(string memory reason, ProofPart part) private pure {
        bytes32 hash = keccak256(bytes(reason));
        if (hash == keccak256("MerkleTrie: invalid root hash")) revert StateProofRootMismatch(part);
        if (hash == keccak256("MerkleTrie: invalid large internal hash") || hash == keccak256("MerkleTrie: invalid internal node hash")) {
            revert StateProofInvalidNode(part);
        }
        if (
            hash == keccak256("MerkleTrie: path remainder must share all nibbles with key") ||
            hash == keccak256("MerkleTrie: key remainder must be identical to path remainder") ||
            hash == keccak256("MerkleTrie: value length must be greater than zero (branch)") ||
            hash == keccak256("MerkleTrie: value length must be greater than zero (leaf)")
        ) revert StateProofKeyMismatch(part);
        if (hash == keccak256("MerkleTrie: ran out of proof elements")) revert StateProofTruncated(part);
        revert StateProofMalformed(part);
    }
}
