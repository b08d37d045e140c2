/**
 * lib/safe on a real (in-process EDR) chain: the canonical Safe 1.4.1 set placed through the
 * singleton factory, checked against @safe-global/safe-deployments, and a Safe created through
 * the canonical proxy factory that protocol-kit can drive with `safeContractNetworks`.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";

import Safe from "@safe-global/protocol-kit";
import * as safeDeployments from "@safe-global/safe-deployments";
import { network } from "hardhat";
import { getAddress, keccak256, type Address } from "viem";

import {
  createSafe,
  deploySafeContracts,
  ensureSingletonFactory,
  SAFE_CONTRACT_NAMES,
  safeContractNetworks,
  SafeCodeMismatchError,
  SafeInvalidSetupError,
  singletonFactory,
  SingletonFactoryError,
  type SafeContractName,
} from "../../../lib/safe/index.ts";
import { deployCouncilSafe, type CouncilSafeFixture } from "../../helpers/safe.ts";

/** safe-deployments' own accessors, independent of the table in lib/safe. */
const EXPECTED: Record<SafeContractName, Address> = Object.fromEntries(
  (
    [
      ["Safe", safeDeployments.getSafeSingletonDeployment],
      ["SafeL2", safeDeployments.getSafeL2SingletonDeployment],
      ["SafeProxyFactory", safeDeployments.getProxyFactoryDeployment],
      ["MultiSend", safeDeployments.getMultiSendDeployment],
      ["MultiSendCallOnly", safeDeployments.getMultiSendCallOnlyDeployment],
      ["CompatibilityFallbackHandler", safeDeployments.getCompatibilityFallbackHandlerDeployment],
      ["SignMessageLib", safeDeployments.getSignMessageLibDeployment],
      ["CreateCall", safeDeployments.getCreateCallDeployment],
      ["SimulateTxAccessor", safeDeployments.getSimulateTxAccessorDeployment],
    ] as const
  ).map(([name, get]) => [name, getAddress(get({ version: "1.4.1" })?.defaultAddress ?? "0x")]),
) as Record<SafeContractName, Address>;

const FALLBACK_HANDLER_SLOT = keccak256(new TextEncoder().encode("fallback_manager.handler.address"));

