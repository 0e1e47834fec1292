import type { z } from 'zod/v4';
import { DomainError } from '../src/domain/errors.ts';

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
