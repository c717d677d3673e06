import { applyFlags, defaultConfig, FLAG_HELP } from './app/config.ts';

const USAGE = `switchboard — an open agent desktop platform, wire-compatible with Cisco Finesse

Usage:
  switchboard start [flags]      run everything: REST API, notification service, CTI link (+ simulator)
  switchboard cti-sim [--port N] run only the CTI server simulator (a small ACD with the demo agents)
  switchboard sim state|call|drop|out-of-service|in-service|generator|logout …
                                 play the simulator's telephone network (see 'switchboard sim help')
  switchboard import FILE.csv|FILE.json [--data-dir DIR | --database-url URL]
                                 create or update users and teams (CSV columns: id, loginName, firstName,
                                 lastName, password, roles, teamId, teamName, supervisedTeamIds)
  switchboard trace <requestId | nocache | agent id | dialog id> [--from ISO] [--to ISO] [--log-dir DIR] [--json]
                                 follow one request through every log, hop by hop
  switchboard diagnose [--from ISO] [--to ISO] [--log-dir DIR] [--json]
                                 explain desktop (BOSH) disconnects: client side or server side
  switchboard logs collect [--from ISO] [--to ISO] [--log-dir DIR] [--out FILE]
                                 one .tar.gz of all logs of a time window
  switchboard notification logging enable|disable|status [--url URL] [--user ID --password PW]
  switchboard webservices logging enable|disable|status [--url URL] [--user ID --password PW]
                                 switch a running node's debug logs (PUT /finesse/api/Logging)
  switchboard help

Flags of start (each also as an environment variable SWITCHBOARD_<NAME>, e.g. SWITCHBOARD_HTTP_PORT):
  ${FLAG_HELP.join('\n  ')}
`;

export async function main(args: string[]): Promise<number> {
  const [command = 'help', ...rest] = args;
  try {
    switch (command) {
      case 'start':
        return await start(rest);
      case 'cti-sim':
        return await ctiSim(rest);
      case 'import': {
        const { runImport } = await import('./app/import.ts');
        return await runImport(rest, (t) => process.stdout.write(t));
      }
      case 'trace':
      case 'diagnose':
      case 'logs': {
        const { runLogsCli } = await import('./logs/index.ts');
        return await runLogsCli(args, (s) => process.stdout.write(s));
      }
      case 'sim': {
        const { runSimCli, SIM_USAGE } = await import('./app/sim-cli.ts');
        if (rest[0] === undefined || rest[0] === 'help') {
          process.stdout.write(SIM_USAGE);
          return 0;
        }
        return await runSimCli(args, (s) => process.stdout.write(s));
      }
      case 'notification':
      case 'webservices': {
        const { runLoggingCli } = await import('./app/logging-cli.ts');
        return await runLoggingCli(args, (s) => process.stdout.write(s));
      }
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return 0;
      default:
        process.stderr.write(`switchboard: unknown command '${command}'\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    process.stderr.write(`switchboard: ${(e as Error).message}\n`);
    return 1;
  }
}

async function start(args: string[]): Promise<number> {
  const config = defaultConfig();
  const unknown = applyFlags(config, args);
  if (unknown.length) throw new Error(`unknown argument ${unknown[0]} (see 'switchboard help')`);
  const { startSwitchboard, describeStartup } = await import('./app/index.ts');
  const sb = await startSwitchboard(config);
  // Every input path handles its own errors; this is the last net, so that a bug reached by one
  // client's request is logged and the process keeps serving everyone else.
  const lastResort = (e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    sb.logs.webservices.error('main', 'UNCAUGHT_EXCEPTION', { error: err.message }, err.stack ?? err.message);
    process.stderr.write(`switchboard: unexpected error (still serving): ${err.stack ?? err.message}\n`);
  };
  process.on('uncaughtException', lastResort);
  process.on('unhandledRejection', lastResort);
  if (!config.quiet) process.stdout.write(describeStartup(sb));
  await untilSignal();
  process.stdout.write('switchboard: stopping\n');
  await sb.stop();
  return 0;
}

async function ctiSim(args: string[]): Promise<number> {
  const config = defaultConfig();
  const unknown = applyFlags(
    config,
    args.map((a) => (a === '--port' ? '--cti-port' : a)),
  );
  if (unknown.length) throw new Error(`unknown argument ${unknown[0]}`);
  const { startStandaloneSimulator } = await import('./app/index.ts');
  const sim = await startStandaloneSimulator(config);
  process.stdout.write(
    `CTI server simulator listening on ${config.host}:${sim.port} (peripheral ${config.cti.peripheralId}); ` +
      `admin API on http://${config.host}:${sim.adminPort}/state\n`,
  );
  await untilSignal();
  await sim.stop();
  return 0;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}
