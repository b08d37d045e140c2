/**
 * lib/keys/password.ts: the hidden prompt, on a stand-in terminal (a stream that says it is a
 * TTY and records raw mode), and the password file's first-line rule.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, describe, it } from "node:test";

import { PasswordUnavailableError, promptSecret, PromptCancelledError, readPasswordFile } from "../../../lib/keys/index.ts";

function fakeTerminal({ isTTY = true } = {}) {
  const modes: boolean[] = [];
  const input = Object.assign(new PassThrough(), { isTTY, setRawMode: (mode: boolean) => modes.push(mode) });
  const output = new PassThrough();
  let written = "";
  output.on("data", (chunk: Buffer) => (written += chunk.toString()));
  return { terminal: { input, output }, modes, written: () => written };
}

describe("password sources", () => {
  const dir = mkdtempSync(join(tmpdir(), "superchain-password-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("the prompt reads one line in raw mode, echoes nothing, honours backspace and restores the mode", async () => {
    const { terminal, modes, written } = fakeTerminal();
    const answer = promptSecret(terminal, "Password: ");
    terminal.input.write("hunter3");
    terminal.input.write("\u007f2\rtrailing");
    assert.equal(await answer, "hunter2");
    assert.deepEqual(modes, [true, false]);
    assert.equal(written(), "Password: \n");
  });

  it("Ctrl-C, Ctrl-D or the end of the input cancel the prompt", async () => {
    for (const end of ["\u0003", "\u0004", null]) {
      const { terminal, modes } = fakeTerminal();
      const answer = promptSecret(terminal, "Password: ");
      if (end === null) terminal.input.end("abc");
      else terminal.input.write(`abc${end}`);
      await assert.rejects(answer, PromptCancelledError);
      assert.deepEqual(modes, [true, false]);
    }
  });

  it("without a terminal there is no prompt", async () => {
    const { terminal, written } = fakeTerminal({ isTTY: false });
    await assert.rejects(promptSecret(terminal, "Password: "), PasswordUnavailableError);
    assert.equal(written(), "");
  });

  it("a password file gives its first line, CRLF or LF, spaces kept", async () => {
    const path = join(dir, "pw");
    writeFileSync(path, " pass word \r\nsecond\n");
    assert.equal(await readPasswordFile(path), " pass word ");
    writeFileSync(path, "no newline");
    assert.equal(await readPasswordFile(path), "no newline");
  });
});
