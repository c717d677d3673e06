/**
 * Configuration resources declared as data: each is one spec (fields, shape, readers, rules), from
 * which the REST routes, the XML, validation, storage and the admin form are derived. To add one:
 * write its spec file here, list it in `RESOURCES`, and test it (docs/api.md, "Configuration
 * resources declared as data").
 */
import type { ResourceSpec } from './define.ts';
import { deskSettings } from './desk-settings.ts';
import { eccVariableConfig } from './ecc-variable-config.ts';

export const RESOURCES: readonly ResourceSpec[] = [deskSettings, eccVariableConfig];

export {
  type CollectionSpec,
  defineCollection,
  defineSingleton,
  objectUri,
  type ResourceSpec,
  SINGLETON_ID,
  type SingletonSpec,
  singletonPath,
  teamAssignmentKind,
} from './define.ts';
export {
  DEFAULT_DESK_SETTINGS,
  type DeskSettings,
  deskSettings,
  deskSettingsFor,
  pickDeskSettings,
  WRAP_UP_MODES,
  type WrapUpMode,
} from './desk-settings.ts';
export { type EccVariableConfig, eccVariableConfig } from './ecc-variable-config.ts';
export {
  buildFields,
  defaults,
  type FieldSpec,
  type Fields,
  fromStored,
  type ObjectOf,
  readFields,
  type ScalarField,
  validate,
} from './fields.ts';
