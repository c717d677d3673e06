export { DEMO, type DemoCredential, type DemoUser, demoSnapshot, seedDemoData } from './demo.ts';
export {
  type Dialect,
  MIGRATIONS,
  type Migration,
  POSTGRES,
  pendingMigrations,
  SQLITE,
} from './migrations.ts';
export { hashPassword, verifyPasswordHash } from './password.ts';
export { createSqliteStore, type SqliteStore, type SqliteStoreOptions } from './sqlite-store.ts';
export type {
  ConfigImporter,
  ConfigSnapshot,
  NewReasonCode,
  NewUser,
  NewWrapUpReason,
  Store,
  StoreError,
} from './types.ts';
