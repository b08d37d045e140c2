/**
 * StateProofVerifier against real proofs: EDR answers `eth_getProof`, so every case here proves
 * (or fails to prove) an actual token balance in an actual state root.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import { network } from "hardhat";
import { encodeAbiParameters, keccak256, numberToHex, parseEther, type Address, type Hex } from "viem";

/** OpenZeppelin 5's ERC20 keeps `_balances` at slot 0. */
const balanceSlot = (holder: Address): Hex => keccak256(encodeAbiParameters([{ type: "address" }, { type: "uint256" }], [holder, 0n]));

describe("StateProofVerifier", async () => {
  const { viem } = await network.connect();
  const publicClient = await viem.getPublicClient();
  const [deployer, holder] = await viem.getWalletClients();
  const verifier = await viem.deployContract("StateProofVerifier");
  const token = await viem.deployContract("SuperchainToken", ["Superchain", "SUP", deployer!.account.address, parseEther("1000")]);
  let stateRoot: Hex;
  let accountProof: Hex[];
  let storageProof: Hex[];
  const slot = balanceSlot(holder!.account.address);

  before(async () => {
    await token.write.transfer([holder!.account.address, parseEther("12.5")]);
    const block = await publicClient.getBlock();
    stateRoot = block.stateRoot;
    const proof = await publicClient.getProof({ address: token.address, storageKeys: [slot], blockNumber: block.number });
    accountProof = proof.accountProof;
    storageProof = proof.storageProof[0]!.proof;
  });

  it("proves a storage value against the state root it was read at", async () => {
    const value = await verifier.read.verifyStorage([stateRoot, token.address, slot, accountProof, storageProof]);
    assert.equal(BigInt(value), parseEther("12.5"));
  });

  it("proves the account itself: its storage root matches eth_getProof's", async () => {
    const proof = await publicClient.getProof({ address: token.address, storageKeys: [], blockNumber: (await publicClient.getBlock()).number });
    const account = await verifier.read.verifyAccount([stateRoot, token.address, accountProof]);
    assert.equal(account.storageRoot, proof.storageHash);
  });

  const refuses = async (args: Parameters<typeof verifier.read.verifyStorage>[0], error: string, part: number) => {
    await assert.rejects(verifier.read.verifyStorage(args), (e: Error) => {
      assert.match(e.message, new RegExp(`${error}\\(${part}\\)|${error}`));
      return true;
    });
  };

  it("refuses a wrong root", async () => {
    await refuses([keccak256("0x01"), token.address, slot, accountProof, storageProof], "StateProofRootMismatch", 0);
  });

  it("refuses the proof of one slot offered for another", async () => {
    await refuses([stateRoot, token.address, balanceSlot(deployer!.account.address), accountProof, storageProof], "StateProofInvalidNode", 1);
  });

  it("refuses the proof of one account offered for another (its path leaves the proof's nodes)", async () => {
    await refuses([stateRoot, holder!.account.address, slot, accountProof, storageProof], "StateProofInvalidNode", 0);
  });

  it("refuses a slot that holds nothing (zero values are not in the trie)", async () => {
    const empty = balanceSlot(verifier.address);
    const proof = await publicClient.getProof({ address: token.address, storageKeys: [empty], blockNumber: (await publicClient.getBlock()).number });
    await refuses([stateRoot, token.address, empty, accountProof, proof.storageProof[0]!.proof], "StateProof(KeyMismatch|Truncated)", 1);
  });

  it("refuses a truncated proof", async () => {
    await refuses([stateRoot, token.address, slot, accountProof, storageProof.slice(0, -1)], "StateProofTruncated", 1);
  });

  it("refuses a forged node", async () => {
    const forged = [...accountProof];
    const last = forged.length - 1;
    forged[last] = `${forged[last]!.slice(0, -2)}${numberToHex((parseInt(forged[last]!.slice(-2), 16) + 1) % 256, { size: 1 }).slice(2)}` as Hex;
    await refuses([stateRoot, token.address, slot, forged, storageProof], "StateProofInvalidNode", 0);
  });
});
