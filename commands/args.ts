import type { z } from 'zod/v4';
import { PAGE_WORD } from '../src/chat/paging.ts';
import { DomainError } from '../src/domain/errors.ts';
import { normalize } from '../src/domain/text.ts';

/** Splits typed words on spaces, keeping "quoted text" together. */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.matchAll(/"([^"]*)"|“([^”]*)”|(\S+)/g)) {
    tokens.push(match[1] ?? match[2] ?? match[3] ?? '');
  }
  return tokens;
}

/** The first `count` words and whatever text follows them (a free note, a description). */
export function splitHead(text: string, count: number): { head: string[]; rest: string } {
  const head: string[] = [];
  let rest = text.trim();
  while (head.length < count && rest.length > 0) {
    const match = /^(\S+)\s*/.exec(rest);
    if (!match?.[1]) break;
    head.push(match[1]);
    rest = rest.slice(match[0].length);
  }
  return { head, rest: rest.trim() };
}

/**
 * Validates already split arguments with a zod schema; on failure throws a DomainError
 * whose text is the first issue's Spanish message plus the usage and an example.
 */
export function parseArgs<T>(schema: z.ZodType<T>, input: unknown, usage: string, example: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw new DomainError(
    first?.message ?? 'Los datos no son válidos.',
    `Uso: ${usage}`,
    `Ejemplo: ${example}`,
  );
}

/**
 * Takes a trailing «pagina N» (or «página N») off typed arguments: `3 pagina 2` → `3`, page 2.
 * Without it the page is 1. A missing or bad number is a Spanish error with the usage and an example.
 */
export function splitPage(args: string, usage: string, example: string): { rest: string; page: number } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const at = words.findLastIndex((w) => normalize(w) === PAGE_WORD);
  if (at < 0 || at < words.length - 2) return { rest: args.trim(), page: 1 };
  const number = words[at + 1];
  const help = [`Uso: ${usage}`, `Ejemplo: ${example}`];
  if (number === undefined) throw new DomainError('Falta el número de la página.', ...help);
  if (!/^\d{1,6}$/.test(number) || Number(number) < 1)
    throw new DomainError('La página es un número desde 1.', ...help);
  return { rest: words.slice(0, at).join(' '), page: Number(number) };
}

/**
 * A task named with its plan as two words (`PTH 2.3 …`, `PPI 2026 4.5 …`) becomes one (`PTH-2.3 …`), so the
 * commands that take a task code read it as one token. Anything else is left as typed.
 */
export function joinTaskRef(args: string): string {
  return args
    .trim()
    .replace(
      /^([A-Za-z][A-Za-z0-9]{1,7})\s+(?:(\d{4})\s+)?(\d{1,2}\.\d{1,2})(?=\s|$)/,
      (_, plan, year, code) => (year ? `${plan}-${year}-${code}` : `${plan}-${code}`),
    );
}
