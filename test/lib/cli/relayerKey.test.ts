/**
 * `superchain relay`'s key (lib/cli/commands/relayerKey.ts) as users give it: a keystore from
 * `--keystore` or `SUPERCHAIN_RELAYER_KEYSTORE` with its password file from `--password-file` or
 * `SUPERCHAIN_RELAYER_PASSWORD_FILE`; the plaintext `SUPERCHAIN_RELAYER_KEY` refused outside the
 * devnet. bin/superchain runs in a child process with stdin a pipe; no case reaches a hub (its URL
 * is a port nobody serves) except to show the key was loaded, and no output holds a secret.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";

import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";

import { manifestSchema } from "../../../lib/chains/index.ts";
import { relayerAccount } from "../../../lib/cli/commands/relayerKey.ts";
import { writeKeystore } from "../../../lib/keys/index.ts";
import { runSuperchain, type CliRun } from "../../helpers/cli.ts";
import { buildManifest, lowercaseAddress } from "../../helpers/manifest.ts";
import { tempFolder } from "../../helpers/tempFiles.ts";

const { dir, file } = tempFolder("superchain-relayer-key-");
const PASSWORD = "relayer keystore password";
const privateKey = generatePrivateKey();
const passwordFile = file("password", `${PASSWORD}\n`);
const wrongPasswordFile = file("wrong-password", "not the password\n");
const keystore = join(dir, "relayer.json");

type Loose = any;
function manifestInput(network: string): Loose {
  const manifest: Loose = buildManifest();
  manifest.network = network;
  manifest.contracts.outputOracle = lowercaseAddress(0xa6);
  manifest.members[0].hubStateOracle = lowercaseAddress(0xd0);
  manifest.members[0].spoke = { pool: lowercaseAddress(0xd1), token: lowercaseAddress(0xd2), aggregator: lowercaseAddress(0xd3), verifier: lowercaseAddress(0xd4) };
  manifest.hub.rpcUrl = "http://127.0.0.1:9";
  return manifest;
}
const testnet = file("testnet.json", JSON.stringify(manifestInput("testnet")));

function relay(args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
  const env: Record<string, string | undefined> = { ...process.env, SUPERCHAIN_DEVNET_DIR: join(dir, "devnet"), SUPERCHAIN_MANIFEST: testnet, FORCE_COLOR: "0" };
  for (const name of ["SUPERCHAIN_RELAYER_KEY", "SUPERCHAIN_RELAYER_KEYSTORE", "SUPERCHAIN_RELAYER_PASSWORD_FILE"]) delete env[name];
  return runSuperchain({ env: { ...env, ...extraEnv } as NodeJS.ProcessEnv, cwd: dir, args: ["relay", ...args], timeoutMs: 60_000 });
}

function assertNoSecret(run: CliRun): void {
  for (const secret of [privateKey, privateKey.slice(2), PASSWORD, "not the password"]) {
    assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), "a secret was printed");
  }
}

describe("superchain relay: the relayer's key", { concurrency: true }, () => {
  before(() => writeKeystore({ out: keystore, privateKey, password: PASSWORD, scryptN: 1024 }));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("loads the keystore from the environment or the flags, flags first", async () => {
    const manifest = manifestSchema.parse(manifestInput("testnet"));
    const { address } = privateKeyToAccount(privateKey);
    const fromEnv = await relayerAccount(manifest, { SUPERCHAIN_RELAYER_KEYSTORE: keystore, SUPERCHAIN_RELAYER_PASSWORD_FILE: passwordFile }, { usage: "usage" });
    assert.equal(fromEnv.address, address);
    const env = { SUPERCHAIN_RELAYER_KEYSTORE: join(dir, "absent.json"), SUPERCHAIN_RELAYER_PASSWORD_FILE: wrongPasswordFile };
    const fromFlags = await relayerAccount(manifest, env, { keystore, passwordFile, usage: "usage" });
    assert.equal(fromFlags.address, address);
  });

  it("with the keystore loaded it goes on to the hub, and prints no secret", async () => {
    const run = await relay([], { SUPERCHAIN_RELAYER_KEYSTORE: keystore, SUPERCHAIN_RELAYER_PASSWORD_FILE: passwordFile });
    assert.equal(run.code, 1);
    assert.doesNotMatch(run.stderr, /keystore|password|SUPERCHAIN_RELAYER/i, "the key loaded; what failed is the hub");
    assertNoSecret(run);
  });

  it("refuses SUPERCHAIN_RELAYER_KEY outside the devnet (exit 1), naming SUPERCHAIN_RELAYER_KEYSTORE", async () => {
    const run = await relay([], { SUPERCHAIN_RELAYER_KEY: privateKey });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /SUPERCHAIN_RELAYER_KEY holds a plaintext key, refused on testnet: use SUPERCHAIN_RELAYER_KEYSTORE/);
    assertNoSecret(run);
  });

  it("a keystore with no password file and no terminal is a usage error (exit 2)", async () => {
    for (const [args, env] of [[["--keystore", keystore], {}], [[], { SUPERCHAIN_RELAYER_KEYSTORE: keystore }]] as const) {
      const run = await relay([...args], env);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /no password: stdin is not a terminal to prompt on; give --password-file <file> or SUPERCHAIN_RELAYER_PASSWORD_FILE/);
      assert.match(run.stderr, /Usage: superchain relay/);
    }
  });

  it("refuses a wrong password, a malformed keystore, a password file alone and a key given twice", async () => {
    const wrong = await relay(["--keystore", keystore, "--password-file", wrongPasswordFile]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /wrong password for the keystore .*relayer\.json/);
    const malformed = await relay(["--keystore", file("raw-key.json", privateKey), "--password-file", passwordFile]);
    assert.equal(malformed.code, 1);
    assert.match(malformed.stderr, /raw-key\.json is not a keystore: it is not JSON/);
    const alone = await relay(["--password-file", passwordFile]);
    assert.equal(alone.code, 2);
    assert.match(alone.stderr, /a relayer password file needs a keystore: --keystore <file> or SUPERCHAIN_RELAYER_KEYSTORE/);
    const twice = await relay(["--keystore", keystore, "--password-file", passwordFile], { SUPERCHAIN_RELAYER_KEY: privateKey });
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /both a relayer keystore and SUPERCHAIN_RELAYER_KEY are set/);
    for (const run of [wrong, malformed, alone, twice]) assertNoSecret(run);
  });
});
