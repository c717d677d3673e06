/**
 * The admin pages' I/O: list, create, update and delete config objects described in
 * admin-resources.ts. Config APIs answer synchronously and publish nothing (finesse-api.md §0),
 * so every change is followed by a fresh GET. ApiErrors are matched to the field they name,
 * so the page can show each next to its input.
 */

import type { ResourceSpec } from './admin-resources.ts';
import { resourceByKey } from './admin-resources.ts';
import { configBody } from './client/bodies.ts';
import type { ApiError } from './client/models.ts';
import type { RestClient } from './client/rest.ts';
import { buildXml, childElements, childText, idFromUri, parseXmlText, type XmlNode } from './client/xml.ts';
import { contactsFromCsv, contactsToCsv } from './contacts-csv.ts';
import { describeErrors } from './desktop-data.ts';
import { GADGETS_EMPTY, GadgetAdmin, type GadgetAdminState, isGadgetPage } from './gadget-admin.ts';

export type Row = Record<string, string>;

export interface AdminState {
  resource: string;
  /** Set while a phone book's contacts are shown. */
  parent: { id: string; label: string } | undefined;
  rows: Row[];
  /** The server has no such API (yet): the page says so instead of showing an empty table. */
  unavailable: boolean;
  /** The object in the form: `{}` for a new one, undefined when no form is open. */
  editing: Row | undefined;
  fieldErrors: Record<string, string>;
  formError: string;
  message: string;
  /** The layout, workflow and gadget-file pages (`resource` is one of GADGET_PAGES there). */
  gadgets: GadgetAdminState;
}

export const ADMIN_EMPTY: AdminState = {
  resource: 'reasoncodes',
  parent: undefined,
  rows: [],
  unavailable: false,
  editing: undefined,
  fieldErrors: {},
  formError: '',
  message: '',
  gadgets: GADGETS_EMPTY,
};

export function specOf(s: AdminState): ResourceSpec {
  const spec = resourceByKey(s.resource);
  return s.parent && spec.child ? spec.child : spec;
}

export function parseRows(text: string, spec: ResourceSpec): Row[] {
  const root = parseXmlText(text);
  if (!root) return [];
  const items = root.localName === spec.element ? [root] : childElements(root, spec.element);
  return items.map((el) => {
    const row: Row = {};
    for (const f of spec.fields) {
      if (f.type === 'rows') {
        const holder = f.isInline ? el : childElements(el, f.name)[0];
        row[f.name] = childElements(holder, f.itemName)
          .map((item) => (f.itemFields ?? []).map((name) => childText(item, name)).join(', '))
          .join('\n');
        continue;
      }
      row[f.name] =
        f.type === 'list'
          ? childElements(childElements(el, f.name)[0], f.itemName)
              .map((c) => (f.itemField ? childText(c, f.itemField) : (c.textContent?.trim() ?? '')))
              .join(', ')
          : f.type === 'password'
            ? ''
            : childText(el, f.name);
    }
    row.id = spec.isSingleton
      ? spec.element
      : childText(el, spec.idField ?? 'id') || idFromUri(childText(el, 'uri'));
    return row;
  });
}

export function buildBody(spec: ResourceSpec, values: Row): string {
  return configBody(spec.element, bodyFields(spec, values));
}

/** The elements of one object's body; each field gives one, or (inline rows) several. */
function bodyFields(spec: ResourceSpec, values: Row): XmlNode[] {
  return spec.fields.flatMap((f): XmlNode[] => {
    const v = (values[f.name] ?? '').trim();
    if (f.omitEmpty && !v) return [];
    if (f.type === 'checkbox') return [[f.name, v === 'true' ? 'true' : 'false']];
    if (f.type === 'rows') {
      const items = v
        .split('\n')
        .map((line) => line.split(',').map((x) => x.trim()))
        .filter((parts) => parts.some(Boolean))
        .map(
          (parts): XmlNode => [
            f.itemName ?? 'item',
            // An item field left empty is left out: the server gives it its default.
            (f.itemFields ?? []).map((name, i): XmlNode => [name, parts[i] || undefined]),
          ],
        );
      // Inline items are the object's own children (Finesse's ECCVariableConfig).
      return f.isInline ? items : [[f.name, items]];
    }
    if (f.type === 'list') {
      const items = v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      return [
        [f.name, items.map((x): XmlNode => [f.itemName ?? 'item', f.itemField ? [[f.itemField, x]] : x])],
      ];
    }
    return [[f.name, v]];
  });
}

/** Which field an ApiError is about: the one its ErrorData names (case-insensitive). */
export function fieldErrorsOf(
  spec: ResourceSpec,
  errors: ApiError[],
): { fields: Record<string, string>; form: string } {
  const fields: Record<string, string> = {};
  const form: string[] = [];
  for (const e of errors) {
    // Switchboard (and Finesse's config APIs) name the offending element in ErrorData. Matching
    // words of the message instead would guess wrong ("reason code" is not the Code field).
    const data = e.errorData.trim().toLowerCase();
    const f = spec.fields.find(
      (x) =>
        data === x.name.toLowerCase() ||
        data === x.label.toLowerCase() ||
        // A list item's own field (an ECC variable's `length`) is the list's business.
        (x.itemFields ?? []).some((i) => data === i.toLowerCase()),
    );
    // ErrorMessage is often a constant (INVALID_INPUT); next to a field the ErrorType reads better.
    if (f && !fields[f.name])
      fields[f.name] = /[a-z]/.test(e.errorMessage) ? e.errorMessage : e.errorType || e.errorMessage;
    else form.push([e.errorType, e.errorMessage].filter(Boolean).join(': '));
  }
  return { fields, form: form.join('; ') };
}

