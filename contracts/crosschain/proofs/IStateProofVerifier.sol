// SPDX-License-Identifier: MIT
pragma solidity ^0.8.15;

/**
 * @title IStateProofVerifier
 * @notice Verifies Ethereum account and storage proofs (the `eth_getProof` format) against a state
 * root. Everything that crosses chains in Superchain Governance is proven this way against a root
 * committed on the other chain (OutputOracle on the hub, HubStateOracle on member chains).
 *
 * Every failure is a specific error naming which proof failed and how: a root that does not match,
 * a node that is not the one its parent references on the key's path (a forged node, or the proof
 * of another account or slot), a key the proof does not reach (a leaf of another key, or an absent
 * value), a proof that ends too early, or bytes that are not a trie node.
 */
interface IStateProofVerifier {
    /// @notice Which of the two proofs of a storage read failed.
    enum ProofPart {
        Account,
        Storage
    }

    /// @notice An account as the state trie stores it.
    struct Account {
        uint256 nonce;
        uint256 balance;
        bytes32 storageRoot;
        bytes32 codeHash;
    }

    /// @notice The first node of the proof does not hash to the root it is checked against.
    error StateProofRootMismatch(ProofPart part);
    /// @notice A node is not the one its parent references on the key's path: a forged node, or
    /// the proof of another account or slot.
    error StateProofInvalidNode(ProofPart part);
    /// @notice The proof reaches a leaf of another key, or shows the value is not there.
    error StateProofKeyMismatch(ProofPart part);
    /// @notice The proof ends before it reaches a value.
    error StateProofTruncated(ProofPart part);
    /// @notice The proof holds bytes that are not a well-formed trie node or account.
    error StateProofMalformed(ProofPart part);

    /**
     * @notice The account `account` holds in the state with root `stateRoot`.
     * @param accountProof The `accountProof` field of `eth_getProof`.
     */
    function verifyAccount(
        bytes32 stateRoot,
        address account,
        bytes[] calldata accountProof
    ) external view returns (Account memory);

    /**
     * @notice The value of storage slot `slot` of `account` in the state with root `stateRoot`.
     * Proves a non-zero value: a zero slot has no value in the trie and fails with
     * {StateProofKeyMismatch}.
     * @param accountProof The `accountProof` field of `eth_getProof`.
     * @param storageProof The slot's `storageProof[i].proof` field of `eth_getProof`.
     */
    function verifyStorage(
        bytes32 stateRoot,
        address account,
        bytes32 slot,
        bytes[] calldata accountProof,
        bytes[] calldata storageProof
    ) external view returns (bytes32 value);
}
