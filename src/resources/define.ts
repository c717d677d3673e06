import type { StoreError } from '../store/index.ts';
import type { Fields, ObjectOf } from './fields.ts';

/**
 * A configuration resource, declared once. Everything else is derived from this declaration:
 * the REST routes and their authorization (api/routes/resources.ts), the XML body read and
 * written (fields.ts), validation, storage as JSON documents (store/documents-repo.ts) and the
 * administrator's form (desktop/app/admin-declared.ts). Adding a resource takes its spec file,
 * one line in `index.ts`, and its test (docs/api.md, "Configuration resources declared as data").
 */
interface ResourceBase<F extends Fields> {
  /** The object's element name and path segment: `AgentDeskSettings`, `Workflow`. */
  name: string;
  /**
   * The store's document kind and the change notices' `kind`: stable, never renamed; at most 27
   * characters (`{kind}:team` must fit the store's 32).
   */
  kind: string;
  /** The admin page's title and its noun for buttons ("New desk settings"). */
  title: string;
  noun: string;
  fields: F;
  /** Rules across fields, checked after each field's own. */
  check?(value: ObjectOf<F>): StoreError | undefined;
  /**
   * Who may GET besides administrators: `users` — any signed-in user (what gadgets read, such as
   * ECCVariableConfig). Writes are always the administrator's, on the primary node only.
   */
  readers?: 'administrators' | 'users';
  /** The object starts with `<uri>`; default true (Finesse's ECCVariableConfig has none). */
  hasUri?: boolean;
  /** The admin table's columns; default the first four fields. */
  columns?: readonly (keyof F & string)[];
}

/**
 * A collection (finesse-api.md §1.1 "GET/POST/PUT/DELETE (collections)"): `GET /{many}`,
 * `POST /{name}`, `GET|PUT|DELETE /{name}/{id}`, numbered by the store.
 */
export interface CollectionSpec<F extends Fields = Fields> extends ResourceBase<F> {
  shape: 'collection';
  many: string;
  /** Most objects there may be (Maximum Exceeded beyond). */
  max: number;
  /** Fields whose values must differ between objects (Finesse API Error, DUPLICATE_VALUE). */
  unique?: readonly (keyof F & string)[];
  /** Rules against the other objects, beyond `unique` (checked in the write's transaction). */
  checkAgainst?(value: ObjectOf<F>, others: readonly ObjectOf<F>[]): StoreError | undefined;
  /**
   * Teams get some of these objects, as Finesse's Workflows: `GET|PUT /Team/{teamId}/{many}` (and
   * `/TeamResource/{teamId}/{many}`) lists the team's by reference, `GET /User/{id}/{many}` the
   * user's team's.
   */
  isTeamAssigned?: boolean;
}

/** A singleton (finesse-api.md §1.1 "GET/PUT (singletons)"): `GET|PUT {path}`. */
export interface SingletonSpec<F extends Fields = Fields> extends ResourceBase<F> {
  shape: 'singleton';
  /** Below `/finesse/api`; default `/{name}`. */
  path?: string;
}

export type ResourceSpec<F extends Fields = Fields> = CollectionSpec<F> | SingletonSpec<F>;

/** Keeps the literal field types, so that `ObjectOf<typeof spec.fields>` is precise. */
export function defineCollection<const F extends Fields>(
  spec: Omit<CollectionSpec<F>, 'shape'>,
): CollectionSpec<F> {
  return { ...spec, shape: 'collection' };
}

export function defineSingleton<const F extends Fields>(
  spec: Omit<SingletonSpec<F>, 'shape'>,
): SingletonSpec<F> {
  return { ...spec, shape: 'singleton' };
}

/** The document id of a singleton's one object. */
export const SINGLETON_ID = 'system';

/** The store kind holding a team's assigned objects of `spec` (`{ ids }` by team id). */
export const teamAssignmentKind = (spec: CollectionSpec) => `${spec.kind}:team`;

const API = '/finesse/api';

export function singletonPath(spec: SingletonSpec): string {
  return spec.path ?? `/${spec.name}`;
}

/** The object's URI: its `<uri>`, its Location, and what team assignments refer to. */
export function objectUri(spec: ResourceSpec, id?: string): string {
  return spec.shape === 'collection' ? `${API}/${spec.name}/${id}` : `${API}${singletonPath(spec)}`;
}
