import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

import pg from "pg";

import { freePort } from "../../lib/devnet/nodes.ts";

/** A throwaway PostgreSQL server: its URL (one fresh database) and how to stop it. */
export interface TestPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/<database>`. */
  url: string;
  /** The postmaster's pid, as it wrote it in `postmaster.pid`. */
  pid: number;
  /** A URL to a further fresh database on the same server. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server (SIGINT: fast shutdown) by its pid, waits for it to exit, and removes its folder. */
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * The folder with `initdb` and `postgres`: `$POSTGRES_BIN_DIR`, else PATH, else Debian's
 * /usr/lib/postgresql/<version>/bin (newest). Throws, saying how to install it, when none has them.
 */
export function postgresBinDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const candidates = [
    ...(env["POSTGRES_BIN_DIR"] ? [env["POSTGRES_BIN_DIR"]] : []),
    ...(env["PATH"] ?? "").split(delimiter).filter(Boolean),
    ...(existsSync("/usr/lib/postgresql")
      ? readdirSync("/usr/lib/postgresql")
          .sort((a, b) => Number(b) - Number(a))
          .map((version) => join("/usr/lib/postgresql", version, "bin"))
      : []),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "postgres")) && existsSync(join(dir, "pg_ctl")));
  if (!found) {
    throw new Error(
      "PostgreSQL's server binaries (initdb, pg_ctl, postgres) were not found in $POSTGRES_BIN_DIR, on PATH or in /usr/lib/postgresql/*/bin: install Debian's `postgresql` (scripts/bootstrap.sh does) or set POSTGRES_BIN_DIR.",
    );
  }
  return found;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Starts a PostgreSQL server for one test suite: `initdb` in a temp folder (trust auth, fsync off),
 * the server on a free port of 127.0.0.1 (its socket in that folder), polled with a bounded
 * timeout until it accepts connections, and a fresh database created. initdb refuses root, so
 * under uid 0 the folder is chowned to the `postgres` user and the binaries run as it (runuser).
 *
 * @example
 * const server = await startTestPostgres()
 * after(() => server.stop())
 * const engine = openPostgresEngine(server.url)
 */
export async function startTestPostgres(database = "superchain_test"): Promise<TestPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), "pg-"));
  const data = join(dir, "data");
  const log = join(dir, "server.log");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const user = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
    const group = spawnSync("id", ["-g", "postgres"], { encoding: "utf8" });
    if (user.status !== 0) throw new Error("Running as root, the test PostgreSQL server needs the `postgres` OS user (Debian's postgresql package creates it).");
    chownSync(dir, Number(user.stdout.trim()), Number(group.stdout.trim()));
    chmodSync(dir, 0o700);
  }
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", join(bin, command), ...args]] : [join(bin, command), args];
    const result = spawnSync(file, argv, { encoding: "utf8", timeout: 120_000 });
    if (result.status !== 0) throw new Error(`${command} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout || result.error}`);
  };

  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='${dir}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  run("pg_ctl", ["start", "-D", data, "-l", log, "-s", "-o", options]);

  const stop = async () => {
    const pid = pidOf(data);
    if (pid !== undefined && isAlive(pid)) {
      process.kill(pid, "SIGINT");
      const deadline = Date.now() + STOP_TIMEOUT_MS;
      while (isAlive(pid) && Date.now() < deadline) await sleep(50);
      if (isAlive(pid)) process.kill(pid, "SIGKILL");
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  try {
    await waitForConnections(admin, log);
  } catch (error) {
    await stop();
    throw error;
  }
  const pid = pidOf(data)!;
  const createDatabase = async (name: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
    return `postgres://postgres@127.0.0.1:${port}/${name}`;
  };
  const url = await createDatabase(database);
  return { url, pid, createDatabase, stop };
}

/** The postmaster's pid: the first line of `postmaster.pid`, while the server runs. */
function pidOf(data: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(data, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Polls (a connection and `SELECT 1`, every 100 ms) until the server answers, or throws with its log after the timeout. */
async function waitForConnections(url: string, log: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last: unknown;
  while (Date.now() < deadline) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      last = error;
      await sleep(100);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  const tail = existsSync(log) ? readFileSync(log, "utf8").split("\n").slice(-20).join("\n") : "(no log)";
  throw new Error(`The test PostgreSQL server did not accept connections within ${READY_TIMEOUT_MS / 1000} s (${String(last)}).\n${tail}`);
}
