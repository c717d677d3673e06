/**
 * The `switchboard` command: the command word, then options parsed through the one option
 * registry (app/options), then the command. Exit codes: 0 done, 1 failed, 2 usage error.
 */
import {
  COMMANDS,
  type Command,
  type CommandLine,
  parseCommandLine,
  renderCommandHelp,
  renderUsage,
  UsageError,
} from './app/options/index.ts';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Standard error is a terminal (progress lines are for people). */
  isTty?: boolean;
  /** Standard input, all of it (`--password-file -`). */
  readStdin?: () => Promise<string>;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  env: process.env,
  isTty: process.stderr.isTTY,
  readStdin: async () => {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text;
  },
};

type Runner = (cl: CommandLine, io: Io) => Promise<number>;

const RUNNERS: Record<Command, Runner> = {
  start: async (cl, io) => (await import('./app/start-cli.ts')).runStart(cl, io),
  'cti-sim': async (cl, io) => (await import('./app/start-cli.ts')).runCtiSim(cl, io),
  import: async (cl, io) => (await import('./app/import/index.ts')).runImport(cl, io),
  user: async (cl, io) => (await import('./app/user-cli.ts')).runUserCli(cl, io),
  status: async (cl, io) => (await import('./app/status-cli.ts')).runStatusCli(cl, io),
  trace: logsTool,
  diagnose: logsTool,
  logs: logsTool,
  sim: async (cl, io) => (await import('./app/sim-cli.ts')).runSimCli(cl, io.out),
  notification: loggingSwitch,
  webservices: loggingSwitch,
  gadget: async (cl, io) => (await import('./app/gadget-cli.ts')).runGadgetCli(cl, io.out),
};

async function logsTool(cl: CommandLine, io: Io): Promise<number> {
  const { runLogsTool, LogsUsageError } = await import('./logs/index.ts');
  const [sub, ...positionals] = cl.command === 'logs' ? cl.positionals : [cl.command, ...cl.positionals];
  if (sub !== 'trace' && sub !== 'diagnose' && sub !== 'collect')
    throw new UsageError(sub ? `unknown logs command ${sub}` : 'which logs command? (collect)');
  const v = cl.values;
  try {
    return await runLogsTool(
      sub,
      {
        positionals,
        logDir: cl.config.logDir,
        from: v.from as number | undefined,
        to: v.to as number | undefined,
        json: v.json === true,
        out: v.out as string | undefined,
      },
      io.out,
    );
  } catch (e) {
    throw e instanceof LogsUsageError ? new UsageError(e.message) : e;
  }
}

async function loggingSwitch(cl: CommandLine, io: Io): Promise<number> {
  const { runLoggingCli } = await import('./app/logging-cli.ts');
  return runLoggingCli(cl, io.out);
}

const isCommand = (word: string): word is Command => (COMMANDS as readonly string[]).includes(word);

export async function main(args: string[], io: Io = processIo): Promise<number> {
  const [word = 'help', ...rest] = args;
  if (word === 'help' || word === '--help' || word === '-h') {
    if (rest[0] && isCommand(rest[0])) io.out(renderCommandHelp(rest[0]));
    else io.out(renderUsage());
    return 0;
  }
  if (!isCommand(word)) {
    io.err(`switchboard: unknown command '${word}'\n\n${renderUsage()}`);
    return 2;
  }
  try {
    const cl = parseCommandLine(word, rest, io.env);
    if (cl.isHelp) {
      io.out(renderCommandHelp(word));
      return 0;
    }
    return await RUNNERS[word](cl, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`switchboard ${word}: ${e.message}\n(see 'switchboard ${word} --help')\n`);
      return 2;
    }
    io.err(`switchboard ${word}: ${(e as Error).message}\n`);
    return 1;
  }
}
