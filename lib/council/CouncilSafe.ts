import type Safe from "@safe-global/protocol-kit";
import { SigningMethod } from "@safe-global/types-kit";
import { getAddress, isAddressEqual, type Address, type Hash, type Hex } from "viem";
import { privateKeyToAddress } from "viem/accounts";

import {
  CouncilDuplicateSignatureError,
  CouncilNotOwnerError,
  CouncilStaleNonceError,
  CouncilThresholdNotMetError,
  CouncilWrongSafeError,
} from "./errors.ts";
import { openCouncilConnection, type ConnectCouncilSafeParameters, type CouncilConnection } from "./managers/connection.ts";
import { approveHashWithKit, executeWithKit, fromKitTransactionData, toKitTransaction } from "./managers/execution.ts";
import { countApprovals, readApprovedOnChain, readCouncilState } from "./managers/owners.ts";
import { includesAddress, verifyCouncilSignature, verifyCouncilSignatures } from "./managers/signatures.ts";
import { reviewCouncilTransaction, type CouncilTransactionReview } from "./typedData.ts";
import {
  SafeOperation,
  type CouncilApprovals,
  type CouncilCall,
  type CouncilSafeState,
  type CouncilSignature,
  type CouncilSigner,
  type CouncilTransaction,
} from "./types.ts";

export type { ConnectCouncilSafeParameters } from "./managers/connection.ts";

/**
 * The Security Council's Safe, through protocol-kit. A facade over small managers — connection,
 * owners (state, on-chain approvals), signatures (pure verification), execution — taking plain
 * data in ({@link CouncilTransaction}, {@link CouncilSignature}) and refusing with typed errors
 * (`CouncilError` subclasses). Every signature is verified before it counts, and again before
 * execution (stored data is not trusted); execution below the threshold sends nothing. An
 * executing owner is never counted implicitly: approvals are exactly the verified signatures plus
 * on-chain approved hashes.
 *
 * @example
 * const council = await CouncilSafe.connect({ safe, rpcUrl: "http://127.0.0.1:8545" })
 * const tx = await council.buildTransaction({ to: registry, data: approveChangeCalldata })
 * const { safeTxHash, domainHash, messageHash, typedData } = council.review(tx) // show, then sign
 * const signed = await council.addSignature(tx, { signer, signature }) // once per owner
 * await council.execute(signed, { address: relayer })
 */
export class CouncilSafe {
  readonly address: Address;
  readonly chainId: number;
  readonly #connection: CouncilConnection;

  private constructor(connection: CouncilConnection) {
    this.address = connection.safe;
    this.chainId = connection.chainId;
    this.#connection = connection;
  }

  /** Attaches to a deployed Safe 1.4.1, read-only: writers pass their signer per call. */
  static async connect(parameters: ConnectCouncilSafeParameters): Promise<CouncilSafe> {
    return new CouncilSafe(await openCouncilConnection(parameters));
  }

