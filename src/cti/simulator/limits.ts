import { CtiStatus, type NamedArrayItem, type NamedVariable } from '../protocol/index.ts';
import type { AcdFailure, CallVariables } from './types.ts';
import { fail } from './world.ts';

/**
 * The longest values the call events can carry (15.0 guide sizes, A.4, minus the NUL). The ACD
 * refuses longer input with E_CTI_VALUE_TOO_LONG rather than store what it could never send: a
 * value that does not fit would otherwise fail every later event of the call.
 */
const MAX_BYTES = {
  ani: 39,
  dnis: 31,
  dialedNumber: 31, // it becomes the call's DNIS too
  callerEnteredDigits: 39,
  wrapupData: 39,
  callVariable: 40,
  namedName: 32,
  namedValue: 210,
} as const;

export interface CheckedInput extends CallVariables {
  ani?: string;
  dnis?: string;
  dialedNumber?: string;
  callerEnteredDigits?: string;
  wrapupData?: string;
  namedVariables?: readonly NamedVariable[];
  namedArrays?: readonly NamedArrayItem[];
}

export function checkLengths(input: CheckedInput): AcdFailure | undefined {
  const tooLong = (what: string, value: string | undefined, max: number) =>
    value !== undefined && Buffer.byteLength(value) > max
      ? fail(CtiStatus.E_CTI_VALUE_TOO_LONG, `${what} is longer than ${max} bytes`)
      : undefined;
  for (const key of ['ani', 'dnis', 'dialedNumber', 'callerEnteredDigits', 'wrapupData'] as const) {
    const failure = tooLong(key, input[key], MAX_BYTES[key]);
    if (failure) return failure;
  }
  for (let i = 1; i <= 10; i++) {
    const key = `callVariable${i}` as keyof CallVariables;
    const failure = tooLong(key, input[key], MAX_BYTES.callVariable);
    if (failure) return failure;
  }
  for (const v of [...(input.namedVariables ?? []), ...(input.namedArrays ?? [])]) {
    const failure =
      tooLong('a named variable name', v.name, MAX_BYTES.namedName) ??
      tooLong(v.name, v.value, MAX_BYTES.namedValue);
    if (failure) return failure;
  }
  return undefined;
}
