/**
 * Takes a trailing `--motivo <texto>` off typed arguments: the coordinator's reason to change a task of a
 * closed vigencia (`/cumplida PPI 2026 4.5 <enlace> --motivo Acta firmada en diciembre`). Chat apps that
 * turn `--` into a dash are understood too. Without it, `reason` is undefined.
 */
export function takeReason(args: string): { rest: string; reason?: string } {
  const match = /(?:^|\s)(?:--|—|–)motivo(?:=|\s+|$)([\s\S]*)$/i.exec(args);
  if (!match) return { rest: args.trim() };
  const reason = (match[1] ?? '')
    .trim()
    .replace(/^["“]([\s\S]*)["”]$/, '$1')
    .trim();
  return { rest: args.slice(0, match.index).trim(), reason };
}
