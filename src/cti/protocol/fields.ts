/**
 * The vocabulary of message layouts: each message is a list of fixed fields (fixed order and size,
 * all required) and a set of floating fields (Tag | FieldLength | Data, any order), A.2. The codec
 * walks these lists; the TypeScript message types are derived from the same lists so the two can
 * never disagree.
 */

/** GED-188 data types, A.2. BOOL is 2 bytes on the wire; TIME is UINT seconds since 1970 UTC. */
export type FixedKind = 'uchar' | 'ushort' | 'short' | 'uint' | 'int' | 'bool' | 'time';
export type NumericKind = Exclude<FixedKind, 'bool'>;
/** STRING is NUL-terminated (max includes the NUL); UNSPEC is raw bytes. */
export type FloatingKind = 'string' | 'unspec' | NumericKind | 'namedVariable' | 'namedArray';

export const KIND_SIZE: Record<FixedKind, number> = {
  uchar: 1,
  ushort: 2,
  short: 2,
  uint: 4,
  int: 4,
  bool: 2,
  time: 4,
};

export interface FixedSpec {
  readonly name: string;
  readonly kind: FixedKind;
  /** The field exists only from this protocol version on (it is absent, not zero, before). */
  readonly since?: number;
}

export interface FloatingSpec {
  readonly name: string;
  readonly kind: FloatingKind;
  readonly tag: number;
  /** Largest Data size in bytes, the NUL of a STRING included. */
  readonly max: number;
  /** The tag may repeat; the values form a list. */
  readonly list?: true;
  /**
   * Lists in the same group are written entry by entry (Number₀ ID₀ Priority₀, Number₁ …): the
   * guide requires e.g. SkillGroupPriority to follow its SkillGroupNumber, A.2.
   */
  readonly group?: string;
}

export interface Layout {
  readonly fixed: readonly FixedSpec[];
  readonly floating: readonly FloatingSpec[];
}

/** NAMEDVAR data, tag 82: `Name\0Value\0` (name ≤ 33, value ≤ 211), A.2. */
export interface NamedVariable {
  name: string;
  value: string;
}

/** NAMEDARRAY data, tag 83: a 1-byte index, then `Name\0Value\0`, A.2. */
export interface NamedArrayItem {
  name: string;
  index: number;
  value: string;
}

export function fixed<const N extends string, const K extends FixedKind>(name: N, kind: K) {
  return { name, kind };
}

export function since<const V extends number, const S extends FixedSpec>(version: V, spec: S) {
  return { ...spec, since: version };
}

/** A floating field; numeric kinds take their fixed size as max. */
export function floating<const N extends string, const K extends FloatingKind>(
  name: N,
  kind: K,
  tag: number,
  max: number = kind in KIND_SIZE ? KIND_SIZE[kind as FixedKind] : 0,
) {
  return { name, kind, tag, max };
}

export function list<const S extends FloatingSpec>(spec: S, group?: string) {
  return { ...spec, list: true as const, group };
}

export function layout<const F extends readonly FixedSpec[], const G extends readonly FloatingSpec[]>(
  fixedFields: F,
  floatingFields: G,
) {
  return { fixed: fixedFields, floating: floatingFields };
}

type FixedValue<K> = K extends 'bool' ? boolean : number;
type FloatingValue<K> = K extends 'string'
  ? string
  : K extends 'unspec'
    ? Buffer
    : K extends 'namedVariable'
      ? NamedVariable
      : K extends 'namedArray'
        ? NamedArrayItem
        : number;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

type RequiredFixed<F extends readonly FixedSpec[]> = {
  [S in F[number] as S extends { since: number } ? never : S['name']]: FixedValue<S['kind']>;
};
type VersionedFixed<F extends readonly FixedSpec[]> = {
  [S in F[number] as S extends { since: number } ? S['name'] : never]?: FixedValue<S['kind']>;
};
type FloatingFields<G extends readonly FloatingSpec[]> = {
  [S in G[number] as S['name']]?: S extends { list: true }
    ? FloatingValue<S['kind']>[]
    : FloatingValue<S['kind']>;
};

/** `{ type: 'X', …fixed fields, …floating fields? }` for a layout. */
export type MessageOf<N extends string, L extends Layout> = Simplify<
  { type: N } & RequiredFixed<L['fixed']> & VersionedFixed<L['fixed']> & FloatingFields<L['floating']>
>;
