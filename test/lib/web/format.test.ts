import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { shortAddress, shortHex, shortProposalId } from "../../../lib/web/format.ts";

describe("lib/web/format: short forms", () => {
  it("cuts hashes and addresses in the middle, and leaves short values whole", () => {
    assert.equal(shortHex(`0x${"ab".repeat(32)}`), "0xababab…ababab");
    assert.equal(shortHex(`0x${"ab".repeat(32)}`, 8), "0xabababab…abababab");
    assert.equal(shortHex("0x1234"), "0x1234");
    assert.equal(shortAddress("0x000000000000000000000000000000000000000A"), "0x0000…000A");
  });

  it("cuts a proposal id (a hash as a decimal) to its ends, whether given as a bigint or its text", () => {
    const id = 2n ** 255n + 12_345n;
    assert.equal(shortProposalId(id), `${id.toString().slice(0, 6)}…${id.toString().slice(-6)}`);
    assert.equal(shortProposalId(id.toString()), shortProposalId(id));
    assert.equal(shortProposalId(7n), "7");
    assert.equal(shortProposalId("12345678901234"), "12345678901234", "14 digits stay whole");
  });
});
