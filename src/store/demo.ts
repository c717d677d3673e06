import type { Role } from '../core/model.ts';
import type { ConfigImporter, ConfigSnapshot, NewReasonCode, NewWrapUpReason } from './types.ts';

/**
 * The demo contact center loaded into an empty database by `switchboard start`: the seed's agent
 * 2001 Mickey Mouse of team 5000 Minnies_Team (extension 2003, as in the login trace), a few more
 * agents on two teams, a supervisor and an administrator. Every password equals the login id.
 *
 * Extensions: 2001 keeps the seed's 2003; every other agent uses its id + 1000 (2002 → 3002 …),
 * so that no extension equals an agent id. The CTI simulator is configured from `DEMO.agents`.
 */
export interface DemoUser {
  id: string;
  loginName: string;
  firstName: string;
  lastName: string;
  roles: Role[];
  /** '' for a user of no team. */
  teamId: string;
  /** The agent's phone (CTI instrument); '' for users who are not agents. */
  extension: string;
  password: string;
  supervisedTeamIds: string[];
}

export interface DemoCredential {
  role: Role;
  id: string;
  loginName: string;
  password: string;
  extension?: string;
  name: string;
}

const TEAMS = [
  { id: '5000', name: 'Minnies_Team' },
  { id: '5001', name: 'Donalds_Team' },
];

const agent = (id: string, loginName: string, firstName: string, lastName: string, teamId: string) => ({
  id,
  loginName,
  firstName,
  lastName,
  roles: ['Agent'] as Role[],
  teamId,
  extension: String(Number(id) + 1000),
  password: id,
  supervisedTeamIds: [],
});

const USERS: DemoUser[] = [
  { ...agent('2001', 'mmouse', 'Mickey', 'Mouse', '5000'), extension: '2003' },
  agent('2002', 'mminnie', 'Minnie', 'Mouse', '5000'),
  agent('2004', 'dduck', 'Donald', 'Duck', '5001'),
  agent('2005', 'dsduck', 'Daisy', 'Duck', '5001'),
  agent('2006', 'goofy', 'Goofy', 'Goof', '5000'),
  {
    ...agent('2010', 'wdisney', 'Walt', 'Disney', '5000'),
    roles: ['Agent', 'Supervisor'],
    supervisedTeamIds: ['5000'],
  },
  {
    id: 'admin',
    loginName: 'admin',
    firstName: 'Finesse',
    lastName: 'Administrator',
    roles: ['Administrator'],
    teamId: '',
    extension: '',
    password: 'admin',
    supervisedTeamIds: [],
  },
];

// Ids are fixed so that documentation and tests can name them (`reasonCodeId` 1 is Break).
const REASON_CODES: NewReasonCode[] = [
  { id: 1, category: 'NOT_READY', code: 1, label: 'Break' },
  { id: 2, category: 'NOT_READY', code: 2, label: 'Lunch' },
  { id: 3, category: 'NOT_READY', code: 3, label: 'Meeting' },
  { id: 4, category: 'NOT_READY', code: 4, label: 'Training' },
  { id: 11, category: 'LOGOUT', code: 11, label: 'End of shift' },
  { id: 12, category: 'LOGOUT', code: 12, label: 'Lunch' },
  { id: 13, category: 'LOGOUT', code: 13, label: 'Training' },
];

const WRAP_UP_REASONS: NewWrapUpReason[] = [
  { id: 1, label: 'Sale' },
  { id: 2, label: 'Information' },
  { id: 3, label: 'Complaint' },
];

// The seed trace's skill group 85881 is everybody's (the simulator's default); Donald's team
// also takes a second one, so that users differ in their `User/{id}/Queues`.
const QUEUES = [
  { id: '85881', name: 'Sales' },
  { id: '85882', name: 'Support', teamIds: ['5001'] },
];

const primaryRole = (u: DemoUser): Role =>
  u.roles.includes('Administrator')
    ? 'Administrator'
    : u.roles.includes('Supervisor')
      ? 'Supervisor'
      : 'Agent';

export const DEMO = {
  teams: TEAMS,
  users: USERS,
  /** Users with a phone: what the CTI simulator must know (agent id → instrument). */
  agents: USERS.filter((u) => u.extension !== ''),
  /** Agent id → extension. */
  extensions: Object.fromEntries(USERS.filter((u) => u.extension).map((u) => [u.id, u.extension])) as Record<
    string,
    string
  >,
  /** What the start-up banner prints. */
  credentials: USERS.map(
    (u): DemoCredential => ({
      role: primaryRole(u),
      id: u.id,
      loginName: u.loginName,
      password: u.password,
      extension: u.extension || undefined,
      name: `${u.firstName} ${u.lastName}`,
    }),
  ),
  reasonCodes: REASON_CODES,
  wrapUpReasons: WRAP_UP_REASONS,
  queues: QUEUES,
} as const;

export function demoSnapshot(): ConfigSnapshot {
  return {
    teams: DEMO.teams.map((t) => ({ ...t })),
    users: DEMO.users.map((u) => ({
      id: u.id,
      loginName: u.loginName,
      firstName: u.firstName,
      lastName: u.lastName,
      roles: [...u.roles],
      teamId: u.teamId || undefined,
      password: u.password,
      supervisedTeamIds: [...u.supervisedTeamIds],
    })),
    reasonCodes: DEMO.reasonCodes.map((c) => ({ ...c })),
    wrapUpReasons: DEMO.wrapUpReasons.map((w) => ({ ...w })),
    queues: DEMO.queues.map((q) => ({ ...q, teamIds: q.teamIds && [...q.teamIds] })),
  };
}

/**
 * Loads the demo data into an empty database; does nothing to a database that already holds
 * users, teams or reason codes. Resolves true if it loaded. A refusal means the demo data itself
 * is inconsistent, a bug, and throws.
 */
export async function seedDemoData(store: ConfigImporter): Promise<boolean> {
  const r = await store.importConfig(demoSnapshot(), { onlyIfEmpty: true });
  if (!r.ok) throw new Error(`demo data refused by the store: ${r.error.message}`);
  return r.value.imported;
}
