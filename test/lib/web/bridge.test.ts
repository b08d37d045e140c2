import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { getAddress, maxUint256, parseEther, zeroAddress, type Address, type Hash } from "viem";

import { parseAmount, parseRecipient } from "../../../lib/web/bridge/inputs.ts";
import { getBridgePrepare, parsePrepareQuery } from "../../../lib/web/bridge/prepareHttp.ts";
import { BridgePrepareError } from "../../../lib/web/bridge/errors.ts";
import { buildTransfers, describeState, transferState, type InitiatedRecord } from "../../../lib/web/bridge/transfers.ts";
import { fromPreparedJson, toPreparedJson } from "../../../lib/web/bridge/wire.ts";
import { spokeTokenAbi, spokeVotePoolAbi } from "../../../lib/contracts/index.ts";

const ALICE = getAddress("0x00000000000000000000000000000000000a11ce");
const BOB = getAddress("0x0000000000000000000000000000000000000b0b");
const TX = `0x${"ab".repeat(32)}` as Hash;

const record = (kind: "deposit" | "withdrawal", id: bigint, initiatedBlock: bigint, sender: Address = ALICE): InitiatedRecord => ({
  kind,
  id,
  chainId: 901,
  sender,
  recipient: ALICE,
  amount: parseEther("10"),
  initiatedBlock,
  initiatedTx: TX,
});

describe("bridge transfer states", () => {
  it("moves initiated → waiting → ready → finalized as commitments and the finalization arrive", () => {
    const transfer = { initiatedBlock: 120n };
    assert.equal(transferState(transfer, null), "initiated");
    assert.equal(transferState(transfer, 119n), "waiting");
    assert.equal(transferState(transfer, 120n), "ready", "a root of the transfer's own block proves it");
    assert.equal(transferState(transfer, 500n), "ready");
    assert.equal(transferState({ ...transfer, finalized: { block: 7n, tx: TX } }, null), "finalized", "finalized whatever the commitments say");
    assert.equal(transferState({ ...transfer, finalized: { block: 7n, tx: TX } }, 1n), "finalized");
  });

  it("joins each kind's logs by id, compares each kind with its own commitment, and lists what needs the account first", () => {
    const transfers = buildTransfers(
      [record("deposit", 0n, 10n), record("deposit", 1n, 30n), record("deposit", 2n, 50n), record("withdrawal", 0n, 200n), record("withdrawal", 1n, 900n)],
      [
        { kind: "deposit", id: 0n, block: 99n, tx: TX },
        // A withdrawal's finalization must not finalize the deposit with the same id.
        { kind: "withdrawal", id: 2n, block: 5n, tx: TX },
        // A finalization whose initiation is outside the scanned range is ignored.
        { kind: "deposit", id: 77n, block: 5n, tx: TX },
      ],
      { deposits: 40n, withdrawals: 250n },
    );
    assert.deepEqual(
      transfers.map((t) => [t.kind, t.id, t.state]),
      [
        ["deposit", 1n, "ready"],
        ["withdrawal", 0n, "ready"],
        ["deposit", 2n, "waiting"],
        ["withdrawal", 1n, "waiting"],
        ["deposit", 0n, "finalized"],
      ],
    );
    assert.equal(transfers.find((t) => t.kind === "deposit" && t.id === 0n)?.finalized?.block, 99n);
    assert.equal(transfers.find((t) => t.kind === "withdrawal" && t.id === 1n)?.committedBlock, 250n);
  });

  it("is initiated on the side that has no commitment yet, independently of the other", () => {
    const transfers = buildTransfers([record("deposit", 0n, 10n), record("withdrawal", 0n, 20n)], [], { deposits: 15n, withdrawals: null });
    assert.deepEqual(
      transfers.map((t) => [t.kind, t.state]),
      [
        ["deposit", "ready"],
        ["withdrawal", "initiated"],
      ],
    );
  });

  it("says where a transfer is in words, naming both chains and the newest committed block", () => {
    const names = { hub: "hub", member: "base-local" };
    assert.equal(describeState({ kind: "deposit", state: "waiting", committedBlock: 41n }, names), "Waiting for the next commitment: base-local holds hub up to block 41.");
    assert.equal(describeState({ kind: "withdrawal", state: "initiated", committedBlock: null }, names), "Initiated on base-local; hub has no commitment of base-local yet.");
    assert.equal(describeState({ kind: "withdrawal", state: "ready", committedBlock: 9n }, names), "Ready to finalize on hub.");
    assert.equal(describeState({ kind: "deposit", state: "finalized", committedBlock: 9n }, names), "Finalized on base-local.");
  });
});

