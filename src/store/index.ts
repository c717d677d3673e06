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
export { createPostgresStore, type PostgresStore, type PostgresStoreOptions } from './postgres-store.ts';
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
