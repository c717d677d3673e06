import type { PostgresStore, PostgresStoreOptions } from './postgres-store.ts';

export type {
  ClusterConfig,
  ClusterNode,
  ClusterRegistry,
  ConfigChange,
  ConfigKind,
  ConfigStore,
  Contact,
  DocumentWrite,
  Layout,
  LayoutEntry,
  LockedOutUser,
  LockoutPolicy,
  NewContact,
  NewLayout,
  NewQueue,
  NewTeam,
  NodeBeat,
  Page,
  PhoneBook,
  PhoneBookType,
  QueuePatch,
  ReasonCodePatch,
  SessionTokenKey,
  SignInCredentials,
  SignInLockouts,
  SignInRecord,
  StoreChange,
  StoredDocument,
  StoreEvent,
  SystemConfig,
  TeamConfig,
  TeamMessage,
  TeamPatch,
  UserPatch,
  WrapUpReason,
} from './config-types.ts';
export { DEMO, type DemoCredential, type DemoUser, demoSnapshot, seedDemoData } from './demo.ts';
export {
  type Dialect,
  MIGRATIONS,
  type Migration,
  POSTGRES,
  pendingMigrations,
  SQLITE,
} from './migrations.ts';
export {
  createPasswordHasher,
  OWASP_HASHING,
  type PasswordHashing,
  type ScramKeys,
  type ScramMechanism,
} from './password.ts';
export type { PostgresStore, PostgresStoreOptions } from './postgres-store.ts';
export * as rules from './rules.ts';
export { LIMITS } from './rules.ts';
export { isStoreUnavailable, StoreUnavailableError } from './sql.ts';
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
export {
  ACTION_PARAMS,
  COMPARATORS,
  SYSTEM_VARIABLES,
  systemVariableNode,
  TRIGGER_SETS,
  WORKFLOW_LIMITS,
} from './workflow-rules.ts';
export type {
  DesktopLayoutStore,
  NewWorkflow,
  NewWorkflowAction,
  Workflow,
  WorkflowAction,
  WorkflowStore,
  WorkflowTest,
  WorkflowVariable,
} from './workflow-types.ts';

/**
 * PostgreSQL's store, loaded when asked for: `pg` and the store's code cost every process that
 * imports the store ~0.1 s of start-up, and most nodes (SQLite) and test processes never use them.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const { createPostgresStore: create } = await import('./postgres-store.ts');
  return create(options);
}
