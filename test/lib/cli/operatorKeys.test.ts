/**
 * The sequencer's operator keys (lib/cli/commands/operatorKeys.ts): loaded from keystores with a
 * password file, the plaintext file accepted on the devnet's manifest only — in-process for what
 * loads, and as users run `superchain sequencer start` (a child process, stdin a pipe) for every
 * refusal, asserting that no key or password is ever in its output. Keystores use a small scrypt
 * cost (N = 2^10) to keep the suite fast.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";

import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { manifestSchema, type Manifest } from "../../../lib/chains/index.ts";
import { operatorAccounts } from "../../../lib/cli/commands/operatorKeys.ts";
import { OperatorKeystoreError } from "../../../lib/cli/errors.ts";
import { KeystoreWrongPasswordError, PlaintextKeyRefusedError, writeKeystore } from "../../../lib/keys/index.ts";
import { runSuperchain, runSuperchainOnTerminal, type CliRun } from "../../helpers/cli.ts";
import { buildManifest, lowercaseAddress } from "../../helpers/manifest.ts";
import { tempFolder } from "../../helpers/tempFiles.ts";

const { dir, file } = tempFolder("superchain-operator-keys-");
const PASSWORD = "operator keystore password";
const [key901, key902] = [generatePrivateKey(), generatePrivateKey()];
const passwordFile = file("password", `${PASSWORD}\n`);
const wrongPasswordFile = file("wrong-password", "not the password\n");
const plaintextFile = file("operator-keys.json", JSON.stringify({ 901: key901, 902: key902 }));

type Loose = any;
/** The test manifest on `network`, with an OutputOracle (commitments on) and nodes nobody serves. */
function manifestOn(network: string): { manifest: Manifest; path: string } {
  const input: Loose = buildManifest();
  input.network = network;
  input.contracts.outputOracle = lowercaseAddress(0xa6);
  input.hub.rpcUrl = "http://127.0.0.1:9";
  for (const member of input.members) member.rpcUrl = "http://127.0.0.1:9";
  return { manifest: manifestSchema.parse(input), path: file(`${network}.json`, JSON.stringify(input)) };
}
const devnet = manifestOn("devnet");
const testnet = manifestOn("testnet");

const start = (args: string[]): Promise<CliRun> =>
  runSuperchain({
    env: { ...process.env, SUPERCHAIN_DEVNET_DIR: join(dir, "devnet"), FORCE_COLOR: "0", LOG_LEVEL: "trace" },
    cwd: dir,
    args: ["sequencer", "start", "--manifest", testnet.path, "--port", "0", "--store", join(dir, "store.sqlite"), ...args],
    timeoutMs: 60_000,
  });

function assertNoSecret(run: CliRun): void {
  for (const secret of [key901, key902, PASSWORD, "not the password"].flatMap((s) => [s, s.replace(/^0x/, "")])) {
    assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), "a secret was printed");
  }
}

