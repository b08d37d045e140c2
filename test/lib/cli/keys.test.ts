/**
 * `superchain keys new|import` as users run them (bin/superchain in a child process, stdin a
 * pipe; or a pseudo-terminal for the prompts): the keystores they write load back with lib/keys,
 * and no key or password ever appears in what they print or echo. These keystores use the
 * standard scrypt cost.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { loadKeystoreAccount } from "../../../lib/keys/index.ts";
import { runSuperchain, runSuperchainOnTerminal, type CliRun } from "../../helpers/cli.ts";

const dir = mkdtempSync(join(tmpdir(), "superchain-keys-cli-"));
const env = { ...process.env, SUPERCHAIN_DEVNET_DIR: join(dir, "devnet"), SUPERCHAIN_MANIFEST: join(dir, "devnet.json"), FORCE_COLOR: "0" };
const PASSWORD = "a long enough password";
const passwordFile = join(dir, "password");
writeFileSync(passwordFile, `${PASSWORD}\n`);

const keys = (args: string[], stdin?: string): Promise<CliRun> => runSuperchain({ env, cwd: dir, args: ["keys", ...args], ...(stdin === undefined ? {} : { stdin }), timeoutMs: 60_000 });

/** Asserts that none of `secrets` (nor a key's hex without 0x) is in the run's output. */
function assertNoSecret(run: CliRun, ...secrets: string[]): void {
  for (const secret of secrets.flatMap((s) => [s, s.replace(/^0x/, "")]).filter((s) => s !== "")) {
    assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), "a secret was printed");
  }
}

