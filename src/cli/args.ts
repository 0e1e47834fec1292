import { DomainError } from '../domain/errors.ts';
import type { CliArgs } from './types.ts';

/**
 * `--name value` and `--name=value` options plus positional words. Every option takes a value
 * except when it is last or followed by another option (then it is a flag).
 */
export function parseCliArgs(argv: string[]): CliArgs {
  const options: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i] ?? '';
    if (!word.startsWith('--') || word === '--') {
      positional.push(word);
      continue;
    }
    const body = word.slice(2);
    const eq = body.indexOf('=');
    if (eq >= 0) {
      options[body.slice(0, eq)] = body.slice(eq + 1);
    } else if (i + 1 < argv.length && !(argv[i + 1] ?? '').startsWith('--')) {
      options[body] = argv[i + 1] ?? '';
      i += 1;
    } else {
      options[body] = true;
    }
  }
  return { positional, options };
}

export function option(args: CliArgs, name: string): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

/** `--formato texto|json` (texto when absent), or a Spanish error naming the command's usage. */
export function textOrJson(args: CliArgs, usage: string): 'texto' | 'json' {
  const format = args.options.formato ?? 'texto';
  if (format === 'texto' || format === 'json') return format;
  throw new DomainError(
    `Formato «${format === true ? '' : format}» no disponible.`,
    'Use --formato texto o --formato json.',
    `Uso: npx mipg ${usage}`,
  );
}