  /** Owners, threshold and nonce, read now through protocol-kit. */
  getState(): Promise<CouncilSafeState> {
    return readCouncilState(this.#connection.kit);
  }

  /**
   * A transaction for one call at the Safe's current nonce, with no signatures yet.
   *
   * @example
   * const tx = await council.buildTransaction({ to: token, data: transferCalldata })
   */
  async buildTransaction({ to, data, value = 0n }: CouncilCall): Promise<CouncilTransaction> {
    const { kit } = this.#connection;
    const built = await kit.createTransaction({
      transactions: [{ to, data, value: value.toString(), operation: SafeOperation.Call }],
    });
    const safeTx = fromKitTransactionData(built.data);
    const transaction: CouncilTransaction = { safe: this.address, chainId: this.chainId, data: safeTx, signatures: [] };
    await toKitTransaction(kit, transaction); // throws unless protocol-kit computes the same safeTxHash
    return transaction;
  }

  /** safeTxHash, domain and message hashes and the typed data: what a signer checks first. */
  review(transaction: CouncilTransaction): CouncilTransactionReview {
    this.#assertOwn(transaction);
    return reviewCouncilTransaction(transaction);
  }

  /**
   * Verifies an owner's signature and returns the transaction with it added. Refuses a stale
   * nonce, a signature over anything else, a non-owner, and a second signature by one owner.
   *
   * @example
   * const signature = await wallet.signTypedData({ account, ...council.review(tx).typedData })
   * tx = await council.addSignature(tx, { signer: account.address, signature })
   */
  async addSignature(transaction: CouncilTransaction, signature: CouncilSignature): Promise<CouncilTransaction> {
    this.#assertOwn(transaction);
    const state = await this.getState();
    const verified = await verifyCouncilSignatures(transaction, state);
    const accepted = await verifyCouncilSignature({ ...transaction, signatures: verified }, signature, state);
    return { ...transaction, signatures: [...verified, accepted] };
  }

  /** Signs through protocol-kit (`eth_signTypedData_v4`) as `signer`: the CLI's path to a signature. */
  async sign(transaction: CouncilTransaction, signer: CouncilSigner): Promise<CouncilSignature> {
    const { state, address } = await this.#ownerOf(transaction, signer);
    const kit = await this.#kitFor(signer);
    const kitTransaction = await toKitTransaction(kit, transaction);
    const signed = await kit.signTransaction(kitTransaction, SigningMethod.ETH_SIGN_TYPED_DATA_V4);
    const signature = (signed.getSignature(address)?.data ?? "0x") as Hex;
    return verifyCouncilSignature(transaction, { signer: address, signature }, state);
  }

  /** Verified signatures and on-chain approvals of the transaction, against the threshold. */
  async getApprovals(transaction: CouncilTransaction): Promise<CouncilApprovals> {
    return (await this.#tally(transaction)).approvals;
  }

  /**
   * The on-chain alternative to a signature: `signer`, an owner, sends `approveHash(safeTxHash)`.
   *
   * @example
   * await council.approveHash(tx, { address: owner })
   */
  async approveHash(transaction: CouncilTransaction, signer: CouncilSigner): Promise<{ transactionHash: Hash }> {
    const { address } = await this.#ownerOf(transaction, signer);
    const { safeTxHash } = reviewCouncilTransaction(transaction);
    if (includesAddress(await readApprovedOnChain(this.#connection.kit, safeTxHash), address)) {
      throw new CouncilDuplicateSignatureError({ signer: address, onChain: true });
    }
    const kit = await this.#kitFor(signer);
    return { transactionHash: await approveHashWithKit(kit, this.#connection.client, safeTxHash) };
  }

  /**
   * Executes once verified signatures plus on-chain approvals reach the threshold; `signer` only
   * relays (pays gas) and need not be an owner. Below the threshold nothing is sent. Resolves
   * when the Safe has emitted `ExecutionSuccess` for this safeTxHash.
   *
   * @example
   * const { transactionHash, safeTxHash } = await council.execute(tx, { privateKey: relayerKey })
   */
  async execute(
    transaction: CouncilTransaction,
    signer: CouncilSigner,
  ): Promise<{ transactionHash: Hash; safeTxHash: Hash }> {
    const { approvals, signatures } = await this.#tally(transaction);
    if (approvals.missing > 0) {
      throw new CouncilThresholdNotMetError({ approvals: approvals.approvers.length, threshold: approvals.threshold });
    }
    const kit = await this.#kitFor(signer);
    return executeWithKit(kit, this.#connection.client, { ...transaction, signatures });
  }

  /** Re-verifies every carried signature and reads on-chain approvals. */
  async #tally(transaction: CouncilTransaction) {
    const state = await this.#current(transaction);
    const signatures = await verifyCouncilSignatures(transaction, state);
    const { safeTxHash } = reviewCouncilTransaction(transaction);
    const onChain = await readApprovedOnChain(this.#connection.kit, safeTxHash);
    return { approvals: countApprovals(state.threshold, signatures.map(({ signer }) => signer), onChain), signatures };
  }

  #assertOwn({ safe, chainId }: CouncilTransaction) {
    if (!isAddressEqual(safe, this.address) || chainId !== this.chainId) {
      const expected = `${this.address} on chain ${this.chainId}`;
      throw new CouncilWrongSafeError({ expected, actual: `${safe} on chain ${chainId}` });
    }
  }

  /** The Safe's state, after checking the transaction is this Safe's and at its current nonce. */
  async #current(transaction: CouncilTransaction): Promise<CouncilSafeState> {
    this.#assertOwn(transaction);
    const state = await this.getState();
    if (transaction.data.nonce !== state.nonce) {
      throw new CouncilStaleNonceError({ safeNonce: state.nonce, transactionNonce: transaction.data.nonce });
    }
    return state;
  }

  async #ownerOf(transaction: CouncilTransaction, signer: CouncilSigner) {
    const state = await this.#current(transaction);
    const address = signer.privateKey ? privateKeyToAddress(signer.privateKey) : getAddress(signer.address);
    if (!includesAddress(state.owners, address)) throw new CouncilNotOwnerError({ signer: address, safe: this.address });
    return { state, address };
  }

  /** protocol-kit with a signer: `connect` drops the signer unless it is passed again. */
  #kitFor(signer: CouncilSigner): Promise<Safe> {
    return this.#connection.kit.connect({ signer: signer.privateKey ?? getAddress(signer.address) });
  }
}
