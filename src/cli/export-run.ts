import { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { DomainError } from '../domain/errors.ts';
import { type StreamedFile, saveFile, wholeFile, writeInto } from '../domain/streamed.ts';
import { option } from './args.ts';
import { exporters } from './registry.ts';
import type { CliArgs, CliEnv, ExportFormat } from './types.ts';

/**
 * `mipg exportar <kind> --formato csv|xlsx|json [--salida archivo]`: the exporter's file is written as it
 * is made, into --salida (see `saveFile`) or to standard output.
 */
export async function runExport(args: CliArgs, env: CliEnv): Promise<number> {
  const [kind] = args.positional;
  const entry = exporters.find((e) => e.name === kind);
  const format = (option(args, 'formato') ?? 'json') as ExportFormat;
  if (!entry) {
    env.err(
      `Uso: npx mipg exportar <${exporters.map((e) => e.name).join('|')}> --formato csv|xlsx|json [--salida archivo]`,
    );
    return 2;
  }
  const exporter = await entry.load();
  if (!exporter.formats.includes(format)) {
    throw new DomainError(
      `Formato «${format}» no disponible para ${kind}.`,
      `Use --formato ${exporter.formats.join('|')}`,
    );
  }
  const output = option(args, 'salida');
  if (format === 'xlsx' && !output) {
    throw new DomainError(
      'El formato xlsx necesita --salida <archivo.xlsx>.',
      `Ejemplo: npx mipg exportar ${kind} --formato xlsx --salida ${kind}.xlsx`,
    );
  }
  const data = await exporter.stream(format, { ...args, positional: args.positional.slice(1) }, env);
  if (output) {
    await saveFile(output, typeof data === 'string' ? wholeFile(data) : data);
    env.err(`Archivo escrito: ${output}`);
  } else if (typeof data === 'string') {
    env.write(data.endsWith('\n') ? data : `${data}\n`);
  } else {
    await toStandardOutput(env, data);
  }
  return 0;
}

/**
 * Standard output for a streamed file (only text goes there: xlsx needs --salida): each piece waits until
 * the terminal or pipe took the one before. Without a stream (tests), the text goes to `write` in pieces,
 * never splitting a character. Ending it does not close standard output.
 */
function standardOutput(env: CliEnv): Writable {
  const { stdout } = env;
  const text = new StringDecoder('utf8');
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (stdout) {
        stdout.write(chunk, (error) => done(error ?? undefined));
      } else {
        env.write(text.write(chunk));
        done();
      }
    },
    final(done) {
      const rest = text.end();
      if (!stdout && rest) env.write(rest);
      done();
    },
  });
}

/** A reader that stops early (`… | head`) closes the pipe: the export ends there, quietly. */
async function toStandardOutput(env: CliEnv, file: StreamedFile): Promise<void> {
  const closed = () => {};
  env.stdout?.on('error', closed);
  try {
    await writeInto(standardOutput(env), file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPIPE' && code !== 'ERR_STREAM_DESTROYED') throw error;
  } finally {
    env.stdout?.off('error', closed);
  }
}
