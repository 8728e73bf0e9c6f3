import type { CliIo } from './validate';

/**
 * How a flag-taking command starts: `--help` or `-h` anywhere prints its usage (exit 0); flags its
 * parser refuses print the reason and the usage (exit 2); otherwise the parsed flags.
 */
export function flagsOrExit<F extends object>(args: readonly string[], io: CliIo, usage: string, parse: () => F | string): { flags: F } | { exit: number } {
  if (args.includes('--help') || args.includes('-h')) {
    io.err(usage);
    return { exit: 0 };
  }
  const flags = parse();
  if (typeof flags === 'string') {
    io.err(`error: ${flags}\n${usage}`);
    return { exit: 2 };
  }
  return { flags };
}
