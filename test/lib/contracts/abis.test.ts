import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, it } from "node:test";

import { abiExportName, GENERATED_DIR, readProductArtifacts, renderAbiModules } from "../../../scripts/abi-codegen.ts";
import { superchainGovernorAbi } from "../../../lib/contracts/index.ts";

const root = resolve(import.meta.dirname, "../../..");

describe("lib/contracts generated ABIs", () => {
  const artifacts = readProductArtifacts(join(root, "artifacts"));
  const wanted = renderAbiModules(artifacts);

  it("covers the product contracts and leaves mocks out", () => {
    const names = artifacts.map((a) => a.contractName);
    for (const name of ["SuperchainGovernor", "SuperchainToken", "SuperchainTimelock", "IGovernorCountingByChain"]) {
      assert.ok(names.includes(name), `${name} has an ABI module`);
    }
    assert.ok(!names.includes("BaselineGovernor"), "mocks are not product ABIs");
    assert.ok(!names.includes("GovernorCountingByChain"), "abstract contracts are left out");
  });

  it("match the current build (run `npm run build` when this fails)", () => {
    for (const [path, text] of wanted) {
      const file = join(root, path);
      assert.ok(existsSync(file), `${path} is missing`);
      assert.equal(readFileSync(file, "utf8"), text, `${path} is stale`);
    }
    const committed = readdirSync(join(root, GENERATED_DIR)).map((f) => join(GENERATED_DIR, f));
    const orphans = committed.filter((path) => !wanted.has(path));
    assert.deepEqual(orphans, [], "modules without a contract");
  });

  it("are the same objects the build produced", () => {
    const governor = artifacts.find((a) => a.contractName === "SuperchainGovernor");
    assert.ok(governor);
    assert.deepEqual(superchainGovernorAbi, governor.abi);
    assert.equal(abiExportName("SuperchainGovernor"), "superchainGovernorAbi");
  });

  it("refuses two contracts with one name", () => {
    const twin = { contractName: "X", sourceName: "contracts/a/X.sol", abi: [{}], bytecode: "0x00" };
    assert.throws(
      () => renderAbiModules([twin, { ...twin, sourceName: "contracts/b/X.sol" }]),
      /two contracts are named X/,
    );
  });
});
