import type { Result } from '../core/model.ts';
// rules.ts, not the store's index: the desktop bundles these declarations (its admin form), and
// the index would bring the database drivers into the browser.
import type { StoreError } from '../store/index.ts';
import * as rules from '../store/rules.ts';
import { el, type XmlElement } from '../xml/index.ts';

/**
 * The fields of a configuration resource, declared once: from a declaration come the value's
 * TypeScript type (`ObjectOf`), the defaults, the XML body's reading and writing, validation and
 * the admin form's inputs. Element names are the field names, in declared order.
 */

interface Described {
  /** The admin form's label. */
  label: string;
  /** Shown under the input, and in docs: the limits in words. */
  hint?: string;
}

export interface TextField extends Described {
  type: 'text';
  max: number;
  /** 1 or more makes the field required on create. */
  min?: number;
  /** Checked after the length; `patternHint` says what it wants. */
  pattern?: RegExp;
  patternHint?: string;
  default?: string;
  /** A long text (a textarea in the admin form). */
  isMultiline?: boolean;
}
export interface IntField extends Described {
  type: 'int';
  min: number;
  max: number;
  default: number;
}
export interface BoolField extends Described {
  type: 'bool';
  default: boolean;
}
export interface EnumField<V extends string = string> extends Described {
  type: 'enum';
  values: readonly V[];
  default: V;
}
/** `<name><item>a</item><item>b</item></name>`. */
export interface ListField extends Described {
  type: 'list';
  item: string;
  max: number;
  /** Each item's rule, as a text field's. */
  of: Pick<TextField, 'max' | 'min' | 'pattern' | 'patternHint'>;
}
/** `<name><Item><a/><b/></Item>…</name>`: a list of small objects with fields of their own. */
export interface ObjectsField<F extends ScalarFields = ScalarFields> extends Described {
  type: 'objects';
  item: string;
  max: number;
  fields: F;
  /** The item field whose values must differ between items. */
  key?: keyof F & string;
  /**
   * The items are the parent's own children, with no `<name>` around them (Finesse's
   * `<ECCVariableConfig><ECCVariable>…`); a body then always gives the whole list.
   */
  isInline?: boolean;
}

export type ScalarField = TextField | IntField | BoolField | EnumField;
export type FieldSpec = ScalarField | ListField | ObjectsField;
export type ScalarFields = Readonly<Record<string, ScalarField>>;
export type Fields = Readonly<Record<string, FieldSpec>>;

export type ValueOf<F extends FieldSpec> = F extends TextField
  ? string
  : F extends IntField
    ? number
    : F extends BoolField
      ? boolean
      : F extends EnumField<infer V>
        ? V
        : F extends ListField
          ? string[]
          : F extends ObjectsField<infer G>
            ? ObjectOf<G>[]
            : never;

/** The value a declaration describes: `{ wrapUpTimer: number; wrapUpOnIncoming: 'REQUIRED' | … }`. */
export type ObjectOf<F extends Fields> = { -readonly [K in keyof F]: ValueOf<F[K]> };

type Loose = Record<string, unknown>;

/** Every field at its default: what an object is before anything was said about it. */
export function defaults<F extends Fields>(fields: F): ObjectOf<F> {
  const out: Loose = {};
  for (const [name, f] of Object.entries(fields)) out[name] = defaultOf(f);
  return out as ObjectOf<F>;
}

function defaultOf(f: FieldSpec): unknown {
  switch (f.type) {
    case 'text':
      return f.default ?? '';
    case 'int':
    case 'bool':
    case 'enum':
      return f.default;
    case 'list':
    case 'objects':
      return [];
  }
}

/**
 * A stored body read back: values of the right type are kept, anything else (a field added since
 * the object was written, a value the declaration no longer allows) is its default.
 */
export function fromStored<F extends Fields>(fields: F, body: unknown): ObjectOf<F> {
  const src = (typeof body === 'object' && body !== null ? body : {}) as Loose;
  const out = defaults(fields) as Loose;
  for (const [name, f] of Object.entries(fields)) {
    const v = src[name];
    if (f.type === 'objects') {
      if (Array.isArray(v)) out[name] = v.map((item) => fromStored(f.fields, item));
    } else if (f.type === 'list') {
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[name] = v;
    } else if (isScalarOk(f, v)) {
      out[name] = v;
    }
  }
  return out as ObjectOf<F>;
}

function isScalarOk(f: ScalarField, v: unknown): boolean {
  switch (f.type) {
    case 'text':
      return typeof v === 'string';
    case 'int':
      return Number.isInteger(v);
    case 'bool':
      return typeof v === 'boolean';
    case 'enum':
      return typeof v === 'string' && f.values.includes(v);
  }
}

/**
 * A request body's children over `base` (the defaults for a create, the current object for an
 * update: absent elements keep their values). Finesse: "If you provide two or more duplicate tags
 * in the XML body for a PUT operation, the value of the last duplicate tag is processed" (12.5
 * developer guide, ReasonCode—Update). A value of the wrong form is Invalid Input naming the
 * element; the result is then validated as a whole.
 */
