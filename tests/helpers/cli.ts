/** Output streams for `main(argv, io)` that keep what the CLI printed, for assertions. */
export function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const written: (string | Uint8Array)[] = [];
  return {
    out,
    err,
    written,
    io: {
      out: (t: string) => out.push(t),
      err: (t: string) => err.push(t),
      write: (d: string | Uint8Array) => written.push(d),
    },
  };
}
