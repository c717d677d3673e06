/**
 * What the kernel says a server process used: CPU time (utime + stime of /proc/PID/stat) and
 * resident memory (VmRSS of /proc/PID/status). Read from outside, so the figures mean the same for
 * a Node process and for Prosody, and do not depend on how fast the load client is.
 */
import fs from 'node:fs';

// USER_HZ is 100 on every Linux this runs on (sysconf(_SC_CLK_TCK)); Node has no call for it.
const TICKS_PER_SECOND = 100;

export interface ProcSample {
  /** CPU seconds, user + system. */
  cpu: number;
  /** Of which in the kernel (stime): on loopback, each write also runs the receiver's TCP path. */
  systemCpu: number;
  rssBytes: number;
}

export function sample(pid: number): ProcSample {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  const status = fs.readFileSync(`/proc/${pid}/status`, 'latin1');
  const rss = /VmRSS:\s+(\d+) kB/.exec(status);
  return {
    cpu: (utime + stime) / TICKS_PER_SECOND,
    systemCpu: stime / TICKS_PER_SECOND,
    rssBytes: Number(rss?.[1] ?? 0) * 1024,
  };
}
