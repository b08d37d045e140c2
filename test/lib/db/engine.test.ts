import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { databaseUrl, migrateSql, openStoreEngine, redactDatabaseUrl, toNumberedPlaceholders } from "../../../lib/db/index.ts";
import { forEachEngine } from "../../helpers/sqlEngines.ts";

describe("SQL engine helpers", () => {
  it("numbers ? placeholders for PostgreSQL, leaving quoted text and identifiers alone", () => {
    assert.equal(toNumberedPlaceholders("SELECT * FROM t WHERE a = ? AND b IN (?, ?)"), "SELECT * FROM t WHERE a = $1 AND b IN ($2, $3)");
    assert.equal(toNumberedPlaceholders(`SELECT '?' AS "why?", ? AS x`), `SELECT '?' AS "why?", $1 AS x`);
    assert.equal(toNumberedPlaceholders("SELECT 'it''s ?', ?"), "SELECT 'it''s ?', $1");
  });

  it("selects PostgreSQL only when DATABASE_URL is set, and never shows its password", async () => {
    assert.equal(databaseUrl({}), undefined);
    assert.equal(databaseUrl({ DATABASE_URL: "  " }), undefined);
    assert.equal(databaseUrl({ DATABASE_URL: " postgres://u:p@h/db " }), "postgres://u:p@h/db");
    assert.equal(redactDatabaseUrl("postgres://u:secret@db.example:5432/gov"), "postgres://u@db.example:5432/gov");
    assert.doesNotMatch(redactDatabaseUrl("postgres://u:se cret@%%"), /se cret/);
    const engine = openStoreEngine("/tmp/unused.sqlite", { DATABASE_URL: "postgres://u:secret@127.0.0.1:1/db" });
    assert.equal(engine.dialect, "postgres");
    assert.doesNotMatch(engine.where, /secret/);
    await engine.close();
  });
});

forEachEngine("SQL engine", (engine) => {
  it("runs the same portable SQL: ON CONFLICT, RETURNING, positional parameters", async () => {
    const db = (await engine.fresh())();
    await db.exec("CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
    const insert = "INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT (k) DO NOTHING RETURNING k";
    assert.deepEqual(await db.query(insert, ["a", "1"]), [{ k: "a" }]);
    assert.deepEqual(await db.query(insert, ["a", "2"]), []);
    assert.deepEqual(await db.query("SELECT v, '?' AS q FROM kv WHERE k = ?", ["a"]), [{ v: "1", q: "?" }]);
    await db.close();
  });

  it("commits a transaction whole or not at all", async () => {
    const open = await engine.fresh();
    const db = open();
    await db.exec("CREATE TABLE n (x INTEGER NOT NULL UNIQUE)");
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO n (x) VALUES (?)", [1]);
        await tx.query("INSERT INTO n (x) VALUES (?)", [1]);
      }),
    );
    assert.deepEqual(await db.query("SELECT x FROM n"), []);
    assert.equal(await db.transaction(async (tx) => (await tx.query("INSERT INTO n (x) VALUES (?) RETURNING x", [2])).length), 1);
    const other = open();
    assert.deepEqual((await other.query("SELECT x FROM n")).map((row) => Number(row["x"])), [2]);
    await Promise.all([db.close(), other.close()]);
  });

  it("migrates two schemas side by side, each numbering its own steps", async () => {
    const db = (await engine.fresh())();
    const step = (table: string) => ({ version: 1, description: table, sql: `CREATE TABLE ${table} (x INTEGER)` });
    assert.equal(await migrateSql(db, { name: "one", migrations: [step("one_t")] }), 0);
    // In one SQLite file the steps table is shared by name, so a second schema belongs in its own file there.
    if (db.dialect === "postgres") assert.equal(await migrateSql(db, { name: "two", migrations: [step("two_t")] }), 0);
    assert.equal(await migrateSql(db, { name: "one", migrations: [step("one_t")] }), 1);
    await db.close();
  });
});