describe("superchain keys", { concurrency: true }, () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("new writes a keystore and prints only its address, which the keystore loads as", async () => {
    const out = join(dir, "new.json");
    const run = await keys(["new", "--out", out, "--password-file", passwordFile]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^0x[0-9a-fA-F]{40}\n$/);
    assert.equal(run.stderr, "");
    assertNoSecret(run, PASSWORD);
    const account = await loadKeystoreAccount({ path: out, password: { kind: "file", path: passwordFile } });
    assert.equal(account.address, run.stdout.trim());
  });

  it("import reads the key from stdin, prints its address, and the file holds it encrypted only", async () => {
    const privateKey = generatePrivateKey();
    const out = join(dir, "import.json");
    const run = await keys(["import", "--out", out, "--password-file", passwordFile], `${privateKey}\n`);
    assert.equal(run.code, 0, run.stderr);
    const { address } = privateKeyToAccount(privateKey);
    assert.equal(run.stdout, `${address}\n`);
    assertNoSecret(run, privateKey, PASSWORD);
    assert.ok(!readFileSync(out, "utf8").includes(privateKey.slice(2)));
    assert.equal((await loadKeystoreAccount({ path: out, password: { kind: "file", path: passwordFile } })).address, address);
  });

  it("import refuses a malformed key from stdin without echoing it (exit 1)", async () => {
    const notAKey = `0x${"ab".repeat(31)}`;
    const run = await keys(["import", "--out", join(dir, "bad-key.json"), "--password-file", passwordFile], notAKey);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /stdin is not a private key \(0x and 64 hex digits\)/);
    assertNoSecret(run, notAKey);
    assert.equal(existsSync(join(dir, "bad-key.json")), false);
  });

  it("without a password file and with no terminal to prompt on, both are usage errors (exit 2)", async () => {
    for (const [command, stdin] of [["new", ""], ["import", generatePrivateKey()]] as const) {
      const run = await keys([command, "--out", join(dir, `no-password-${command}.json`)], stdin);
      assert.equal(run.code, 2, command);
      assert.match(run.stderr, /no password: stdin is not a terminal to prompt on; give --password-file <file>/);
      assert.match(run.stderr, new RegExp(`Usage: superchain keys ${command}`));
      assertNoSecret(run, stdin);
      assert.equal(existsSync(join(dir, `no-password-${command}.json`)), false);
    }
  });

  it("refuses a short password, an unreadable password file and an existing --out (exit 1)", async () => {
    const short = join(dir, "short-password");
    writeFileSync(short, "1234567\n");
    const tooShort = await keys(["new", "--out", join(dir, "short.json"), "--password-file", short]);
    assert.equal(tooShort.code, 1);
    assert.match(tooShort.stderr, /the password must have at least 8 characters/);
    assertNoSecret(tooShort, "1234567");
    const missing = await keys(["new", "--out", join(dir, "missing.json"), "--password-file", join(dir, "absent")]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot read the password file .*absent: no such file/);
    const taken = join(dir, "taken.json");
    writeFileSync(taken, "keep me");
    const exists = await keys(["new", "--out", taken, "--password-file", passwordFile]);
    assert.equal(exists.code, 1);
    assert.match(exists.stderr, /taken\.json already exists/);
    assert.equal(readFileSync(taken, "utf8"), "keep me");
  });

  it("on a terminal, new asks for the password twice and echoes nothing", async () => {
    const out = join(dir, "terminal-new.json");
    const typed = "typed at the prompt";
    const { code, transcript } = await runSuperchainOnTerminal({
      env,
      cwd: dir,
      args: ["keys", "new", "--out", out],
      answers: [["Password for the new keystore: ", typed], ["Repeat the password: ", typed]],
    });
    assert.equal(code, 0, transcript);
    assert.ok(!transcript.includes(typed), "the password was echoed");
    const address = /0x[0-9a-fA-F]{40}/.exec(transcript)?.[0];
    const typedFile = join(dir, "typed-password");
    writeFileSync(typedFile, typed);
    assert.equal((await loadKeystoreAccount({ path: out, password: { kind: "file", path: typedFile } })).address, address);
  });

  it("on a terminal, import takes the key at a hidden prompt; differing passwords or Ctrl-C write nothing (exit 1)", async () => {
    const privateKey = generatePrivateKey();
    const out = join(dir, "terminal-import.json");
    const imported = await runSuperchainOnTerminal({
      env,
      cwd: dir,
      args: ["keys", "import", "--out", out, "--password-file", passwordFile],
      answers: [["Private key (0x and 64 hex digits): ", privateKey]],
    });
    assert.equal(imported.code, 0, imported.transcript);
    assert.ok(!imported.transcript.includes(privateKey.slice(2)), "the key was echoed");
    assert.match(imported.transcript, new RegExp(privateKeyToAccount(privateKey).address));
    const differ = await runSuperchainOnTerminal({
      env,
      cwd: dir,
      args: ["keys", "new", "--out", join(dir, "differ.json")],
      answers: [["Password for the new keystore: ", "first password"], ["Repeat the password: ", "second password"]],
    });
    assert.equal(differ.code, 1);
    assert.match(differ.transcript, /the two passwords differ/);
    const cancelled = await runSuperchainOnTerminal({ env, cwd: dir, args: ["keys", "new", "--out", join(dir, "cancelled.json")], answers: [["Password for the new keystore: ", "\u0003"]] });
    assert.equal(cancelled.code, 1);
    assert.match(cancelled.transcript, /cancelled at the prompt/);
    for (const name of ["differ.json", "cancelled.json"]) assert.equal(existsSync(join(dir, name)), false, name);
  });

  it("bad command lines are usage errors (exit 2): no --out, an unknown option, a key as an argument", async () => {
    const noOut = await keys(["new", "--password-file", passwordFile]);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /--out is required/);
    const unknown = await keys(["import", "--out", join(dir, "x.json"), "--private-key", "0x01"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option --private-key/);
    const privateKey = generatePrivateKey();
    const asArgument = await keys(["import", "--out", join(dir, "argv.json"), privateKey]);
    assert.equal(asArgument.code, 2);
    assert.match(asArgument.stderr, /unexpected argument that looks like a private key \(not shown\)/);
    assertNoSecret(asArgument, privateKey);
    const help = await keys(["import", "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--password-file <file>/);
  });
});
