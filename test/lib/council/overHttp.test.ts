/**
 * The path the devnet CLI takes: a Hardhat (EDR) JSON-RPC server on 127.0.0.1, viem clients with
 * private-key accounts over HTTP, the Safe set deployed through them, and the council Safe
 * reached by RPC URL, with protocol-kit signing and relaying from private keys.
 */
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { network } from "hardhat";
import { createPublicClient, createWalletClient, getAddress, http, parseEther, toHex, type Hex } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";

import { CouncilSafe, reviewCouncilTransaction } from "../../../lib/council/index.ts";
import { createSafe, deploySafeContracts } from "../../../lib/safe/index.ts";

/** Hardhat's default accounts come from this well-known test mnemonic. */
const TEST_MNEMONIC = "test test test test test test test test test test test junk";
const privateKeyOf = (index: number): Hex => {
  const key = mnemonicToAccount(TEST_MNEMONIC, { addressIndex: index }).getHdKey().privateKey;
  if (!key) throw new Error(`no private key for account #${index}`);
  return toHex(key);
};

describe("CouncilSafe over HTTP with private keys (the devnet CLI's path)", () => {
  const server = network.createServer("default", "127.0.0.1", 0);
  let url: string;
  before(async () => {
    const { address, port } = await (await server).listen();
    assert.equal(address, "127.0.0.1");
    url = `http://127.0.0.1:${port}`;
  });
  after(async () => (await server).close());

  it("deploys the Safe set, creates a 2-of-3 Safe and sends ETH from it by RPC URL", async () => {
    const [deployerKey, aliceKey, bobKey, carolKey] = [0, 1, 2, 3].map(privateKeyOf) as [Hex, Hex, Hex, Hex];
    const publicClient = createPublicClient({ chain: hardhat, transport: http(url), pollingInterval: 50 });
    const unlocked = (await createWalletClient({ transport: http(url) }).getAddresses()).map((a) => getAddress(a));
    const [deployer, alice, bob, carol] = [deployerKey, aliceKey, bobKey, carolKey].map((key) => privateKeyToAccount(key));
    assert.ok(deployer && alice && bob && carol);
    assert.deepEqual(unlocked.slice(0, 4), [deployer.address, alice.address, bob.address, carol.address]);

    const wallet = createWalletClient({ account: deployer, chain: hardhat, transport: http(url), pollingInterval: 50 });
    await deploySafeContracts(wallet);
    const owners = [alice.address, bob.address, carol.address];
    const { address: safe } = await createSafe(wallet, { owners, threshold: 2, saltNonce: 7n });
    await publicClient.waitForTransactionReceipt({
      hash: await wallet.sendTransaction({ to: safe, value: parseEther("2") }),
    });

    const council = await CouncilSafe.connect({ safe, rpcUrl: url, pollingInterval: 50 });
    assert.deepEqual(await council.getState(), { owners, threshold: 2, nonce: 0n });
    const recipient = privateKeyToAccount(privateKeyOf(9)).address;
    const tx = await council.buildTransaction({ to: recipient, data: "0x", value: parseEther("1") });

    // Alice signs with a local viem account; Bob through protocol-kit with his key.
    const aliceSignature = await alice.signTypedData(reviewCouncilTransaction(tx).typedData);
    const signed = await council.addSignature(
      await council.addSignature(tx, { signer: alice.address, signature: aliceSignature }),
      await council.sign(tx, { privateKey: bobKey }),
    );

    const before = await publicClient.getBalance({ address: recipient });
    await council.execute(signed, { privateKey: deployerKey });
    assert.equal(await publicClient.getBalance({ address: recipient }), before + parseEther("1"));
    assert.equal(await publicClient.getBalance({ address: safe }), parseEther("1"));
    assert.equal((await council.getState()).nonce, 1n);
  });
});
