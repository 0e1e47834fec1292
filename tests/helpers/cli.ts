import { captureLogs } from './logs.ts';

/** Output streams for `main(argv, io)` that keep what the CLI printed (and logged), for assertions. */
export function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const written: (string | Uint8Array)[] = [];
  const logs = captureLogs();
  return {
    out,
    err,
    written,
    /** The log lines, parsed (the CLI writes them to standard error, apart from its output). */
    logs: logs.entries,
    io: {
      out: (t: string) => out.push(t),
      err: (t: string) => err.push(t),
      write: (d: string | Uint8Array) => written.push(d),
      log: logs.log,
    },
  };
}
