import type { NewContact, PhoneBookType } from '../../store/index.ts';
import type { XmlElement } from '../../xml/index.ts';
import { apiError } from '../errors.ts';
import { errorReply, xmlReply } from '../reply.ts';
import type { Route, RouteContext } from '../router.ts';
import { buildPhoneBook, renderContact, renderPhoneBook, renderPhoneBooks, uris } from '../wire/config.ts';
import { crudRoutes, unlessBad } from './crud.ts';
import { admin, BodyReader, isAdmin, numericId, type RouteDeps, readXml, storeError } from './kit.ts';
import { contactsOf } from './phonebook-view.ts';

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * PhoneBook and Contact configuration (finesse-api.md §1.6): `GET /PhoneBooks`, `POST /PhoneBook`,
 * `GET|PUT|DELETE /PhoneBook/{id}` with `<PhoneBook><name/><type>GLOBAL|TEAM</type>`; contacts
 * under `/PhoneBook/{bookId}/Contact[/{id}]` with `<Contact><firstName/><lastName/><phoneNumber/>
 * <description/>`, and the ranged list `GET /PhoneBook/{id}/Contacts`, which the agents and
 * supervisors who may dial from the book can read too.
 */
export function configPhoneBookRoutes(deps: RouteDeps): Route[] {
  const { store } = deps;
  const readBook = (body: XmlElement) => {
    const read = new BodyReader(body);
    return {
      read,
      fields: { name: read.text('name'), type: read.text('type')?.trim() as PhoneBookType | undefined },
    };
  };
  const readContact = (body: XmlElement) => {
    const read = new BodyReader(body);
    const fields: Partial<NewContact> = {
      firstName: read.text('firstName'),
      lastName: read.text('lastName'),
      phoneNumber: read.text('phoneNumber')?.trim(),
      description: read.text('description'),
    };
    return { read, fields };
  };
  const bookOf = (ctx: RouteContext) => numericId(ctx.params.bookId) ?? -1;

  /** A book an agent or supervisor may read: a GLOBAL one, or a TEAM one assigned to its team or a team it supervises. */
  async function mayRead(ctx: RouteContext, bookId: number) {
    const caller = ctx.caller!;
    if (isAdmin(caller)) return true;
    const teams = [caller.teamId, ...caller.supervisedTeams.map((t) => t.id)].filter((t) => t !== '');
    const visible = new Set<number>();
    for (const t of teams) for (const b of await store.listTeamPhoneBooks(t)) visible.add(b.id);
    if (teams.length === 0)
      for (const b of await store.listPhoneBooks()) if (b.type === 'GLOBAL') visible.add(b.id);
    return visible.has(bookId);
  }

  const books = crudRoutes(deps, {
    one: 'PhoneBook',
    many: 'PhoneBooks',
    kind: 'phoneBook',
    parseId: numericId,
    list: async () =>
      xmlReply(200, renderPhoneBooks((await store.listPhoneBooks()).map((b) => buildPhoneBook(b)))),
    get: (id) => store.getPhoneBook(id),
    create(body) {
      const { read, fields } = readBook(body);
      return unlessBad(read.error, () => store.createPhoneBook({ name: fields.name!, type: fields.type! }));
    },
    update(id, body) {
      const { read, fields } = readBook(body);
      return unlessBad(read.error, () => store.updatePhoneBook(id, defined(fields)));
    },
    remove: (id) => store.deletePhoneBook(id),
    render: renderPhoneBook,
    changeId: (v) => String(typeof v === 'number' ? v : v.id),
    uri: (v) => uris.phoneBook(v.id),
  });

  const contacts = crudRoutes(deps, {
    one: 'Contact',
    many: 'Contacts',
    base: '/PhoneBook/{bookId}',
    kind: 'contact',
    parseId: numericId,
    list: async (ctx) => contactsOf(store, bookOf(ctx), ctx),
    get: (id, ctx) => store.getContact(bookOf(ctx), id),
    create(body, ctx) {
      const { read, fields } = readContact(body);
      return unlessBad(read.error, () =>
        store.createContact(bookOf(ctx), { ...fields, phoneNumber: fields.phoneNumber! }),
      );
    },
    update(id, body, ctx) {
      const { read, fields } = readContact(body);
      return unlessBad(read.error, () => store.updateContact(bookOf(ctx), id, defined(fields)));
    },
    remove: (id, ctx) => store.deleteContact(bookOf(ctx), id),
    render: renderContact,
    changeId: (v, ctx) => `${bookOf(ctx)}/${typeof v === 'number' ? v : v.id}`,
    uri: (v) => uris.contact(v.phoneBookId, v.id),
  });

  // The contact list is also the agents' (a desktop pages through a big book): replace its admin-only GET.
  const list = contacts[0];
  list.methods.GET = async (ctx) => {
    ctx.logApiRequest(ctx.params.bookId);
    const bookId = numericId(ctx.params.bookId);
    if (bookId === undefined || !(await store.getPhoneBook(bookId)))
      return errorReply(apiError('not-found', `PhoneBook ${ctx.params.bookId}`));
    if (!(await mayRead(ctx, bookId))) return errorReply(apiError('authorization-failure', ctx.caller!.id));
    return contactsOf(store, bookId, ctx);
  };
  // Import (the admin's "Import: Import a list of contacts to the phone book", which replaces
  // them): PUT the whole list, `<Contacts><Contact>…</Contact>…</Contacts>`, all or none.
  // 6000 contacts of up to 128 + 128 + 32 + 128 characters, four bytes each at worst, and markup.
  list.bodyLimit = 8 * 1024 * 1024;
  list.methods.PUT = admin(deps, true, async (ctx) => {
    const body = await readXml(ctx, 'Contacts');
    if (!body) return undefined;
    if (!body.ok) return body.error;
    const items = body.value.getChildren('Contact').map(readContact);
    const bad = items.find((i) => i.read.error)?.read.error;
    if (bad) return errorReply(bad);
    const r = await store.replaceContacts(
      bookOf(ctx),
      items.map((i) => ({ ...i.fields, phoneNumber: i.fields.phoneNumber ?? '' })),
    );
    if (!r.ok) return errorReply(storeError(r.error));
    deps.configChanged({ kind: 'phoneBook', op: 'update', id: String(bookOf(ctx)) });
    return contactsOf(store, bookOf(ctx), ctx);
  });
  return [...books, ...contacts];
}
