import { teamMustExist } from './codes-repo.ts';
import type {
  ClusterConfig,
  ConfigStore,
  Layout,
  NewLayout,
  SystemConfig,
  TeamMessage,
} from './config-types.ts';
import * as rules from './rules.ts';
import { refuseIf, type SqlDb, type SqlTx, unique, write } from './sql.ts';

interface LayoutRow {
  id: number;
  name: string;
  description: string;
  is_default: number;
  body: string;
}

interface MessageRow {
  id: string;
  created_by: string;
  first_name: string;
  last_name: string;
  created_at: number | string;
  duration: number;
  content: string;
}

const toLayout = (r: LayoutRow): Layout => {
  const body = JSON.parse(r.body) as Pick<Layout, 'header' | 'columns'>;
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    type: r.is_default === 1 ? 'DEFAULT' : 'CUSTOM',
    header: body.header,
    columns: body.columns,
  };
};

/** What a node uses until an administrator says otherwise: the simulator's port and peripheral. */
const DEFAULT_SYSTEM_CONFIG: SystemConfig = {
  cti: { host: '', port: 42027, backupHost: '', backupPort: 42027, peripheralId: 5000, secure: false },
};
const DEFAULT_CLUSTER_CONFIG: ClusterConfig = { secondaryNode: { host: '' } };

type MiscRepo = Pick<
  ConfigStore,
  | 'listLayouts'
  | 'getLayout'
  | 'getTeamLayout'
  | 'createLayout'
  | 'updateLayout'
  | 'deleteLayout'
  | 'setTeamLayout'
  | 'createTeamMessage'
  | 'listTeamMessages'
  | 'getTeamMessage'
  | 'deleteTeamMessage'
  | 'getSystemConfig'
  | 'putSystemConfig'
  | 'getClusterConfig'
  | 'putClusterConfig'
>;

const checkLayout = (l: Partial<NewLayout>, isNew: boolean) =>
  rules.firstError(
    isNew || l.name !== undefined ? rules.line('name', l.name, rules.LIMITS.layoutName, 1) : undefined,
    rules.text('description', l.description, rules.LIMITS.layoutDescription),
    l.header ? rules.layoutEntries('header', l.header, rules.LIMITS.layoutHeaderEntries) : undefined,
    l.columns ? rules.layoutColumns(l.columns) : undefined,
  );