describe("sequencer operator keys", { concurrency: true }, () => {
  let keystore901 = "";
  let keystore902 = "";
  const keystores = (async () => {
    keystore901 = join(dir, "op-901.json");
    keystore902 = join(dir, "op-902.json");
    await writeKeystore({ out: keystore901, privateKey: key901, password: PASSWORD, scryptN: 1024 });
    await writeKeystore({ out: keystore902, privateKey: key902, password: PASSWORD, scryptN: 1024 });
  })();
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("keystores with a password file load as each chain's operator account, on any network", async () => {
    await keystores;
    const accounts = await operatorAccounts({ operatorKeystore: [`901=${keystore901}`, `902=${keystore902}`], passwordFile }, testnet.manifest, "usage");
    assert.equal(accounts?.[901]?.address, privateKeyToAccount(key901).address);
    assert.equal(accounts?.[902]?.address, privateKeyToAccount(key902).address);
    assert.equal(await operatorAccounts({}, testnet.manifest, "usage"), undefined, "none given: commitments off");
  });

  it("the plaintext file works on the devnet's manifest only, and its refusal names the keystore option", async () => {
    const accounts = await operatorAccounts({ operatorKeys: plaintextFile }, devnet.manifest, "usage");
    assert.equal(accounts?.[902]?.address, privateKeyToAccount(key902).address);
    await assert.rejects(operatorAccounts({ operatorKeys: plaintextFile }, testnet.manifest, "usage"), (error: unknown) => {
      assert.ok(error instanceof PlaintextKeyRefusedError);
      assert.match(error.shortMessage, /refused on testnet: use --operator-keystore <chainId>=<file>/);
      return true;
    });
  });

  it("a keystore for a chain that is no member, or a wrong password, is refused", async () => {
    await keystores;
    await assert.rejects(operatorAccounts({ operatorKeystore: [`999=${keystore901}`], passwordFile }, testnet.manifest, "usage"), OperatorKeystoreError);
    await assert.rejects(operatorAccounts({ operatorKeystore: [`901=${keystore901}`], passwordFile: wrongPasswordFile }, testnet.manifest, "usage"), KeystoreWrongPasswordError);
  });

  it("sequencer start with keystores logs no secret (it then fails on the nodes nobody serves)", async () => {
    await keystores;
    const run = await start(["--operator-keystore", `901=${keystore901}`, "--operator-keystore", `902=${keystore902}`, "--password-file", passwordFile]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /did not answer eth_chainId/, "it got past the keys");
    assert.doesNotMatch(run.stdout, /commitments-off/, "both chains have their operator");
    assertNoSecret(run);
  });

  it("sequencer start on a terminal asks for each keystore's password, echoing nothing", async () => {
    await keystores;
    const { code, transcript } = await runSuperchainOnTerminal({
      env: { ...process.env, SUPERCHAIN_DEVNET_DIR: join(dir, "devnet"), FORCE_COLOR: "0", LOG_LEVEL: "trace" },
      cwd: dir,
      args: ["sequencer", "start", "--manifest", testnet.path, "--port", "0", "--store", join(dir, "terminal.sqlite"), "--operator-keystore", `901=${keystore901}`, "--operator-keystore", `902=${keystore902}`],
      answers: [
        [`Password for ${keystore901}: `, PASSWORD],
        [`Password for ${keystore902}: `, PASSWORD],
      ],
    });
    assert.equal(code, 1, "it got past the keys and failed on the nodes nobody serves");
    assert.match(transcript, /did not answer eth_chainId/);
    assert.ok(!transcript.includes(PASSWORD) && !transcript.includes(key901.slice(2)), "a secret was shown");
  });

  it("sequencer start refuses plaintext keys outside the devnet (exit 1), naming --operator-keystore", async () => {
    const run = await start(["--operator-keys", plaintextFile]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /holds a plaintext key, refused on testnet: use --operator-keystore <chainId>=<file>/);
    assertNoSecret(run);
  });

  it("sequencer start with a keystore but no password file and no terminal is a usage error (exit 2)", async () => {
    await keystores;
    const run = await start(["--operator-keystore", `901=${keystore901}`]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no password: stdin is not a terminal to prompt on; give --password-file <file>/);
    assert.match(run.stderr, /Usage: superchain sequencer start/);
  });

  it("sequencer start refuses a wrong password, a malformed keystore or a chain that is no member (exit 1), quoting no secret", async () => {
    await keystores;
    const wrong = await start(["--operator-keystore", `901=${keystore901}`, "--password-file", wrongPasswordFile]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /wrong password for the keystore .*op-901\.json/);
    const rawKey = await start(["--operator-keystore", `901=${file("raw-key.json", key901)}`, "--password-file", passwordFile]);
    assert.equal(rawKey.code, 1);
    assert.match(rawKey.stderr, /raw-key\.json is not a keystore: it is not JSON/);
    const oversized = await start(["--operator-keystore", `901=${file("huge.json", " ".repeat(70_000))}`, "--password-file", passwordFile]);
    assert.match(oversized.stderr, /is not a keystore: it is larger than 65536 bytes/);
    const stranger = await start(["--operator-keystore", `999=${keystore901}`, "--password-file", passwordFile]);
    assert.equal(stranger.code, 1);
    assert.match(stranger.stderr, /--operator-keystore names chain 999, which is no member chain of testnet/);
    for (const run of [wrong, rawKey, oversized, stranger]) assertNoSecret(run);
  });

  it("sequencer start refuses malformed key flags (exit 2), before reading anything", async () => {
    const cases: [string[], RegExp][] = [
      [["--operator-keystore", "op.json"], /--operator-keystore must be <chainId>=<keystore file>, got "op\.json"/],
      [["--operator-keystore", "901=a.json", "--operator-keystore", "901=b.json"], /--operator-keystore names a chain twice/],
      [["--operator-keys", plaintextFile, "--operator-keystore", "901=a.json"], /--operator-keys and --operator-keystore: give one or the other/],
      [["--password-file", passwordFile], /--password-file needs --operator-keystore/],
      [["--operator-keystore"], /--operator-keystore needs a value/],
    ];
    const help = await start(["--help"]);
    assert.match(help.stdout, /--operator-keystore <chainId=file> .*\(repeatable\)/);
    for (const [args, message] of cases) {
      const run = await start(args);
      assert.equal(run.code, 2, args.join(" "));
      assert.match(run.stderr, message);
    }
  });

  it("a plaintext key file that is not JSON is refused on the devnet too, without quoting it", async () => {
    const broken = file("broken-keys.json", `{"901": ${key901}}`);
    const run = await runSuperchain({ env: { ...process.env, FORCE_COLOR: "0" }, cwd: dir, args: ["sequencer", "start", "--manifest", devnet.path, "--port", "0", "--store", join(dir, "devnet.sqlite"), "--operator-keys", broken] });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /cannot read the operator keys in .*broken-keys\.json/);
    assertNoSecret(run);
  });
});
