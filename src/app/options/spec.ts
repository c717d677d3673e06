/**
 * What one option is, as data: its flag, its environment variable, its kind of value, its
 * default, its one-line doc and the commands that take it. The help text, the README's
 * configuration table, the parser and the configuration all come from these entries, so adding
 * an option is adding one entry (to server-options.ts or tool-options.ts).
 */
import type { Config } from '../config.ts';
import type { ValueType } from './types.ts';

/** Every `switchboard <command>` (sub-words such as `user add` are positionals of `user`). */
export const COMMANDS = [
  'start',
  'cti-sim',
  'import',
  'user',
  'status',
  'trace',
  'diagnose',
  'logs',
  'sim',
  'notification',
  'webservices',
  'gadget',
] as const;
export type Command = (typeof COMMANDS)[number];

export interface OptionSpec<T> {
  /** The flag without its dashes: `http-port` is `--http-port`. */
  name: string;
  /**
   * The environment variable without its `SWITCHBOARD_` prefix; by default the name in upper
   * snake case (`HTTP_PORT`); false: none.
   */
  env?: string | false;
  /** false: only from the environment (a secret on a command line is visible to every `ps`). */
  isFlag?: boolean;
  type: ValueType<T>;
  /** Static, or computed from the rest of the configuration once every given value is in. */
  default?: NoInfer<T> | ((c: Config) => NoInfer<T> | undefined);
  /** The default as the help and the README state it, when it is not the value itself. */
  defaultDoc?: string;
  /** One line: what it does (the help and the README table show it). */
  doc: string;
  commands: readonly Command[];
  /** Where it lands in the configuration, for the options of a running node. */
  set?: (c: Config, value: NoInfer<T>) => void;
  /** Given more than once, the values add up (`--var a=1 --var b=2`). */
  isMultiple?: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: the registry holds options of every value type.
export type AnyOption = OptionSpec<any>;

/** Declares one option; the value type checks `default` and `set` against `type`. */
export const option = <T>(spec: OptionSpec<T>): AnyOption => spec;

export const envName = (o: AnyOption): string | undefined =>
  o.env === false ? undefined : `SWITCHBOARD_${o.env ?? o.name.toUpperCase().replaceAll('-', '_')}`;
