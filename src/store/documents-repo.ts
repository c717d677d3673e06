import type { Result } from '../core/model.ts';
import type { ConfigStore, StoredDocument } from './config-types.ts';
import { refuseIf, type SqlDb, write } from './sql.ts';
import type { StoreError } from './types.ts';

interface DocumentRow {
  id: string;
  body: string;
}

type DocumentsRepo = Pick<ConfigStore, 'listDocuments' | 'getDocument' | 'putDocument' | 'deleteDocument'>;

/**
 * The configuration resources declared as data (`src/resources`): one JSON document per object,
 * by kind and id, so that a new resource needs no table, no SQL and no migration of its own. The
 * store keeps documents and numbers new ones; what a document may hold is the resource's spec's
 * business (it validates before writing, and `check` runs its rules over the kind's other
 * documents inside the transaction: uniqueness, limits).
 */
export function documentsRepo(db: SqlDb): DocumentsRepo {
  const toDocument = (r: DocumentRow): StoredDocument => ({ id: r.id, body: JSON.parse(r.body) as unknown });
  const list = async (q: Pick<SqlDb, 'all'>, kind: string) =>
    (await q.all<DocumentRow>('SELECT id, body FROM config_documents WHERE kind = ?', [kind]))
      .map(toDocument)
      .sort(byId);

  return {
    listDocuments: (kind) => list(db, kind),

    async getDocument(kind, id) {
      const row = await db.get<DocumentRow>(
        'SELECT id, body FROM config_documents WHERE kind = ? AND id = ?',
        [kind, id],
      );
      return row && toDocument(row);
    },

    putDocument(kind, w) {
      return write(db, async (tx) => {
        // Checks read the kind's other documents: writers of one kind take turns.
        await tx.lock('config_documents');
        const all = await list(tx, kind);
        const existing = w.id === undefined ? undefined : all.find((d) => d.id === w.id);
        if (w.mustExist && !existing)
          refuseIf({ code: 'not-found', field: kind, message: `no ${kind} ${w.id}` });
        refuseIf(w.check?.(all.filter((d) => d !== existing)));
        let id = w.id;
        if (id === undefined) {
          // Ids are never handed out twice (desktops and reports may hold them): a counter per kind.
          const seq = await tx.get<{ last_id: number }>(
            'SELECT last_id FROM config_sequences WHERE kind = ?',
            [kind],
          );
          id = String((seq?.last_id ?? 0) + 1);
          await tx.run(
            'INSERT INTO config_sequences (kind, last_id) VALUES (?, ?) ON CONFLICT (kind) DO UPDATE SET last_id = excluded.last_id',
            [kind, Number(id)],
          );
        }
        const body = JSON.stringify(w.body);
        if (existing) {
          await tx.run('UPDATE config_documents SET body = ? WHERE kind = ? AND id = ?', [body, kind, id]);
        } else {
          await tx.run('INSERT INTO config_documents (kind, id, body) VALUES (?, ?, ?)', [kind, id, body]);
        }
        tx.emit({ kind, op: existing ? 'update' : 'create', id });
        return { id, body: JSON.parse(body) as unknown };
      });
    },

    deleteDocument(kind, id): Promise<Result<void, StoreError>> {
      return write(db, async (tx) => {
        const r = await tx.run('DELETE FROM config_documents WHERE kind = ? AND id = ?', [kind, id]);
        refuseIf(
          r.changes === 0 ? { code: 'not-found', field: kind, message: `no ${kind} ${id}` } : undefined,
        );
        tx.emit({ kind, op: 'delete', id });
      });
    },
  };
}

/** Numbered documents in numeric order, named ones (scopes such as `team:5000`) by name after them. */
function byId(a: StoredDocument, b: StoredDocument): number {
  const [x, y] = [/^\d+$/.test(a.id), /^\d+$/.test(b.id)];
  if (x && y) return Number(a.id) - Number(b.id);
  if (x !== y) return x ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
