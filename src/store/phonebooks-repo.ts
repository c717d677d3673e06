import { teamMustExist } from './codes-repo.ts';
import type { ConfigStore, Contact, NewContact, PhoneBook } from './config-types.ts';
import * as rules from './rules.ts';
import { refuseIf, type SqlDb, type SqlTx, unique, write } from './sql.ts';

interface ContactRow {
  id: number;
  phone_book_id: number;
  first_name: string;
  last_name: string;
  phone_number: string;
  description: string;
}

const toContact = (r: ContactRow): Contact => ({
  id: r.id,
  phoneBookId: r.phone_book_id,
  firstName: r.first_name,
  lastName: r.last_name,
  phoneNumber: r.phone_number,
  description: r.description,
});

type PhoneBooksRepo = Pick<
  ConfigStore,
  | 'listPhoneBooks'
  | 'getPhoneBook'
  | 'listTeamPhoneBooks'
  | 'createPhoneBook'
  | 'updatePhoneBook'
  | 'deletePhoneBook'
  | 'setTeamPhoneBooks'
  | 'countContacts'
  | 'listContacts'
  | 'getContact'
  | 'createContact'
  | 'updateContact'
  | 'deleteContact'
  | 'replaceContacts'
>;

const count = async (q: Pick<SqlDb, 'get'>, where: string, params: (string | number)[]) =>
  (await q.get<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${where}`, params))?.n ?? 0;

const checkBook = (b: Partial<Omit<PhoneBook, 'id'>>, isNew: boolean) =>
  rules.firstError(
    isNew || b.name !== undefined ? rules.line('name', b.name, rules.LIMITS.phoneBookName, 1) : undefined,
    isNew && b.type === undefined ? rules.missing('type') : undefined,
    b.type !== undefined && b.type !== 'GLOBAL' && b.type !== 'TEAM'
      ? rules.invalid('type', 'GLOBAL or TEAM')
      : undefined,
  );

const checkContact = (c: Partial<NewContact>, isNew: boolean) =>
  rules.firstError(
    rules.line('firstName', c.firstName, rules.LIMITS.contactName),
    rules.line('lastName', c.lastName, rules.LIMITS.contactName),
    isNew || c.phoneNumber !== undefined
      ? rules.line('phoneNumber', c.phoneNumber, rules.LIMITS.contactPhone, 1)
      : undefined,
    rules.text('description', c.description, rules.LIMITS.contactDescription),
  );

/** Phone books (10 GLOBAL, 300 TEAM) and their contacts (6000 a book, 50,000 in all). */
export function phoneBooksRepo(db: SqlDb): PhoneBooksRepo {
  async function bookLimit(tx: SqlTx, type: string) {
    await tx.lock('phone_books');
    const max = type === 'GLOBAL' ? rules.LIMITS.globalPhoneBooks : rules.LIMITS.teamPhoneBooks;
    refuseIf(
      (await count(tx, 'phone_books WHERE type = ?', [type])) >= max
        ? rules.limit('PhoneBook', max)
        : undefined,
    );
  }

  async function isAssigned(tx: SqlTx, id: number) {
    return (await count(tx, 'team_phone_books WHERE phone_book_id = ?', [id])) > 0;
  }

  async function bookMustExist(tx: SqlTx, id: number) {
    refuseIf(
      (await tx.get('SELECT id FROM phone_books WHERE id = ?', [id]))
        ? undefined
        : rules.notFound('PhoneBook', id),
    );
  }

  return {
    listPhoneBooks: () => db.all<PhoneBook>('SELECT id, name, type FROM phone_books ORDER BY id'),
    getPhoneBook: (id) => db.get<PhoneBook>('SELECT id, name, type FROM phone_books WHERE id = ?', [id]),

    async listTeamPhoneBooks(teamId) {
      return db.all<PhoneBook>(
        `SELECT id, name, type FROM phone_books WHERE type = 'GLOBAL' OR id IN
           (SELECT phone_book_id FROM team_phone_books WHERE team_id = ?)
         ORDER BY CASE WHEN type = 'GLOBAL' THEN 0 ELSE 1 END, id`,
        [teamId],
      );
    },

    async createPhoneBook(b) {
      const bad = checkBook(b, true);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        await bookLimit(tx, b.type);
        await unique(tx, 'phone_books', 'name', b.name, undefined, 'name');
        const row = await tx.get<PhoneBook>(
          'INSERT INTO phone_books (name, type) VALUES (?, ?) RETURNING id, name, type',
          [b.name, b.type],
        );
        tx.emit({ kind: 'phoneBook', op: 'create', id: String(row!.id) });
        return row!;
      });
    },

    async updatePhoneBook(id, patch) {
      const bad = checkBook(patch, false);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        const row = await tx.get<PhoneBook>('SELECT id, name, type FROM phone_books WHERE id = ?', [id]);
        refuseIf(row ? undefined : rules.notFound('PhoneBook', id));
        const next = { ...row!, ...patch, id };
        if (next.type !== row!.type) {
          // Finesse: a team phone book in use cannot become global ("In Use").
          if (row!.type === 'TEAM' && (await isAssigned(tx, id))) {
            refuseIf({ code: 'in-use', field: 'type', message: `phone book ${id} is assigned to a team` });
          }
          await bookLimit(tx, next.type);
        }
        await unique(tx, 'phone_books', 'name', next.name, id, 'name');
        await tx.run('UPDATE phone_books SET name = ?, type = ? WHERE id = ?', [next.name, next.type, id]);
        tx.emit({ kind: 'phoneBook', op: 'update', id: String(id) });
        return next;
      });
    },

    deletePhoneBook: (id) =>
      write(db, async (tx) => {
        await bookMustExist(tx, id);
        if (await isAssigned(tx, id)) {
          refuseIf({ code: 'in-use', field: 'PhoneBook', message: `phone book ${id} is assigned to a team` });
        }
        await tx.run('DELETE FROM phone_books WHERE id = ?', [id]);
        tx.emit({ kind: 'phoneBook', op: 'delete', id: String(id) });
      }),

    setTeamPhoneBooks: (teamId, ids) =>
      write(db, async (tx) => {
        await teamMustExist(tx, teamId);
        for (const id of ids) {
          const book = await tx.get<PhoneBook>('SELECT type FROM phone_books WHERE id = ?', [id]);
          refuseIf(book ? undefined : rules.invalid('PhoneBook', `no PhoneBook ${id}`));
          refuseIf(
            book!.type === 'TEAM' ? undefined : rules.invalid('PhoneBook', `PhoneBook ${id} is GLOBAL`),
          );
        }
        await tx.run('DELETE FROM team_phone_books WHERE team_id = ?', [teamId]);
        for (const id of new Set(ids)) {
          await tx.run('INSERT INTO team_phone_books (team_id, phone_book_id) VALUES (?, ?)', [teamId, id]);
        }
        tx.emit({ kind: 'team', op: 'update', id: teamId });
      }),

    countContacts: (id) => count(db, 'contacts WHERE phone_book_id = ?', [id]),

    async listContacts(phoneBookId, page) {
      const rows = await db.all<ContactRow>(
        `SELECT * FROM contacts WHERE phone_book_id = ? ORDER BY id${page ? ' LIMIT ? OFFSET ?' : ''}`,
        page ? [phoneBookId, page.limit, page.offset] : [phoneBookId],
      );
      return rows.map(toContact);
    },

    async getContact(phoneBookId, id) {
      const row = await db.get<ContactRow>('SELECT * FROM contacts WHERE phone_book_id = ? AND id = ?', [
        phoneBookId,
        id,
      ]);
      return row && toContact(row);
    },

    async createContact(phoneBookId, c) {
      const bad = checkContact(c, true);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        await bookMustExist(tx, phoneBookId);
        await tx.lock('contacts');
        const inBook = await count(tx, 'contacts WHERE phone_book_id = ?', [phoneBookId]);
        refuseIf(
          inBook >= rules.LIMITS.contactsPerBook
            ? rules.limit('Contact', rules.LIMITS.contactsPerBook)
            : undefined,
        );
        const total = await count(tx, 'contacts', []);
        refuseIf(
          total >= rules.LIMITS.contactsTotal
            ? rules.limit('Contact', rules.LIMITS.contactsTotal)
            : undefined,
        );
        const row = await tx.get<ContactRow>(
          `INSERT INTO contacts (phone_book_id, first_name, last_name, phone_number, description)
           VALUES (?, ?, ?, ?, ?) RETURNING *`,
          [phoneBookId, c.firstName ?? '', c.lastName ?? '', c.phoneNumber, c.description ?? ''],
        );
        tx.emit({ kind: 'contact', op: 'create', id: `${phoneBookId}/${row!.id}` });
        return toContact(row!);
      });
    },

    async updateContact(phoneBookId, id, patch) {
      const bad = checkContact(patch, false);
      if (bad) return { ok: false, error: bad };
      return write(db, async (tx) => {
        const row = await tx.get<ContactRow>('SELECT * FROM contacts WHERE phone_book_id = ? AND id = ?', [
          phoneBookId,
          id,
        ]);
        refuseIf(row ? undefined : rules.notFound('Contact', id));
        const next = { ...toContact(row!), ...patch, id, phoneBookId };
        await tx.run(
          'UPDATE contacts SET first_name = ?, last_name = ?, phone_number = ?, description = ? WHERE id = ?',
          [next.firstName, next.lastName, next.phoneNumber, next.description, id],
        );
        tx.emit({ kind: 'contact', op: 'update', id: `${phoneBookId}/${id}` });
        return next;
      });
    },

    async replaceContacts(phoneBookId, contacts) {
      if (contacts.length > rules.LIMITS.contactsPerBook)
        return { ok: false, error: rules.limit('Contact', rules.LIMITS.contactsPerBook) };
      for (const c of contacts) {
        const bad = checkContact(c, true);
        if (bad) return { ok: false, error: bad };
      }
      return write(db, async (tx) => {
        await bookMustExist(tx, phoneBookId);
        await tx.lock('contacts');
        const others = await count(tx, 'contacts WHERE phone_book_id <> ?', [phoneBookId]);
        refuseIf(
          others + contacts.length > rules.LIMITS.contactsTotal
            ? rules.limit('Contact', rules.LIMITS.contactsTotal)
            : undefined,
        );
        await tx.run('DELETE FROM contacts WHERE phone_book_id = ?', [phoneBookId]);
        for (const c of contacts) {
          await tx.run(
            `INSERT INTO contacts (phone_book_id, first_name, last_name, phone_number, description)
             VALUES (?, ?, ?, ?, ?)`,
            [phoneBookId, c.firstName ?? '', c.lastName ?? '', c.phoneNumber, c.description ?? ''],
          );
        }
        // One notice for the book's whole list (a change of the book, as desktops re-read it).
        tx.emit({ kind: 'phoneBook', op: 'update', id: String(phoneBookId) });
        return contacts.length;
      });
    },

    deleteContact: (phoneBookId, id) =>
      write(db, async (tx) => {
        const r = await tx.run('DELETE FROM contacts WHERE phone_book_id = ? AND id = ?', [phoneBookId, id]);
        refuseIf(r.changes === 1 ? undefined : rules.notFound('Contact', id));
        tx.emit({ kind: 'contact', op: 'delete', id: `${phoneBookId}/${id}` });
      }),
  };
}
