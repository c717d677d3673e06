import { teamMustExist } from './codes-repo.ts';
import * as rules from './rules.ts';
import { type SqlDb, write } from './sql.ts';
import type { DesktopLayoutStore } from './workflow-types.ts';

/** Room for the API's own limit (200 000 characters) plus escaping slack. */
const MAX_XML = 256 * 1024;
const SETTING = 'LayoutConfig';

/** The desktop layout XML: the default one as a setting, a team's own in team_desktop_layouts. */
export function desktopLayoutsRepo(db: SqlDb): DesktopLayoutStore {
  const check = (xml: string) => rules.text('layoutxml', xml, MAX_XML, 1);
  return {
    async getDefaultDesktopLayout() {
      return (await db.get<{ value: string }>('SELECT value FROM settings WHERE name = ?', [SETTING]))?.value;
    },
    async putDefaultDesktopLayout(xml) {
      const bad = check(xml);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        await tx.run(
          'INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
          [SETTING, xml],
        );
        tx.emit({ kind: 'layoutConfig', op: 'update', id: 'default' });
      });
    },
    async getTeamDesktopLayout(teamId) {
      const row = await db.get<{ layout_xml: string }>(
        'SELECT layout_xml FROM team_desktop_layouts WHERE team_id = ?',
        [teamId],
      );
      return row?.layout_xml;
    },
    async putTeamDesktopLayout(teamId, xml) {
      const bad = xml === undefined ? undefined : check(xml);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        await teamMustExist(tx, teamId);
        await tx.run('DELETE FROM team_desktop_layouts WHERE team_id = ?', [teamId]);
        if (xml !== undefined)
          await tx.run('INSERT INTO team_desktop_layouts (team_id, layout_xml) VALUES (?, ?)', [teamId, xml]);
        tx.emit({ kind: 'layoutConfig', op: 'update', id: teamId });
      });
    },
  };
}
