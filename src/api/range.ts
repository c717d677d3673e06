import type { ApiError, Result } from '../core/index.ts';
import { apiError } from './errors.ts';

/** Finesse pages phone book contacts: at most 6000 objects per request (TeamResource—Get Phone Books). */
export const MAX_RANGE = 6000;

/** A 1-based inclusive range of objects: `objects=1-25` is the first 25. */
export interface ObjectRange {
  first: number;
  last: number;
}

/**
 * The range asked for by `Range: objects=a-b` or, for clients that cannot set headers (a
 * browser link), `?range=a-b`; undefined when neither is given (the whole list, up to
 * MAX_RANGE). Malformed, reversed, zero-based or wider than MAX_RANGE → 416.
 */
export function parseRange(
  header: string | undefined,
  param: string | null,
): Result<ObjectRange | undefined> {
  const raw = header ?? param ?? undefined;
  if (raw === undefined) return { ok: true, value: undefined };
  const m = /^\s*(?:objects\s*=\s*)?(\d{1,9})\s*-\s*(\d{1,9})\s*$/i.exec(raw);
  const first = Number(m?.[1]);
  const last = Number(m?.[2]);
  if (!m || first < 1 || last < first || last - first + 1 > MAX_RANGE)
    return { ok: false, error: invalid(raw) };
  return { ok: true, value: { first, last } };
}

const invalid = (raw: string): ApiError => apiError('invalid-range', raw.slice(0, 64));

export interface RangeAnswer {
  /** 0-based offset and count to fetch. */
  offset: number;
  limit: number;
  status: 200 | 206;
  headers: Record<string, string>;
}

/**
 * What to answer for `range` over `total` objects: 206 with `Content-Range: objects a-b/total`
 * when only part of the list is sent, 200 when all of it is; 416 when the range starts past the
 * end (an empty list answers `objects=1-…` with 200 and nothing).
 */
export function answerRange(range: ObjectRange | undefined, total: number): Result<RangeAnswer> {
  const { first, last } = range ?? { first: 1, last: MAX_RANGE };
  if (first > total && !(first === 1 && total === 0)) {
    return { ok: false, error: invalid(`objects=${first}-${last}`) };
  }
  const end = Math.min(last, total);
  const count = Math.max(0, end - first + 1);
  const isPartial = count < total;
  const headers: Record<string, string> =
    range || isPartial ? { 'Content-Range': `objects ${count === 0 ? 0 : first}-${end}/${total}` } : {};
  return { ok: true, value: { offset: first - 1, limit: count, status: isPartial ? 206 : 200, headers } };
}