/** MediaPropertiesLayouts, team messages and the SystemConfig/ClusterConfig singletons. */
export function miscRepo(db: SqlDb): MiscRepo {
  const defaultLayout = async (q: Pick<SqlDb, 'get'>) =>
    toLayout((await q.get<LayoutRow>('SELECT * FROM layouts WHERE is_default = 1 ORDER BY id'))!);

  async function messageTeams(q: Pick<SqlDb, 'all'>, id: string) {
    const rows = await q.all<{ team_id: string }>(
      'SELECT team_id FROM team_message_teams WHERE message_id = ? ORDER BY team_id',
      [id],
    );
    return rows.map((r) => r.team_id);
  }
  const toMessage = async (q: Pick<SqlDb, 'all'>, r: MessageRow): Promise<TeamMessage> => ({
    id: r.id,
    createdBy: { id: r.created_by, firstName: r.first_name, lastName: r.last_name },
    createdAt: Number(r.created_at),
    duration: r.duration,
    content: r.content,
    teamIds: await messageTeams(q, r.id),
  });

  async function getSetting<T>(name: string, fallback: T): Promise<T> {
    const row = await db.get<{ value: string }>('SELECT value FROM settings WHERE name = ?', [name]);
    return row ? { ...fallback, ...(JSON.parse(row.value) as T) } : structuredClone(fallback);
  }
  async function putSetting(tx: SqlTx, name: string, value: unknown) {
    await tx.run(
      'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      [name, JSON.stringify(value)],
    );
  }

  return {
    async listLayouts() {
      return (await db.all<LayoutRow>('SELECT * FROM layouts ORDER BY id')).map(toLayout);
    },
    async getLayout(id) {
      const row = await db.get<LayoutRow>('SELECT * FROM layouts WHERE id = ?', [id]);
      return row && toLayout(row);
    },
    async getTeamLayout(teamId) {
      const row = await db.get<LayoutRow>(
        'SELECT l.* FROM team_layouts t JOIN layouts l ON l.id = t.layout_id WHERE t.team_id = ?',
        [teamId],
      );
      return row ? toLayout(row) : defaultLayout(db);
    },

    async createLayout(l) {
      const bad = checkLayout(l, true);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        await tx.lock('layouts');
        const n = await tx.get<{ n: number }>('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM layouts');
        refuseIf(
          (n?.n ?? 0) >= rules.LIMITS.layouts
            ? rules.limit('MediaPropertiesLayout', rules.LIMITS.layouts)
            : undefined,
        );
        await unique(tx, 'layouts', 'name', l.name, undefined, 'name');
        const row = await tx.get<LayoutRow>(
          'INSERT INTO layouts (name, description, is_default, body) VALUES (?, ?, 0, ?) RETURNING *',
          [l.name, l.description ?? '', JSON.stringify({ header: l.header, columns: l.columns })],
        );
        tx.emit({ kind: 'layout', op: 'create', id: String(row!.id) });
        return toLayout(row!);
      });
    },

    async updateLayout(id, patch) {
      const bad = checkLayout(patch, false);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        const row = await tx.get<LayoutRow>('SELECT * FROM layouts WHERE id = ?', [id]);
        refuseIf(row ? undefined : rules.notFound('MediaPropertiesLayout', id));
        const next = { ...toLayout(row!), ...patch, id };
        await unique(tx, 'layouts', 'name', next.name, id, 'name');
        await tx.run('UPDATE layouts SET name = ?, description = ?, body = ? WHERE id = ?', [
          next.name,
          next.description,
          JSON.stringify({ header: next.header, columns: next.columns }),
          id,
        ]);
        tx.emit({ kind: 'layout', op: 'update', id: String(id) });
        return next;
      });
    },

    deleteLayout: (id) =>
      write(db, async (tx) => {
        const row = await tx.get<LayoutRow>('SELECT * FROM layouts WHERE id = ?', [id]);
        refuseIf(row ? undefined : rules.notFound('MediaPropertiesLayout', id));
        // Teams without a layout fall back to the DEFAULT one, so it must stay.
        refuseIf(
          row!.is_default === 1
            ? { code: 'in-use', field: 'type', message: 'the DEFAULT layout stays' }
            : undefined,
        );
        await tx.run('DELETE FROM layouts WHERE id = ?', [id]);
        tx.emit({ kind: 'layout', op: 'delete', id: String(id) });
      }),

    setTeamLayout: (teamId, layoutId) =>
      write(db, async (tx) => {
        await teamMustExist(tx, teamId);
        await tx.run('DELETE FROM team_layouts WHERE team_id = ?', [teamId]);
        if (layoutId !== undefined) {
          const layout = await tx.get('SELECT id FROM layouts WHERE id = ?', [layoutId]);
          refuseIf(layout ? undefined : rules.invalid('MediaPropertiesLayout', `no layout ${layoutId}`));
          await tx.run('INSERT INTO team_layouts (team_id, layout_id) VALUES (?, ?)', [teamId, layoutId]);
        }
        tx.emit({ kind: 'team', op: 'update', id: teamId });
      }),

    async createTeamMessage(m) {
      const bad = rules.firstError(
        rules.text('content', m.content, rules.LIMITS.teamMessageContent, 1),
        rules.integer('duration', m.duration, 1, rules.LIMITS.teamMessageMaxDuration),
        m.teamIds.length === 0 ? rules.missing('teams') : undefined,
      );
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        const author = await tx.get<{ first_name: string; last_name: string }>(
          'SELECT first_name, last_name FROM users WHERE login_id = ?',
          [m.createdBy],
        );
        await tx.run(
          `INSERT INTO team_messages (id, created_by, first_name, last_name, created_at, duration, content)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [
            m.id,
            m.createdBy,
            author?.first_name ?? '',
            author?.last_name ?? '',
            m.createdAt,
            m.duration,
            m.content,
          ],
        );
        for (const t of new Set(m.teamIds)) {
          const team = await tx.get('SELECT id FROM teams WHERE id = ?', [t]);
          refuseIf(team ? undefined : rules.invalid('teams', `no team ${t}`));
          await tx.run('INSERT INTO team_message_teams (message_id, team_id) VALUES (?, ?)', [m.id, t]);
        }
        const row = await tx.get<MessageRow>('SELECT * FROM team_messages WHERE id = ?', [m.id]);
        const message = await toMessage(tx, row!);
        tx.emit({ kind: 'teamMessage', op: 'create', id: m.id, teamIds: message.teamIds });
        return message;
      });
    },

    async listTeamMessages(nowSec, teamIds) {
      const rows = await db.all<MessageRow>(
        'SELECT * FROM team_messages WHERE created_at + duration > ? ORDER BY created_at DESC, id',
        [nowSec],
      );
      const messages = await Promise.all(rows.map((r) => toMessage(db, r)));
      return teamIds ? messages.filter((m) => m.teamIds.some((t) => teamIds.includes(t))) : messages;
    },

    async getTeamMessage(id) {
      const row = await db.get<MessageRow>('SELECT * FROM team_messages WHERE id = ?', [id]);
      return row && toMessage(db, row);
    },

    deleteTeamMessage: (id) =>
      write(db, async (tx) => {
        const teamIds = await messageTeams(tx, id);
        const r = await tx.run('DELETE FROM team_messages WHERE id = ?', [id]);
        refuseIf(r.changes === 1 ? undefined : rules.notFound('TeamMessage', id));
        tx.emit({ kind: 'teamMessage', op: 'delete', id, teamIds });
      }),

    getSystemConfig: () => getSetting('SystemConfig', DEFAULT_SYSTEM_CONFIG),
    async putSystemConfig(c) {
      const bad = rules.systemConfig(c);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        await putSetting(tx, 'SystemConfig', c);
        tx.emit({ kind: 'systemConfig', op: 'update', id: 'SystemConfig' });
        return c;
      });
    },

    getClusterConfig: () => getSetting('ClusterConfig', DEFAULT_CLUSTER_CONFIG),
    async putClusterConfig(c) {
      const bad = rules.host('host', c.secondaryNode.host);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        await putSetting(tx, 'ClusterConfig', c);
        tx.emit({ kind: 'clusterConfig', op: 'update', id: 'ClusterConfig' });
        return c;
      });
    },
  };
}
