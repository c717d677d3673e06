import { CoreErrors } from '../errors.ts';
import type { CallVariable, Result } from '../model.ts';

/** An ECC variable as ECCVariableConfig lists it: `user.x` (scalar) or `user.x[n]` (an array of n). */
export interface EccVariable {
  name: string;
  /** Bytes a value may take (1–210). */
  length: number;
}

// GED-188 CallVariable1–10 are 40 characters at most (A.4); an ECC variable 210 bytes.
const MAX_CALL_VARIABLE = 40;
const MAX_ECC_BYTES = 210;
const CALL_VARIABLE = /^callVariable([1-9]|10)$/;
const ECC = /^(user\.[A-Za-z0-9_.]{1,32})(?:\[(\d{1,3})\])?$/;

/**
 * The call variables of a MAKE_CALL or an UPDATE_CALL_DATA, checked as the developer guide 12.5
 * lists the asynchronous errors of "Dialog—Update Call Variable Data" — all Invalid Input here,
 * answered at once: "The value of a call variable or ECC variable is longer than what is either
 * allowed or configured as the maximum length for that variable"; "The value of an ECC variable
 * that is configured as a scalar is set as an array"; "… configured as an array is set as a
 * scalar"; "… set as an array but with an index greater than what is configured". Setting the
 * outbound option's BA* variables is Invalid Input too (finesse-api.md §1.4). With no ECC
 * variables configured, any `user.` name is taken (**Choice**: nothing to check it against).
 */
export function checkCallVariables(
  variables: readonly CallVariable[],
  ecc: readonly EccVariable[],
): Result<CallVariable[]> {
  const checked: CallVariable[] = [];
  for (const v of variables) {
    const name = v.name.trim();
    const bad = CALL_VARIABLE.test(name) ? checkCallVariable(name, v.value) : checkEcc(name, v.value, ecc);
    if (bad) return { ok: false, error: CoreErrors.invalidInput(bad, name) };
    checked.push({ name, value: v.value });
  }
  return { ok: true, value: checked };
}

function checkCallVariable(name: string, value: string): string | undefined {
  return [...value].length > MAX_CALL_VARIABLE
    ? `${name} is longer than ${MAX_CALL_VARIABLE} characters`
    : undefined;
}

function checkEcc(name: string, value: string, ecc: readonly EccVariable[]): string | undefined {
  const m = ECC.exec(name);
  if (!m) return 'Invalid call variable name';
  const [, base, index] = m;
  const bytes = new TextEncoder().encode(value).length;
  if (ecc.length === 0)
    return bytes > MAX_ECC_BYTES ? `${name} is longer than ${MAX_ECC_BYTES} bytes` : undefined;
  const config = ecc.find((e) => e.name === base || e.name.startsWith(`${base}[`));
  if (!config) return `${base} is not a configured ECC variable`;
  const size = /\[(\d+)\]$/.exec(config.name)?.[1];
  if (size === undefined && index !== undefined) return `${base} is configured as a scalar, not an array`;
  if (size !== undefined && index === undefined) return `${base} is configured as an array, not a scalar`;
  if (size !== undefined && Number(index) >= Number(size))
    return `${base} has ${size} elements, not ${Number(index) + 1}`;
  return bytes > config.length ? `${name} is longer than its configured ${config.length} bytes` : undefined;
}
