/**
 * The help texts and the README's configuration table, written from the registry so that they
 * cannot drift from what the parser accepts (a test holds the README to `renderOptionTable`).
 */
import { optionsOf } from './command-line.ts';
import { COMMAND_DOCS } from './commands.ts';
import { type AnyOption, COMMANDS, type Command, envName } from './spec.ts';

const INTRO = 'switchboard — an open agent desktop platform, wire-compatible with Cisco Finesse';

/** `switchboard help`: every command in one screen. */
export function renderUsage(): string {
  const lines = [INTRO, '', 'Usage:'];
  for (const c of COMMANDS) {
    const doc = COMMAND_DOCS[c];
    lines.push(`  switchboard ${doc.usage[0]}`, `      ${doc.summary}`);
  }
  lines.push('  switchboard help', '', "'switchboard <command> --help' shows a command's options.", '');
  return lines.join('\n');
}

/** `switchboard <command> --help`: its usage, what it does, and each option with its variable. */
export function renderCommandHelp(command: Command): string {
  const doc = COMMAND_DOCS[command];
  const lines = ['Usage:', ...doc.usage.map((u) => `  switchboard ${u}`), '', doc.summary];
  if (doc.details) lines.push('', doc.details);
  const options = optionsOf(command);
  if (options.length > 0) {
    lines.push('', 'Options (flag, environment variable, default):');
    for (const o of options) {
      const where = [o.isFlag === false ? undefined : envName(o), defaultText(o)].filter(Boolean).join(', ');
      lines.push(`  ${flagText(o)}${where ? `   (${where})` : ''}`, `      ${o.doc}`);
    }
  }
  lines.push('  -h, --help', '      this text', '');
  return lines.join('\n');
}

function flagText(o: AnyOption): string {
  if (o.isFlag === false) return `${envName(o)}=${o.type.placeholder}`;
  if (o.type.isSwitch) return `--${o.name}, --no-${o.name}`;
  return `--${o.name} ${o.type.placeholder}${o.isMultiple ? ' …' : ''}`;
}

function defaultText(o: AnyOption): string {
  const d = o.defaultDoc ?? (typeof o.default === 'function' ? undefined : o.default);
  if (d === undefined || (Array.isArray(d) && d.length === 0)) return '';
  return `default ${String(d).replaceAll('`', '')}`;
}

const cell = (s: string) => s.replaceAll('|', '\\|');

/** The README's configuration table: every option of `command` as a Markdown table. */
export function renderOptionTable(command: Command = 'start'): string {
  const rows = ['| flag | environment | default | what |', '|---|---|---|---|'];
  for (const o of optionsOf(command)) {
    const flag =
      o.isFlag === false
        ? '—'
        : o.type.isSwitch
          ? `\`--${o.name}\`, \`--no-${o.name}\``
          : `\`--${o.name} ${o.type.placeholder}\``;
    const env = envName(o);
    const d = o.defaultDoc ?? (typeof o.default === 'function' ? '' : o.default);
    const dflt = d === undefined || (Array.isArray(d) && d.length === 0) ? '' : String(d);
    rows.push(`| ${cell(flag)} | ${env ? `\`${env}\`` : '—'} | ${cell(dflt)} | ${cell(o.doc)} |`);
  }
  return rows.join('\n');
}