export function readFields<F extends Fields>(
  fields: F,
  body: XmlElement,
  base: ObjectOf<F>,
): Result<ObjectOf<F>, StoreError> {
  const out: Loose = { ...base };
  for (const [name, f] of Object.entries(fields)) {
    const child = f.type === 'objects' && f.isInline ? body : body.getChildren(name).at(-1);
    if (!child) continue;
    const v = readField(name, f, child);
    if (!v.ok) return v;
    out[name] = v.value;
  }
  const value = out as ObjectOf<F>;
  const bad = validate(fields, value);
  return bad ? { ok: false, error: bad } : { ok: true, value };
}

function readField(name: string, f: FieldSpec, child: XmlElement): Result<unknown, StoreError> {
  switch (f.type) {
    case 'list':
      return { ok: true, value: child.getChildren(f.item).map((i) => i.text().trim()) };
    case 'objects': {
      const items: unknown[] = [];
      for (const item of child.getChildren(f.item)) {
        const r = readFields(f.fields, item, defaults(f.fields));
        if (!r.ok) return r;
        items.push(r.value);
      }
      return { ok: true, value: items };
    }
    default:
      return readScalar(name, f, child.text());
  }
}

function readScalar(name: string, f: ScalarField, raw: string): Result<unknown, StoreError> {
  const t = raw.trim();
  switch (f.type) {
    case 'text':
      // Labels keep their spaces as sent (rules.text refuses what has no place in them).
      return { ok: true, value: raw };
    case 'int':
      return /^-?\d{1,9}$/.test(t) ? { ok: true, value: Number(t) } : bad(name, 'not a number');
    case 'bool':
      return t === 'true' || t === 'false' ? { ok: true, value: t === 'true' } : bad(name, 'true or false');
    case 'enum':
      return { ok: true, value: t };
  }
}

const bad = (field: string, message: string): Result<never, StoreError> => ({
  ok: false,
  error: rules.invalid(field, message),
});

/** The first broken rule of `value`, naming the element (the ApiError's ErrorData). */
export function validate<F extends Fields>(fields: F, value: ObjectOf<F>): StoreError | undefined {
  const v = value as Loose;
  for (const [name, f] of Object.entries(fields)) {
    const error = check(name, f, v[name]);
    if (error) return error;
  }
  return undefined;
}

function check(name: string, f: FieldSpec, v: unknown): StoreError | undefined {
  switch (f.type) {
    case 'text':
      return (
        rules.text(name, v as string, f.max, f.min ?? 0) ??
        (f.pattern && (v as string) !== '' && !f.pattern.test(v as string)
          ? rules.invalid(name, f.patternHint ?? 'not an allowed value')
          : undefined)
      );
    case 'int':
      return rules.integer(name, v as number, f.min, f.max);
    case 'bool':
      return typeof v === 'boolean' ? undefined : rules.invalid(name, 'true or false');
    case 'enum':
      return f.values.includes(v as string)
        ? undefined
        : rules.invalid(name, `one of ${f.values.join(', ')}`);
    case 'list': {
      const items = v as string[];
      if (items.length > f.max) return rules.limit(name, f.max);
      for (const item of items) {
        const error = check(f.item, { ...f.of, type: 'text', label: f.item }, item);
        if (error) return error;
      }
      return new Set(items).size === items.length
        ? undefined
        : rules.invalid(name, 'an item is listed twice');
    }
    case 'objects': {
      const items = v as Loose[];
      if (items.length > f.max) return rules.limit(name, f.max);
      for (const item of items) {
        const error = validate(f.fields, item as ObjectOf<ScalarFields>);
        if (error) return error;
      }
      const keys = f.key === undefined ? [] : items.map((i) => i[f.key as string]);
      return new Set(keys).size === keys.length ? undefined : rules.invalid(name, `${f.key} listed twice`);
    }
  }
}

/** The value as XML children, in declared order; lists as `<name><item/>…</name>`. */
export function buildFields<F extends Fields>(fields: F, value: ObjectOf<F>): XmlElement[] {
  const v = value as Loose;
  return Object.entries(fields).flatMap(([name, f]) => {
    if (f.type === 'list') return el(name, {}, ...(v[name] as string[]).map((i) => leaf(f.item, i)));
    if (f.type === 'objects') {
      const items = (v[name] as ObjectOf<ScalarFields>[]).map((i) =>
        el(f.item, {}, ...buildFields(f.fields, i)),
      );
      return f.isInline ? items : el(name, {}, ...items);
    }
    return leaf(name, v[name] as string | number | boolean);
  });
}

/** Finesse writes `<a></a>`, never `<a/>` (api/wire/field.ts): a text child even when empty. */
function leaf(name: string, value: string | number | boolean): XmlElement {
  return el(name, {}, String(value));
}
