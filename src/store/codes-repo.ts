import type { ReasonCode, ReasonCodeCategory } from '../core/model.ts';
import type { ConfigStore, ReasonCodePatch, WrapUpReason } from './config-types.ts';
import * as rules from './rules.ts';
import { flag, refuseIf, type SqlDb, type SqlTx, unique, write } from './sql.ts';
import type { NewReasonCode, Store } from './types.ts';

interface ReasonCodeRow {
  id: number;
  category: ReasonCodeCategory;
  code: number;
  label: string;
  for_all: number;
  system_code: number;
}

interface WrapUpRow {
  id: number;
  label: string;
  for_all: number;
}

const toReasonCode = (r: ReasonCodeRow): ReasonCode => ({
  id: r.id,
  category: r.category,
  code: r.code,
  label: r.label,
  forAll: r.for_all === 1,
  systemCode: r.system_code === 1,
});
const toWrapUp = (r: WrapUpRow): WrapUpReason => ({ id: r.id, label: r.label, forAll: r.for_all === 1 });

const CATEGORIES: readonly string[] = ['NOT_READY', 'LOGOUT'];

type CodesRepo = Pick<
  Store & ConfigStore,
  | 'listReasonCodes'
  | 'getReasonCode'
  | 'listTeamReasonCodes'
  | 'createReasonCode'
  | 'updateReasonCode'
  | 'deleteReasonCode'
  | 'setTeamReasonCodes'
  | 'listWrapUpReasons'
  | 'getWrapUpReason'
  | 'listTeamWrapUpReasons'
  | 'createWrapUpReason'
  | 'updateWrapUpReason'
  | 'deleteWrapUpReason'
  | 'setTeamWrapUpReasons'
>;

