import type { StoreError } from '../store/index.ts';
import { defineCollection } from './define.ts';
import { defaults, fromStored, type ObjectOf } from './fields.ts';

/** Finesse's User `settings/wrapUpOnIncoming|wrapUpOnOutgoing` values (finesse-api.md §1.3). */
export const WRAP_UP_MODES = ['REQUIRED', 'REQUIRED_WITH_WRAP_UP_DATA', 'OPTIONAL', 'NOT_ALLOWED'] as const;
export type WrapUpMode = (typeof WRAP_UP_MODES)[number];

/**
 * Agent desk settings as Unified CCE has them (Administration Guide 12.5, "Agent Feature
 * Configuration with Agent Desk Settings List Tool": wrap-up, reason codes, redirection on no
 * answer), kept in Switchboard since it is the contact center's configuration here. Named objects
 * assigned to teams and users, as CCE assigns a desk setting to each agent: a user's own
 * assignment wins over its team's, and the one marked default covers everybody else.
 *
 * Core reads them: a Not Ready or Sign Out without a reason code is refused when required (and
 * codes exist to choose from); the User object shows `settings/wrapUpOnIncoming`,
 * `wrapUpOnOutgoing` and `wrapUpTimer` from them. The CTI server applies wrap-up and RONA: the
 * bundled simulator takes them from here (app/cti-queues.ts), at start and on every change, for
 * each agent's next call.
 */
export const deskSettings = defineCollection({
  name: 'AgentDeskSettings',
  many: 'AgentDeskSettingsList',
  kind: 'deskSettings',
  title: 'Agent desk settings',
  noun: 'desk settings',
  // CCE's Agent Desk Settings List holds a few dozen at most; 100 leaves room.
  max: 100,
  unique: ['name'],
  fields: {
    name: { type: 'text', label: 'Name', min: 1, max: 32, hint: 'up to 32 characters, unique' },
    description: { type: 'text', label: 'Description', max: 128 },
    // CCE "Idle reason required": the default keeps Finesse's documented rule, a reason code is
    // mandatory once codes exist for the category (finesse-api.md §1.5).
    idleReasonRequired: { type: 'bool', label: 'Not Ready reason required', default: true },
    logoutReasonRequired: { type: 'bool', label: 'Sign-out reason required', default: true },
    wrapUpOnIncoming: {
      type: 'enum',
      label: 'Wrap-up after incoming calls',
      values: WRAP_UP_MODES,
      default: 'OPTIONAL',
    },
    wrapUpOnOutgoing: {
      type: 'enum',
      label: 'Wrap-up after outgoing calls',
      values: ['REQUIRED', 'OPTIONAL', 'NOT_ALLOWED'] as const,
      default: 'NOT_ALLOWED',
    },
    // finesse-api.md §2: wrapUpTimer 7200 s observed; CCE's wrap-up time is 1–7200 s.
    wrapUpTimer: { type: 'int', label: 'Wrap-up time (s)', min: 1, max: 7200, default: 7200 },
    // The Not Ready reason code an agent gets when a routed call rings unanswered (UCCE 32767).
    idleReasonOnRona: {
      type: 'int',
      label: 'Not Ready reason on ring-no-answer',
      min: 1,
      max: 65535,
      default: 32767,
    },
    isDefault: { type: 'bool', label: 'Default for everybody else', default: false },
    teams: {
      type: 'list',
      label: 'Teams',
      item: 'team',
      max: 500,
      of: { max: 32, min: 1 },
      hint: 'team IDs',
    },
    users: {
      type: 'list',
      label: 'Users',
      item: 'user',
      max: 5000,
      of: { max: 64, min: 1 },
      hint: 'login IDs',
    },
  },
  columns: ['name', 'wrapUpOnIncoming', 'wrapUpTimer', 'isDefault', 'teams', 'users'],
  checkAgainst(value, others): StoreError | undefined {
    if (value.isDefault && others.some((o) => o.isDefault))
      return { code: 'conflict', field: 'isDefault', message: 'another desk settings is the default' };
    for (const field of ['teams', 'users'] as const) {
      const taken = value[field].find((id) => others.some((o) => o[field].includes(id)));
      if (taken !== undefined)
        return { code: 'conflict', field, message: `${taken} has other desk settings already` };
    }
    return undefined;
  },
});

export type DeskSettings = ObjectOf<typeof deskSettings.fields>;

/** What applies with no desk settings configured at all. */
export const DEFAULT_DESK_SETTINGS: DeskSettings = defaults(deskSettings.fields);

/**
 * The desk settings of a user among the stored ones: its own assignment, else its team's, else
 * the default ones, else the built-in defaults. Assignments naming a team or user that no longer
 * exists are harmless.
 */
export function pickDeskSettings(
  docs: readonly { body: unknown }[],
  user: { id: string; teamId: string },
): DeskSettings {
  const settings = docs.map((d) => fromStored(deskSettings.fields, d.body));
  return (
    settings.find((s) => s.users.includes(user.id)) ??
    settings.find((s) => user.teamId !== '' && s.teams.includes(user.teamId)) ??
    settings.find((s) => s.isDefault) ??
    DEFAULT_DESK_SETTINGS
  );
}

/** `pickDeskSettings` over the store's documents. */
export async function deskSettingsFor(
  store: { listDocuments?(kind: string): Promise<{ id: string; body: unknown }[]> },
  user: { id: string; teamId: string },
): Promise<DeskSettings> {
  return pickDeskSettings((await store.listDocuments?.(deskSettings.kind)) ?? [], user);
}
