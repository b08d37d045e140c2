export * from "./errors.ts";
export { MIGRATIONS, SCHEMA_VERSION, type Migration, type TransactionStatus } from "./schema.ts";
export { openSqliteStore, SqliteTransactionStore, type SqliteStoreOptions, type SqliteStoreStats } from "./sqliteStore.ts";
