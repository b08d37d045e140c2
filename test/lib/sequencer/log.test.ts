/**
 * The sequencer's pino logger: one JSON line per event with stable fields, bigints as strings,
 * errors with their class and cause, `LOG_LEVEL` checked, and per-block lines only at debug (a
 * real sequencing loop on a real EDR node, its lines captured from the injected destination).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { BaseError } from "../../../lib/errors.ts";
import { createLogger, logLevel, LogLevelError, type LogLevel } from "../../../lib/sequencer/log.ts";
import { sequencedNode } from "../../helpers/sequencedNode.ts";

type Line = Record<string, unknown> & { event: string; level: number; time: number };

/** A logger at `level` and the lines it wrote, parsed. */
function captured(level: LogLevel) {
  const lines: Line[] = [];
  const log = createLogger({ level, destination: { write: (text: string) => lines.push(JSON.parse(text) as Line) } });
  return { log, lines };
}

class OuterError extends BaseError {
  override name = "OuterError";
}

describe("sequencer log", () => {
  it("writes one JSON line per event: level, time, pid, event, then the fields, bigints as decimal strings", () => {
    const { log, lines } = captured("info");
    log.info("config-applied", { chainId: 901, version: 3n, nested: { wei: 10n ** 30n, list: [1n] } });
    log.debug("hidden", {});
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.deepEqual(Object.keys(line!).slice(0, 4), ["level", "time", "pid", "event"]);
    assert.equal(line!.level, 30);
    assert.equal(typeof line!.time, "number");
    assert.equal(line!.pid, process.pid);
    assert.equal(line!.event, "config-applied");
    assert.equal(line!.chainId, 901);
    assert.equal(line!.version, "3");
    assert.deepEqual(line!.nested, { wei: "1000000000000000000000000000000", list: ["1"] });
  });

  it("logs an error under err with its class, message, stack and cause", () => {
    const { log, lines } = captured("info");
    log.error("tick-failed", { chainId: 901, err: new OuterError("engine refused", { cause: new TypeError("fetch failed") }) });
    const err = lines[0]?.err as { type: string; message: string; stack: string; cause: { type: string; message: string } };
    assert.equal(lines[0]?.level, 50);
    assert.equal(err.type, "OuterError");
    assert.equal(err.message, "engine refused");
    assert.match(err.stack, /OuterError: engine refused\n\s+at /);
    assert.equal(err.cause.type, "TypeError");
    assert.equal(err.cause.message, "fetch failed");
  });

  it("reads LOG_LEVEL (info when unset) and refuses what is not a level, naming the choices", () => {
    assert.equal(logLevel({}), "info");
    assert.equal(logLevel({ LOG_LEVEL: "" }), "info");
    assert.equal(logLevel({ LOG_LEVEL: "debug" }), "debug");
    assert.equal(logLevel({ LOG_LEVEL: "WARN" }), "warn");
    assert.throws(
      () => logLevel({ LOG_LEVEL: "verbose" }),
      (error: unknown) => error instanceof LogLevelError && error.message === 'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent; got "verbose"',
    );
  });

  it("logs each block at debug and hides it at info", { timeout: 60_000 }, async () => {
    for (const level of ["debug", "info"] as const) {
      const { log, lines } = captured(logLevel({ LOG_LEVEL: level }));
      const chain = await sequencedNode("log-", { log });
      try {
        await chain.ticks(2);
      } finally {
        await chain.stop();
      }
      assert.ok(lines.some((line) => line.event === "recovered" && line.chainId === 901 && line.level === 30), `${level}: start-up at info`);
      const blocks = lines.filter((line) => line.event === "block");
      if (level === "info") assert.deepEqual(blocks, [], "no per-block lines at info");
      else {
        assert.ok(blocks.length >= 1, "per-block lines at debug");
        assert.equal(blocks[0]?.level, 20);
        assert.equal(blocks[0]?.chainId, 901);
        assert.match(String(blocks[0]?.number), /^\d+$/, "the block number, a bigint, as a decimal string");
      }
    }
  });
});