export class Admin {
  state: AdminState = ADMIN_EMPTY;
  /** False until an object type was opened (the admin page loads lazily). */
  loaded = false;
  readonly gadgets: GadgetAdmin;
  #refreshes = 0;
  readonly #rest: RestClient;
  readonly #onChange: (s: AdminState) => void;

  constructor(rest: RestClient, onChange: (s: AdminState) => void) {
    this.#rest = rest;
    this.#onChange = onChange;
    this.gadgets = new GadgetAdmin(rest, (g) => this.#set({ gadgets: g }));
  }

  #set(patch: Partial<AdminState>) {
    this.state = { ...this.state, ...patch };
    this.#onChange(this.state);
  }

  async open(resource: string, parent?: AdminState['parent']): Promise<void> {
    this.loaded = true;
    this.#refreshes += 1; // a list still loading for the page before is not this page's
    this.#set({ ...ADMIN_EMPTY, resource, parent, gadgets: this.gadgets.state });
    if (isGadgetPage(resource)) await this.gadgets.open(resource);
    else await this.refresh();
  }

  async refresh(): Promise<void> {
    const spec = specOf(this.state);
    // Only the newest list applies: a tab's first load can answer after a save's reload (or after
    // another tab was opened) and would put back the rows from before.
    const ticket = ++this.#refreshes;
    const res = await this.#rest.get(spec.listPath(this.state.parent?.id));
    if (ticket !== this.#refreshes) return;
    if (!res.ok) {
      const missing = res.status === 404 || res.status === 405 || res.status === 501;
      this.#set({
        rows: [],
        unavailable: missing,
        message: missing ? '' : `Loading failed: ${describeErrors(res.errors, res.status)}`,
      });
      return;
    }
    this.#set({ rows: parseRows(res.text, spec), unavailable: false });
  }

  /** After sign-out: nothing of the last administrator's view stays. */
  reset(): void {
    this.loaded = false;
    this.gadgets.reset();
    this.#set(ADMIN_EMPTY);
  }

  edit(row: Row | undefined): void {
    const fresh = Object.fromEntries(
      specOf(this.state)
        .fields.filter((f) => f.default !== undefined)
        .map((f) => [f.name, f.default ?? '']),
    );
    this.#set({ editing: row ? { ...row } : fresh, fieldErrors: {}, formError: '', message: '' });
  }

  cancel(): void {
    this.#set({ editing: undefined, fieldErrors: {}, formError: '' });
  }

  async save(values: Row): Promise<boolean> {
    const spec = specOf(this.state);
    const id = this.state.editing?.id;
    const parent = this.state.parent?.id;
    const body = buildBody(spec, values);
    const res =
      id || spec.isSingleton
        ? await this.#rest.send('PUT', spec.itemPath(id ?? '', parent), body)
        : await this.#rest.send('POST', spec.createPath(parent), body);
    if (!res.ok) {
      const { fields, form } = fieldErrorsOf(spec, res.errors);
      this.#set({
        editing: { ...values, id: id ?? '' },
        fieldErrors: fields,
        formError:
          form ||
          (Object.keys(fields).length ? '' : `Saving failed: ${describeErrors(res.errors, res.status)}`),
      });
      return false;
    }
    this.#set({ editing: undefined, fieldErrors: {}, formError: '', message: `Saved ${spec.noun}` });
    await this.refresh();
    return true;
  }

  /**
   * Import: the phone book shown gets the CSV's contacts instead of its own (PUT
   * /PhoneBook/{id}/Contacts, all or none); a refused contact's error is shown.
   */
  async importContacts(csv: string): Promise<void> {
    const spec = specOf(this.state);
    const parent = this.state.parent?.id;
    if (!parent) return;
    const contacts = contactsFromCsv(csv);
    const body = buildXml(
      'Contacts',
      contacts.map((row): XmlNode => ['Contact', bodyFields(spec, row)]),
    );
    const res = await this.#rest.send('PUT', spec.listPath(parent), body);
    this.#set({
      message: res.ok
        ? `Imported ${contacts.length} contacts`
        : `Import failed: ${describeErrors(res.errors, res.status)}`,
    });
    await this.refresh();
  }

  /** Export: the phone book shown, as CSV. */
  exportContacts(): string {
    return contactsToCsv(this.state.rows);
  }

  async remove(id: string): Promise<void> {
    const spec = specOf(this.state);
    const res = await this.#rest.send('DELETE', spec.itemPath(id, this.state.parent?.id));
    this.#set({
      message: res.ok ? `Deleted ${spec.noun}` : `Delete failed: ${describeErrors(res.errors, res.status)}`,
    });
    await this.refresh();
  }
}
