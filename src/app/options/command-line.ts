/**
 * One command line → the configuration and the values a command runs with, through Node's
 * `util.parseArgs` and the option registry. Precedence: flag, then `SWITCHBOARD_*` variable,
 * then default. Anything unknown or malformed is a `UsageError` naming the flag or variable.
 */
import { parseArgs } from 'node:util';
import type { Config } from '../config.ts';
import { SERVER_OPTIONS } from './server-options.ts';
import { type AnyOption, type Command, envName } from './spec.ts';
import { TOOL_OPTIONS } from './tool-options.ts';
import { isInvalid } from './types.ts';

/** The registry: every option of every command. */
export const OPTIONS: readonly AnyOption[] = [...SERVER_OPTIONS, ...TOOL_OPTIONS];

/** A mistake on the command line or in the environment; the message names it. */
export class UsageError extends Error {}

export interface CommandLine {
  command: Command;
  /** The configuration (every option's value or default, for any command). */
  config: Config;
  /** The values of the options the command takes, by option name (multiple ones as arrays). */
  values: Record<string, unknown>;
  positionals: string[];
  /** `--help` or `-h` was given. */
  isHelp: boolean;
}

export const optionsOf = (command: Command): AnyOption[] =>
  OPTIONS.filter((o) => o.commands.includes(command));

/**
 * Parses `args` (what follows the command word) for `command`, reading `env` for the options that
 * have a variable. Throws `UsageError`.
 */
export function parseCommandLine(
  command: Command,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): CommandLine {
  const own = optionsOf(command);
  const spec: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {
    help: { type: 'boolean', short: 'h' },
  };
  for (const o of own) {
    if (o.isFlag === false) continue;
    spec[o.name] = {
      type: o.type.isSwitch ? 'boolean' : 'string',
      ...(o.isMultiple ? { multiple: true } : {}),
    };
    // Node 20's parseArgs has no allowNegative: a switch's --no-<name> is declared beside it.
    if (o.type.isSwitch) spec[`no-${o.name}`] = { type: 'boolean' };
  }
  let parsed: ReturnType<typeof parseArgs<{ options: typeof spec; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args, options: spec, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(explainParseError(e as Error & { code?: string }, command));
  }
  const given = parsed.values as Record<string, string | boolean | string[] | undefined>;

  const explicit = new Map<AnyOption, unknown>();
  for (const o of own) {
    const value = readGiven(o, given) ?? readEnv(o, env);
    if (value !== undefined) explicit.set(o, value);
  }
  const config = buildConfig(explicit);
  const values: Record<string, unknown> = {};
  for (const o of own) values[o.name] = explicit.has(o) ? explicit.get(o) : staticDefault(o, config);
  return { command, config, values, positionals: parsed.positionals, isHelp: given.help === true };
}

/** The configuration of `switchboard start` from the environment alone (tests start from it). */
export function configFromEnvironment(env: NodeJS.ProcessEnv): Config {
  return parseCommandLine('start', [], env).config;
}

function readGiven(o: AnyOption, given: Record<string, unknown>): unknown {
  if (o.type.isSwitch) {
    // The last of --x / --no-x wins would need token order; both given at once is a mistake.
    if (given[o.name] && given[`no-${o.name}`])
      throw new UsageError(`--${o.name} and --no-${o.name} both given`);
    if (given[o.name]) return true;
    if (given[`no-${o.name}`]) return false;
    return undefined;
  }
  const raw = given[o.name];
  if (raw === undefined) return undefined;
  const parse = (text: string) => {
    const v = o.type.parse(text);
    if (isInvalid(v)) throw new UsageError(`--${o.name}: ${v.invalid}`);
    return v;
  };
  return Array.isArray(raw) ? raw.map(parse) : parse(raw as string);
}

function readEnv(o: AnyOption, env: NodeJS.ProcessEnv): unknown {
  const name = envName(o);
  const text = name === undefined ? undefined : env[name];
  // An empty variable is an unset one (`SWITCHBOARD_TLS_CERT= npm start` in a shell script).
  if (name === undefined || text === undefined || text === '') return undefined;
  const v = o.type.parse(text);
  if (isInvalid(v)) throw new UsageError(`${name}: ${v.invalid}`);
  return o.isMultiple ? [v] : v;
}

/**
 * Every server option's given value or static default first, then the computed defaults (which
 * read the rest: `--demo` follows `--database-url`), in registry order.
 */
function buildConfig(explicit: Map<AnyOption, unknown>): Config {
  const config = { cti: {} } as Config;
  const computed: AnyOption[] = [];
  for (const o of SERVER_OPTIONS) {
    if (!o.set) continue;
    if (explicit.has(o)) o.set(config, explicit.get(o));
    else if (typeof o.default === 'function') computed.push(o);
    else if (o.default !== undefined) o.set(config, o.default);
  }
  for (const o of computed) {
    const v = o.default(config);
    if (v !== undefined) o.set?.(config, v);
  }
  return config;
}

function staticDefault(o: AnyOption, config: Config): unknown {
  return typeof o.default === 'function' ? o.default(config) : o.default;
}

function explainParseError(e: Error & { code?: string }, command: Command): string {
  const flagName = /'(-[^' ]+)/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${flagName} for 'switchboard ${command}'`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /does not take an argument/.test(e.message)
        ? `${flagName} takes no value`
        : `${flagName} needs a value`;
    default:
      return e.message;
  }
}