describe("lib/safe: canonical Safe 1.4.1 on EDR", () => {
  let f: CouncilSafeFixture;
  before(async () => {
    f = await deployCouncilSafe();
  });

  it("places the singleton factory at its published address", async () => {
    assert.equal(f.deployment.factory.address, "0x914d7Fec6aaC8cd542e72Bca78B30650d45643d7");
    assert.equal(f.deployment.factory.placed, true);
    const code = await f.publicClient.getCode({ address: f.deployment.factory.address });
    assert.equal(code, singletonFactory().runtimeCode);
  });

  it("deploys every contract at the address safe-deployments lists, with the canonical code", async () => {
    for (const name of SAFE_CONTRACT_NAMES) {
      const deployed = f.deployment.contracts[name];
      assert.equal(deployed.address, EXPECTED[name], name);
      assert.ok(deployed.transactionHash, `${name} was deployed by this run`);
      const code = await f.publicClient.getCode({ address: deployed.address });
      assert.ok(code);
      assert.equal(keccak256(code), deployed.codeHash.toLowerCase(), name);
    }
  });

  it("re-deploying the set is a no-op: nothing placed, nothing sent", async () => {
    const blockBefore = await f.publicClient.getBlockNumber();
    const again = await deploySafeContracts(f.wallets.deployer);
    assert.equal(again.factory.placed, false);
    for (const name of SAFE_CONTRACT_NAMES) {
      assert.equal(again.contracts[name].transactionHash, undefined, name);
      assert.equal(again.contracts[name].address, EXPECTED[name]);
    }
    assert.equal(await f.publicClient.getBlockNumber(), blockBefore);
  });

  it("creates a 2-of-3 Safe with the compatibility fallback handler that protocol-kit reads", async () => {
    const kit = await Safe.init({ provider: f.provider, safeAddress: f.safe, contractNetworks: f.contractNetworks });
    assert.equal(kit.getContractVersion(), "1.4.1");
    assert.deepEqual(await kit.getOwners(), f.owners);
    assert.equal(await kit.getThreshold(), 2);
    assert.equal(await kit.getNonce(), 0);
    assert.equal(getAddress(await kit.getFallbackHandler()), EXPECTED.CompatibilityFallbackHandler);
    const slot = await f.publicClient.getStorageAt({ address: f.safe, slot: FALLBACK_HANDLER_SLOT });
    assert.equal(getAddress(`0x${slot?.slice(26)}`), EXPECTED.CompatibilityFallbackHandler);
  });

  it("creating the same Safe again returns it without sending; another salt gives another Safe", async () => {
    const same = await createSafe(f.wallets.deployer, { owners: f.owners, threshold: 2, saltNonce: 0n });
    assert.deepEqual(same, { address: f.safe });
    const other = await createSafe(f.wallets.deployer, { owners: f.owners, threshold: 2, saltNonce: 1n, singleton: "Safe" });
    assert.notEqual(other.address, f.safe);
    assert.ok(other.transactionHash);
  });

  it("refuses owners and thresholds Safe.setup would reject, before sending", async () => {
    const [a, b] = f.owners as [Address, Address, Address];
    await assert.rejects(createSafe(f.wallets.deployer, { owners: [a, b], threshold: 3, saltNonce: 9n }), SafeInvalidSetupError);
    await assert.rejects(createSafe(f.wallets.deployer, { owners: [a, a], threshold: 1, saltNonce: 9n }), SafeInvalidSetupError);
    await assert.rejects(createSafe(f.wallets.deployer, { owners: [], threshold: 0, saltNonce: 9n }), SafeInvalidSetupError);
  });

  it("names the canonical addresses in protocol-kit's contractNetworks shape", () => {
    const config = safeContractNetworks(900)["900"];
    assert.equal(config?.safeSingletonAddress, EXPECTED.SafeL2);
    assert.equal(config?.safeProxyFactoryAddress, EXPECTED.SafeProxyFactory);
    assert.equal(config?.multiSendAddress, EXPECTED.MultiSend);
    assert.equal(config?.multiSendCallOnlyAddress, EXPECTED.MultiSendCallOnly);
    assert.equal(config?.fallbackHandlerAddress, EXPECTED.CompatibilityFallbackHandler);
    assert.equal(config?.signMessageLibAddress, EXPECTED.SignMessageLib);
    assert.equal(config?.createCallAddress, EXPECTED.CreateCall);
    assert.equal(config?.simulateTxAccessorAddress, EXPECTED.SimulateTxAccessor);
    assert.equal(safeContractNetworks(900, { singleton: "Safe" })["900"]?.safeSingletonAddress, EXPECTED.Safe);
  });
});

describe("lib/safe: refusing foreign code at canonical addresses", () => {
  it("throws SafeCodeMismatchError when a canonical address holds other code", async () => {
    const { viem, networkHelpers } = await network.connect();
    const [deployer] = await viem.getWalletClients();
    assert.ok(deployer);
    await networkHelpers.setCode(EXPECTED.MultiSend, "0x6000");
    const error = await deploySafeContracts(deployer).then(
      () => assert.fail("expected a SafeCodeMismatchError"),
      (error: unknown) => error,
    );
    assert.ok(error instanceof SafeCodeMismatchError);
    assert.equal(error.contract, "MultiSend");
    assert.equal(error.address, EXPECTED.MultiSend);
  });

  it("throws SingletonFactoryError when the factory address holds other code", async () => {
    const { viem, networkHelpers } = await network.connect();
    const [deployer] = await viem.getWalletClients();
    assert.ok(deployer);
    await networkHelpers.setCode(singletonFactory().address, "0x6000");
    await assert.rejects(ensureSingletonFactory(deployer), SingletonFactoryError);
  });
});
