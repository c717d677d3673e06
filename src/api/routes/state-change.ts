import type { ApiError, Result, StateChange } from '../../core/index.ts';
import { parseXml } from '../../xml/index.ts';
import { apiError } from '../errors.ts';

/**
 * The body of `PUT /User/{id}`: `<User><state>…</state>[<extension>…][<reasonCodeId>…]</User>`
 * (finesse-api.md §1.3); the state's value is validated by core. A sign-in as a mobile agent
 * (`<mobileAgent><mode/><dialNumber/></mobileAgent>`, User—Sign In as a Mobile Agent) or on a
 * chosen device (`activeDeviceId`) is refused with `400 Mode Not Allowed` — Finesse's error for a
 * mode it does not allow — rather than quietly taken as a plain sign-in. Other children
 * (logoutAllMedia …) are ignored.
 */
export function parseStateChange(body: string): Result<StateChange, ApiError> {
  const doc = parseXml(body, { maxLength: body.length });
  if (!doc.ok) return fail('invalid-input', `Malformed XML: ${doc.error}`);
  const root = doc.root;
  if (root.local !== 'User') return fail('invalid-input', `Expected a User element, not ${root.local}`);
  const state = root.getChildText('state')?.trim();
  if (!state) return fail('parameter-missing', 'state');
  for (const name of ['mobileAgent', 'activeDeviceId']) {
    const el = root.getChild(name);
    if (el && (el.text().trim() !== '' || el.elements().some((c) => c.text().trim() !== ''))) {
      return { ok: false, error: apiError('mode-not-allowed', name) };
    }
  }
  const change: StateChange = { state };
  const extension = root.getChildText('extension');
  if (extension !== undefined) change.extension = extension.trim();
  const reasonCodeId = root.getChildText('reasonCodeId')?.trim();
  if (reasonCodeId) {
    if (!/^-?\d{1,9}$/.test(reasonCodeId)) return fail('invalid-input', 'reasonCodeId');
    change.reasonCodeId = Number(reasonCodeId);
  }
  return { ok: true, value: change };
}

/** ` extension:2003 state:LOGIN` — API_REQUEST's request_parameters for a PUT, keys sorted (seed 000). */
export function describeStateChange(change: StateChange): string {
  const entries = Object.entries(change)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return entries.map(([k, v]) => ` ${k}:${v}`).join('');
}

function fail(code: 'invalid-input' | 'parameter-missing', data: string): Result<StateChange, ApiError> {
  return { ok: false, error: apiError(code, data) };
}