const count = async (tx: SqlTx, sql: string, params: (string | number)[]) =>
  (await tx.get<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${sql}`, params))?.n ?? 0;

export async function teamMustExist(tx: SqlTx, teamId: string) {
  refuseIf(
    (await tx.get('SELECT id FROM teams WHERE id = ?', [teamId]))
      ? undefined
      : rules.notFound('team', teamId),
  );
}

/** Reason codes and wrap-up reasons, global and team-assigned, on any `SqlDb`. */
export function codesRepo(db: SqlDb): CodesRepo {
  const checkCode = (c: Partial<NewReasonCode>, isNew: boolean) =>
    rules.firstError(
      isNew || c.category !== undefined
        ? c.category === undefined
          ? rules.missing('category')
          : CATEGORIES.includes(c.category)
            ? undefined
            : rules.invalid('category', 'NOT_READY or LOGOUT')
        : undefined,
      isNew || c.code !== undefined
        ? rules.integer('code', c.code, rules.LIMITS.reasonCodeMin, rules.LIMITS.reasonCodeMax)
        : undefined,
      isNew || c.label !== undefined
        ? rules.line('label', c.label, rules.LIMITS.reasonCodeLabel, 1)
        : undefined,
    );

  /** 100 codes for everybody plus 100 team codes, per category. */
  async function codeLimit(tx: SqlTx, category: string, forAll: boolean, exceptId: number) {
    await tx.lock('reason_codes');
    const n = await count(tx, 'reason_codes WHERE category = ? AND for_all = ? AND id <> ?', [
      category,
      flag(forAll),
      exceptId,
    ]);
    const max = forAll ? rules.LIMITS.globalReasonCodes : rules.LIMITS.teamReasonCodes;
    refuseIf(n >= max ? rules.limit('ReasonCode', max) : undefined);
  }

  async function codeUnique(tx: SqlTx, c: Omit<ReasonCode, 'id'>, exceptId?: number) {
    await unique(tx, 'reason_codes', 'code', c.code, exceptId, 'code', ['category', c.category]);
    await unique(tx, 'reason_codes', 'label', c.label, exceptId, 'label', ['category', c.category]);
  }

  async function wrapUpLimit(tx: SqlTx, forAll: boolean, exceptId: number) {
    await tx.lock('wrap_up_reasons');
    const n = await count(tx, 'wrap_up_reasons WHERE for_all = ? AND id <> ?', [flag(forAll), exceptId]);
    const max = forAll ? rules.LIMITS.globalWrapUpReasons : rules.LIMITS.teamWrapUpReasons;
    refuseIf(n >= max ? rules.limit('WrapUpReason', max) : undefined);
  }

  /** The ids must name team-assignable (not forAll) rows of `table`. */
  async function assignable(tx: SqlTx, table: string, field: string, ids: number[], category?: string) {
    for (const id of ids) {
      const row = await tx.get<{ for_all: number; category?: string }>(
        `SELECT * FROM ${table} WHERE id = ?`,
        [id],
      );
      refuseIf(row ? undefined : rules.invalid(field, `no ${field} ${id}`));
      refuseIf(
        row!.for_all === 1 ? rules.invalid(field, `${field} ${id} is for all teams already`) : undefined,
      );
      refuseIf(
        category && row!.category !== category
          ? rules.invalid(field, `${field} ${id} is not ${category}`)
          : undefined,
      );
    }
  }

  return {
    async listReasonCodes(category) {
      const rows = category
        ? await db.all<ReasonCodeRow>('SELECT * FROM reason_codes WHERE category = ? ORDER BY id', [category])
        : await db.all<ReasonCodeRow>('SELECT * FROM reason_codes ORDER BY id');
      return rows.map(toReasonCode);
    },

    async getReasonCode(id) {
      const row = await db.get<ReasonCodeRow>('SELECT * FROM reason_codes WHERE id = ?', [id]);
      return row && toReasonCode(row);
    },

    async listTeamReasonCodes(teamId, category) {
      const rows = await db.all<ReasonCodeRow>(
        `SELECT * FROM reason_codes WHERE (for_all = 1 OR id IN
           (SELECT reason_code_id FROM team_reason_codes WHERE team_id = ?)) ${category ? 'AND category = ?' : ''}
         ORDER BY id`,
        category ? [teamId, category] : [teamId],
      );
      return rows.map(toReasonCode);
    },

    async createReasonCode(c) {
      const bad = checkCode(c, true);
      if (bad) return { ok: false, error: bad };
      const code = { ...c, forAll: c.forAll ?? true, systemCode: c.systemCode ?? false };
      return write(db, async (tx) => {
        await codeLimit(tx, code.category, code.forAll, -1);
        await codeUnique(tx, code);
        const row = await tx.get<ReasonCodeRow>(
          `INSERT INTO reason_codes (category, code, label, for_all, system_code) VALUES (?, ?, ?, ?, ?)
           RETURNING *`,
          [code.category, code.code, code.label, flag(code.forAll), flag(code.systemCode)],
        );
        tx.emit({ kind: 'reasonCode', op: 'create', id: String(row!.id) });
        return toReasonCode(row!);
      });
    },

    async updateReasonCode(id, patch: ReasonCodePatch) {
      const bad = checkCode(patch, false);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        const row = await tx.get<ReasonCodeRow>('SELECT * FROM reason_codes WHERE id = ?', [id]);
        refuseIf(row ? undefined : rules.notFound('ReasonCode', id));
        const next = { ...toReasonCode(row!), ...patch };
        if (next.forAll !== (row!.for_all === 1) || next.category !== row!.category) {
          await codeLimit(tx, next.category, next.forAll, id);
        }
        await codeUnique(tx, next, id);
        await tx.run('UPDATE reason_codes SET category = ?, code = ?, label = ?, for_all = ? WHERE id = ?', [
          next.category,
          next.code,
          next.label,
          flag(next.forAll),
          id,
        ]);
        tx.emit({ kind: 'reasonCode', op: 'update', id: String(id) });
        return next;
      });
    },

    deleteReasonCode: (id) =>
      write(db, async (tx) => {
        const r = await tx.run('DELETE FROM reason_codes WHERE id = ?', [id]);
        refuseIf(r.changes === 1 ? undefined : rules.notFound('ReasonCode', id));
        tx.emit({ kind: 'reasonCode', op: 'delete', id: String(id) });
      }),

    setTeamReasonCodes: (teamId, ids, category) =>
      write(db, async (tx) => {
        await teamMustExist(tx, teamId);
        await assignable(tx, 'reason_codes', 'ReasonCode', ids, category);
        await tx.run(
          `DELETE FROM team_reason_codes WHERE team_id = ? ${
            category ? 'AND reason_code_id IN (SELECT id FROM reason_codes WHERE category = ?)' : ''
          }`,
          category ? [teamId, category] : [teamId],
        );
        for (const id of new Set(ids)) {
          await tx.run('INSERT INTO team_reason_codes (team_id, reason_code_id) VALUES (?, ?)', [teamId, id]);
        }
        tx.emit({ kind: 'team', op: 'update', id: teamId });
      }),

    async listWrapUpReasons() {
      return (await db.all<WrapUpRow>('SELECT * FROM wrap_up_reasons ORDER BY id')).map(toWrapUp);
    },

    async getWrapUpReason(id) {
      const row = await db.get<WrapUpRow>('SELECT * FROM wrap_up_reasons WHERE id = ?', [id]);
      return row && toWrapUp(row);
    },

    async listTeamWrapUpReasons(teamId) {
      const rows = await db.all<WrapUpRow>(
        `SELECT * FROM wrap_up_reasons WHERE for_all = 1 OR id IN
           (SELECT wrap_up_reason_id FROM team_wrap_up_reasons WHERE team_id = ?) ORDER BY id`,
        [teamId],
      );
      return rows.map(toWrapUp);
    },

    async createWrapUpReason(w) {
      const bad = rules.line('label', w.label, rules.LIMITS.wrapUpLabel, 1);
      if (bad) return { ok: false, error: bad };
      const forAll = w.forAll ?? true;
      return write(db, async (tx) => {
        await wrapUpLimit(tx, forAll, -1);
        await unique(tx, 'wrap_up_reasons', 'label', w.label, undefined, 'label');
        const row = await tx.get<WrapUpRow>(
          'INSERT INTO wrap_up_reasons (label, for_all) VALUES (?, ?) RETURNING *',
          [w.label, flag(forAll)],
        );
        tx.emit({ kind: 'wrapUpReason', op: 'create', id: String(row!.id) });
        return toWrapUp(row!);
      });
    },

    async updateWrapUpReason(id, patch) {
      const bad =
        patch.label === undefined ? undefined : rules.line('label', patch.label, rules.LIMITS.wrapUpLabel, 1);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        const row = await tx.get<WrapUpRow>('SELECT * FROM wrap_up_reasons WHERE id = ?', [id]);
        refuseIf(row ? undefined : rules.notFound('WrapUpReason', id));
        const next = { ...toWrapUp(row!), ...patch, id };
        if (next.forAll !== (row!.for_all === 1)) await wrapUpLimit(tx, next.forAll, id);
        await unique(tx, 'wrap_up_reasons', 'label', next.label, id, 'label');
        await tx.run('UPDATE wrap_up_reasons SET label = ?, for_all = ? WHERE id = ?', [
          next.label,
          flag(next.forAll),
          id,
        ]);
        tx.emit({ kind: 'wrapUpReason', op: 'update', id: String(id) });
        return next;
      });
    },

    deleteWrapUpReason: (id) =>
      write(db, async (tx) => {
        const r = await tx.run('DELETE FROM wrap_up_reasons WHERE id = ?', [id]);
        refuseIf(r.changes === 1 ? undefined : rules.notFound('WrapUpReason', id));
        tx.emit({ kind: 'wrapUpReason', op: 'delete', id: String(id) });
      }),

    setTeamWrapUpReasons: (teamId, ids) =>
      write(db, async (tx) => {
        await teamMustExist(tx, teamId);
        await assignable(tx, 'wrap_up_reasons', 'WrapUpReason', ids);
        await tx.run('DELETE FROM team_wrap_up_reasons WHERE team_id = ?', [teamId]);
        for (const id of new Set(ids)) {
          await tx.run('INSERT INTO team_wrap_up_reasons (team_id, wrap_up_reason_id) VALUES (?, ?)', [
            teamId,
            id,
          ]);
        }
        tx.emit({ kind: 'team', op: 'update', id: teamId });
      }),
  };
}
