/**
 * `switchboard start` and `switchboard cti-sim`: start, print the banner, serve until SIGINT or
 * SIGTERM, stop. A start that fails has already released what it opened (startSwitchboard), so
 * the process ends with exit code 1 instead of lingering with half its ports.
 */
import type { Io } from '../cli.ts';
import { type CommandLine, UsageError } from './options/index.ts';
import { adminTokenFile } from './simulator.ts';

export async function runStart(cl: CommandLine, io: Io): Promise<number> {
  const { config } = cl;
  if (cl.positionals.length) throw new UsageError(`unexpected argument ${cl.positionals[0]}`);
  const { startSwitchboard, describeStartup } = await import('./index.ts');
  const sb = await startSwitchboard(config);
  // Every input path handles its own errors; this is the last net, so that a bug reached by one
  // client's request is logged and the process keeps serving everyone else.
  const lastResort = (e: unknown) => {
    const err = e instanceof Error ? e : new Error(String(e));
    sb.logs.webservices.error('main', 'UNCAUGHT_EXCEPTION', { error: err.message }, err.stack ?? err.message);
    io.err(`switchboard: unexpected error (still serving): ${err.stack ?? err.message}\n`);
  };
  process.on('uncaughtException', lastResort);
  process.on('unhandledRejection', lastResort);
  // logrotate's postrotate and certbot's deploy hook send SIGHUP (`systemctl reload`).
  const onHangUp = () => void sb.reload();
  process.on('SIGHUP', onHangUp);
  // With --log-stdout, standard output carries JSON lines only: people's text goes to stderr.
  const say = config.logStdout ? io.err : io.out;
  if (!config.quiet) say(await describeStartup(sb));
  // SIGTERM (systemd's stop, a container runtime's): maintenance first, so that the desktops move
  // to the other node, then the stop. SIGINT (Ctrl-C), or a second signal: stop now.
  const signal = await Promise.race([untilSignal(), sb.stopped.then(() => 'maintenance' as const)]);
  if (signal === 'SIGTERM') {
    say('switchboard: SIGTERM: maintenance mode, waiting for the desktops to move to the other node\n');
    sb.maintenance.start('SIGTERM');
    await Promise.race([sb.stopped, untilSignal()]);
  }
  say('switchboard: stopping\n');
  await sb.stop();
  process.off('SIGHUP', onHangUp);
  return 0;
}

function untilSignal(): Promise<'SIGINT' | 'SIGTERM'> {
  return new Promise((resolve) => {
    const on = (signal: 'SIGINT' | 'SIGTERM') => () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(signal);
    };
    const onInt = on('SIGINT');
    const onTerm = on('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
  });
}

export async function runCtiSim(cl: CommandLine, io: Io): Promise<number> {
  const { config } = cl;
  if (cl.positionals.length) throw new UsageError(`unexpected argument ${cl.positionals[0]}`);
  const { startStandaloneSimulator } = await import('./index.ts');
  const sim = await startStandaloneSimulator(config);
  io.out(
    `CTI server simulator listening on ${config.cti.simulatorHost}:${sim.port} (peripheral ${config.cti.peripheralId}` +
      `${config.cti.clientPassword ? ', ClientPassword required' : ''}); admin API on ` +
      `http://${config.cti.simulatorAdminHost}:${sim.adminPort}/state (token: ${config.cti.adminToken ? '$SWITCHBOARD_CTI_ADMIN_TOKEN' : adminTokenFile(config.dataDir)})\n`,
  );
  await untilSignal();
  await sim.stop();
  return 0;
}
