// CPU time another process has used, every thread of it, from Linux's /proc: per operation it survives
// a busy machine, where wall-clock figures do not.
import { readFileSync } from 'node:fs';

/** User and system CPU seconds (utime and stime of /proc/<pid>/stat); undefined off Linux or once it exited. */
export function cpuSeconds(pid: number | undefined): { user: number; system: number } | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name "(...)": state is the 1st, utime the 12th, stime the 13th; in clock ticks (100 per s).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return { user: Number(fields[11]) / 100, system: Number(fields[12]) / 100 };
  } catch {
    return undefined;
  }
}
