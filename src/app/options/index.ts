/** The command line: one option registry, its parser and the help written from it. */
export {
  type CommandLine,
  configFromEnvironment,
  OPTIONS,
  optionsOf,
  parseCommandLine,
  UsageError,
} from './command-line.ts';
export { COMMAND_DOCS } from './commands.ts';
export { renderCommandHelp, renderOptionTable, renderUsage } from './help.ts';
export { type AnyOption, COMMANDS, type Command, envName, type OptionSpec, option } from './spec.ts';