describe("bridge form inputs", () => {
  const token = { decimals: 18, available: parseEther("1000"), symbol: "SUP" };
  it("reads amounts exactly, with separators, and refuses what the contract would refuse", () => {
    assert.deepEqual(parseAmount("1,000", token), { ok: true, value: parseEther("1000") });
    assert.deepEqual(parseAmount(" 12.5 ", token), { ok: true, value: parseEther("12.5") });
    assert.deepEqual(parseAmount(".000000000000000001", token), { ok: true, value: 1n });
    for (const [text, message] of [
      ["", /Enter an amount/],
      ["abc", /as a number/],
      ["-1", /as a number/],
      ["1e18", /as a number/],
      ["0.0", /above zero/],
      ["0.0000000000000000001", /at most 18 digits/],
      ["1000.01", /more than the 1,000 SUP you hold/],
    ] as const) {
      const parsed = parseAmount(text, token);
      assert.equal(parsed.ok, false, text);
      if (!parsed.ok) assert.match(parsed.message, message, text);
    }
    assert.equal(parseAmount("5000", { ...token, available: undefined }).ok, true, "no balance yet: the contract checks");
  });

  it("defaults the recipient to the account and checks a typed one", () => {
    assert.deepEqual(parseRecipient("  ", ALICE), { ok: true, value: ALICE });
    assert.deepEqual(parseRecipient(BOB.toLowerCase(), ALICE), { ok: true, value: BOB });
    assert.match((parseRecipient("0x1234", ALICE) as { message: string }).message, /not an address/);
    const checksummed = getAddress("0x8ba1f109551bd432803012645ac136ddd64dba72");
    const i = checksummed.slice(2).search(/[a-fA-F]/) + 2;
    const c = checksummed.charAt(i);
    const miscased = `${checksummed.slice(0, i)}${c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()}${checksummed.slice(i + 1)}`;
    assert.match((parseRecipient(miscased, ALICE) as { message: string }).message, /checksum/);
    assert.match((parseRecipient(zeroAddress, ALICE) as { message: string }).message, /zero address/);
  });
});

describe("prepared finalization wire format", () => {
  const args = [3n, ALICE, parseEther("5"), 120n, ["0xf8", "0xe2"], ["0x01"]] as const;
  it("round-trips a deposit's call with bigints as strings and the right ABI", () => {
    const json = toPreparedJson("deposit", { chainId: 901, address: BOB, abi: spokeTokenAbi, functionName: "finalizeDeposit", args });
    assert.deepEqual(json.args.slice(0, 4), ["3", ALICE, parseEther("5").toString(), "120"]);
    const write = JSON.parse(JSON.stringify(json)) as unknown;
    assert.deepEqual(fromPreparedJson(write), { chainId: 901, address: BOB, abi: spokeTokenAbi, functionName: "finalizeDeposit", args: [...args] });
    const withdrawal = fromPreparedJson(toPreparedJson("withdrawal", { chainId: 900, address: BOB, abi: spokeVotePoolAbi, functionName: "finalizeWithdrawal", args }));
    assert.equal(withdrawal?.abi, spokeVotePoolAbi);
  });

  it("refuses an answer that would make the wallet sign something else", () => {
    const good = toPreparedJson("deposit", { chainId: 901, address: BOB, abi: spokeTokenAbi, functionName: "finalizeDeposit", args });
    assert.equal(fromPreparedJson({ ...good, functionName: "finalizeWithdrawal" }), undefined, "kind and function disagree");
    assert.equal(fromPreparedJson({ ...good, args: ["-1", ...good.args.slice(1)] }), undefined);
    assert.equal(fromPreparedJson({ ...good, args: [...good.args.slice(0, 4), ["0xzz"], []] }), undefined);
    assert.equal(fromPreparedJson({ ...good, address: "0x1234" }), undefined);
    assert.equal(fromPreparedJson({ ...good, functionName: "transfer" }), undefined);
    assert.equal(fromPreparedJson(null), undefined);
  });
});

