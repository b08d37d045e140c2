/**
 * The `superchain` command as users run it: `bin/superchain` in a child process, pointed at a
 * temporary devnet folder and manifest so it never sees (or touches) a real devnet. These cases
 * never start a node; `devnet up` itself is covered by the devnet integration test.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";

import { devnetPaths, REPOSITORY_ROOT } from "../../../lib/cli/paths.ts";

const BIN = resolve(import.meta.dirname, "../../../bin/superchain");
const dir = mkdtempSync(join(tmpdir(), "superchain-cli-"));
const env = { ...process.env, SUPERCHAIN_DEVNET_DIR: join(dir, "devnet"), SUPERCHAIN_MANIFEST: join(dir, "devnet.json"), FORCE_COLOR: "0" };

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function superchain(...args: string[]): Promise<Run> {
  return superchainWith({}, ...args);
}

function superchainWith(extraEnv: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(BIN, args, { env: { ...env, ...extraEnv }, cwd: dir, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

describe("superchain CLI", { concurrency: true }, () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("--help lists every command and exits 0", async () => {
    const { code, stdout } = await superchain("--help");
    assert.equal(code, 0);
    for (const command of ["devnet up", "devnet status", "devnet down", "devnet reset", "devnet time advance <duration>"]) {
      assert.match(stdout, new RegExp(command));
    }
  });

  it("no arguments prints the usage and exits 2", async () => {
    const { code, stderr } = await superchain();
    assert.equal(code, 2);
    assert.match(stderr, /Usage: superchain <command>/);
  });

  it("a command's --help lists its options", async () => {
    const { code, stdout } = await superchain("devnet", "up", "--help");
    assert.equal(code, 0);
    assert.match(stdout, /--hub-port <port>/);
    assert.match(stdout, /--seed-proposals <n>/);
  });

  it("sequencer start refuses a bad port (exit 2) and a missing manifest (exit 1, saying how to create one)", async () => {
    const badPort = await superchain("sequencer", "start", "--port", "99999");
    assert.equal(badPort.code, 2);
    assert.match(badPort.stderr, /--port must be an integer between 0 and 65535, got 99999/);
    const noManifest = await superchain("sequencer", "start");
    assert.equal(noManifest.code, 1);
    assert.match(noManifest.stderr, /No deployment manifest at .*\n[\s\S]*superchain devnet up/);
    assert.doesNotMatch(noManifest.stderr, /ExperimentalWarning/);
    const missing = await superchain("sequencer", "start", "--manifest", join(dir, "nowhere.json"));
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^error: No deployment manifest at .*nowhere\.json\./);
  });

  it("sequencer start refuses --admin-jwt-secret without --admin-port (exit 2) and an unknown LOG_LEVEL (exit 1), before reading the manifest", async () => {
    const secretAlone = await superchain("sequencer", "start", "--admin-jwt-secret", join(dir, "jwt.hex"));
    assert.equal(secretAlone.code, 2);
    assert.match(secretAlone.stderr, /^error: --admin-jwt-secret needs --admin-port$/m);
    assert.equal(existsSync(join(dir, "jwt.hex")), false, "no secret is created");
    const badLevel = await superchainWith({ LOG_LEVEL: "verbose" }, "sequencer", "start");
    assert.equal(badLevel.code, 1);
    assert.equal(badLevel.stderr, 'error: LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent; got "verbose"\n');
  });

  it("sequencer start refuses recovery threads or a niceness out of range (exit 2), naming the option", async () => {
    for (const [flag, value] of [
      ["--recovery-threads", "0"],
      ["--recovery-threads", "two"],
      ["--recovery-niceness", "20"],
      ["--recovery-niceness", "-1"],
    ] as const) {
      const { code, stderr } = await superchain("sequencer", "start", flag, value);
      assert.equal(code, 2, `${flag} ${value}`);
      assert.match(stderr, new RegExp(`^error: .*${flag}`, "m"), `${flag} ${value}`);
    }
  });

  it("sequencer start refuses replica flags that are malformed or alone (exit 2), before reading the manifest", async () => {
    for (const [args, message] of [
      [["--etcd", "http://127.0.0.1:2379"], /--etcd and --replica-id go together/],
      [["--replica-id", "r1"], /--etcd and --replica-id go together/],
      [["--etcd", "not a url", "--replica-id", "r1"], /--etcd/],
      [["--etcd", "http://127.0.0.1:2379", "--replica-id", "bad id!"], /--replica-id/],
      [["--etcd", "http://127.0.0.1:2379", "--replica-id", "r1", "--lease-ttl", "0"], /--lease-ttl/],
      [["--lease-ttl", "3"], /--lease-ttl needs --etcd/],
    ] as const) {
      const { code, stderr } = await superchain("sequencer", "start", ...args);
      assert.equal(code, 2, args.join(" "));
      assert.match(stderr, message, args.join(" "));
    }
  });

  it("an unknown command exits 2 naming it", async () => {
    const { code, stderr } = await superchain("frobnicate");
    assert.equal(code, 2);
    assert.match(stderr, /^error: unknown command "frobnicate"/);
    assert.match(stderr, /Usage: superchain <command>/);
  });

  it("an unknown subcommand exits 2 with the group's usage", async () => {
    const { code, stderr } = await superchain("devnet", "frobnicate");
    assert.equal(code, 2);
    assert.match(stderr, /unknown command "devnet frobnicate"/);
    assert.match(stderr, /Usage: superchain devnet <command>/);
  });

  it("an unknown option exits 2 naming it", async () => {
    const { code, stderr } = await superchain("devnet", "up", "--bogus");
    assert.equal(code, 2);
    assert.match(stderr, /^error: unknown option --bogus/);
    assert.match(stderr, /Usage: superchain devnet up/);
    const global = await superchain("--bogus");
    assert.equal(global.code, 2);
    assert.match(global.stderr, /unknown option --bogus/);
  });

  it("a port out of range exits 2 naming the flag, the range and the value", async () => {
    const { code, stderr } = await superchain("devnet", "up", "--hub-port", "70000");
    assert.equal(code, 2);
    assert.match(stderr, /^error: --hub-port must be an integer between 1024 and 65535, got 70000$/m);
  });

  it("a port that is not a number exits 2", async () => {
    const { code, stderr } = await superchain("devnet", "up", "--hub-port", "abc");
    assert.equal(code, 2);
    assert.match(stderr, /--hub-port must be an integer between 1024 and 65535, got "abc"/);
  });

  it("two nodes on one port exit 2 naming both flags", async () => {
    const { code, stderr } = await superchain("devnet", "reset", "--base-port", "8545");
    assert.equal(code, 2);
    assert.match(stderr, /--hub-port and --base-port are both 8545/);
  });

  it("a bad duration exits 2 naming it and the accepted forms", async () => {
    const { code, stderr } = await superchain("devnet", "time", "advance", "5x");
    assert.equal(code, 2);
    assert.match(stderr, /"5x" is not a duration; use 90s, 15m, 1h30m, 2d, or a number of seconds/);
  });

  it("time advance without a devnet exits 1 saying how to start one", async () => {
    const { code, stderr } = await superchain("devnet", "time", "advance", "1h");
    assert.equal(code, 1);
    assert.match(stderr, /^error: no devnet is running; start one with `superchain devnet up`/);
  });

  it("status without a devnet exits 1", async () => {
    const { code, stderr } = await superchain("devnet", "status");
    assert.equal(code, 1);
    assert.match(stderr, /no devnet is running/);
  });

  it("down without a devnet exits 0 and says so", async () => {
    const { code, stdout } = await superchain("devnet", "down");
    assert.equal(code, 0);
    assert.match(stdout, /no devnet was running/);
    assert.equal(existsSync(join(dir, "devnet", "state.json")), false);
  });
});

describe("devnetPaths", () => {
  it("defaults to the repository's .devnet, .logs/devnet and deployments/devnet.json", () => {
    const paths = devnetPaths({});
    assert.equal(paths.stateFile, join(REPOSITORY_ROOT, ".devnet", "state.json"));
    assert.equal(paths.logDir, join(REPOSITORY_ROOT, ".logs", "devnet"));
    assert.equal(paths.manifestFile, join(REPOSITORY_ROOT, "deployments", "devnet.json"));
  });

  it("moves state and logs with SUPERCHAIN_DEVNET_DIR and the manifest with SUPERCHAIN_MANIFEST", () => {
    const paths = devnetPaths({ SUPERCHAIN_DEVNET_DIR: "/tmp/d", SUPERCHAIN_MANIFEST: "/tmp/m.json" });
    assert.deepEqual(paths, { stateFile: "/tmp/d/state.json", logDir: "/tmp/d/logs", manifestFile: "/tmp/m.json" });
  });
});