describe("GET /api/bridge/prepare: malformed input", () => {
  const refused = (query: string) => {
    assert.throws(
      () => parsePrepareQuery(new URLSearchParams(query)),
      (error: unknown) => error instanceof BridgePrepareError && error.code === "malformed" && error.status === 400,
      query,
    );
  };

  it("reads a well-formed query", () => {
    assert.deepEqual(parsePrepareQuery(new URLSearchParams("kind=deposit&chainId=901&id=0")), { kind: "deposit", chainId: 901, id: 0n });
    assert.deepEqual(parsePrepareQuery(new URLSearchParams(`kind=withdrawal&chainId=902&id=${maxUint256}`)), { kind: "withdrawal", chainId: 902, id: maxUint256 });
  });

  it("refuses every malformed parameter with a 400", () => {
    for (const query of [
      "",
      "chainId=901&id=0",
      "kind=Deposit&chainId=901&id=0",
      "kind=relay&chainId=901&id=0",
      "kind=deposit&id=0",
      "kind=deposit&chainId=0&id=0",
      "kind=deposit&chainId=-901&id=0",
      "kind=deposit&chainId=901.5&id=0",
      "kind=deposit&chainId=0x385&id=0",
      "kind=deposit&chainId=99999999999999999&id=0",
      "kind=deposit&chainId=901",
      "kind=deposit&chainId=901&id=",
      "kind=deposit&chainId=901&id=-1",
      "kind=deposit&chainId=901&id=01",
      "kind=deposit&chainId=901&id=0x10",
      "kind=deposit&chainId=901&id=1.0",
      `kind=deposit&chainId=901&id=${maxUint256 + 1n}`,
      `kind=deposit&chainId=901&id=${"9".repeat(5000)}`,
      "kind=deposit&chainId=901&id=1&id=2",
      "kind=deposit&kind=withdrawal&chainId=901&id=1",
      "kind=deposit&chainId=901&id=1&recipient=0x00",
    ]) {
      refused(query);
    }
  });

  it("answers malformed input with a JSON 400 before touching any chain, and 503 without a deployment", async () => {
    const response = await getBridgePrepare(new Request("http://127.0.0.1/api/bridge/prepare?kind=deposit&chainId=abc&id=1"));
    assert.equal(response.status, 400);
    assert.match(response.headers.get("content-type") ?? "", /application\/json/);
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, "malformed");
    assert.match(body.error.message, /chainId/);

    const previous = process.env.SUPERCHAIN_MANIFEST;
    process.env.SUPERCHAIN_MANIFEST = "/nonexistent/bridge-test/devnet.json";
    try {
      const unavailable = await getBridgePrepare(new Request("http://127.0.0.1/api/bridge/prepare?kind=deposit&chainId=901&id=1"));
      assert.equal(unavailable.status, 503);
      assert.equal(((await unavailable.json()) as { error: { code: string } }).error.code, "unavailable");
    } finally {
      if (previous === undefined) delete process.env.SUPERCHAIN_MANIFEST;
      else process.env.SUPERCHAIN_MANIFEST = previous;
    }
  });
});
