import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { DomainError } from './errors.ts';

/**
 * A file that writes itself into a destination (a file on disk, standard output) piece by piece, as its
 * rows are read, so that an export never holds the whole file, nor a second copy of its rows, in memory.
 */
export interface StreamedFile {
  /** Writes the whole file into `destination`, ends it and resolves once everything is flushed. */
  writeTo(destination: Writable): Promise<void>;
}

/**
 * Lets the pieces already written reach the destination before more are made: a turn of the event loop
 * (compression and file writes go on meanwhile), then, if the destination's buffer is full, its drain.
 */
export async function breathe(destination: Writable): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  if (destination.writableNeedDrain) await once(destination, 'drain');
}

/** Text pieces (CSV lines, JSON items) gathered into blocks of about this many characters per write. */
const BLOCK = 64 * 1024;

/**
 * A text file made of `pieces` (read once, as it is written), written in blocks and waiting for the
 * destination when it is full.
 */
export function textFile(pieces: Iterable<string>): StreamedFile {
  return {
    async writeTo(destination) {
      let block = '';
      for (const piece of pieces) {
        block += piece;
        if (block.length < BLOCK) continue;
        const room = destination.write(block);
        block = '';
        if (!room) await once(destination, 'drain');
      }
      destination.end(block);
      await finished(destination);
    },
  };
}

/**
 * A JSON array written item by item, byte for byte what `JSON.stringify(items, null, 2)` gives, plus a
 * final line break (JSON.stringify only breaks lines between tokens: a line break inside a string is `\n`).
 */
export function jsonArrayFile(items: Iterable<unknown>): StreamedFile {
  return textFile(jsonPieces(items));
}

/** Items stringified together: the array's text without its brackets is theirs, joined by `,\n`. */
const JSON_BATCH = 200;

function* jsonPieces(items: Iterable<unknown>): Generator<string> {
  let batch: unknown[] = [];
  let first = true;
  const piece = () => {
    const inner = JSON.stringify(batch, null, 2).slice('[\n'.length, -'\n]'.length);
    const text = `${first ? '[\n' : ',\n'}${inner}`;
    first = false;
    batch = [];
    return text;
  };
  for (const item of items) {
    batch.push(item);
    if (batch.length === JSON_BATCH) yield piece();
  }
  if (batch.length > 0) yield piece();
  yield first ? '[]\n' : '\n]\n';
}

/** A file whose text is already whole (a short export): the same interface as the streamed ones. */
export function wholeFile(data: string | Uint8Array): StreamedFile {
  return {
    async writeTo(destination) {
      destination.end(data);
      await finished(destination);
    },
  };
}

/** The whole file in memory, for who needs it whole (a message's attachment, a test reading it back). */
export async function fileBytes(file: StreamedFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await file.writeTo(sink);
  return Buffer.concat(chunks);
}

/**
 * Writes the file to `path` as it is made: into a partial file beside it, renamed to `path` once complete,
 * so a failure halfway leaves no truncated file (and an older file of that name as it was).
 */
export async function saveFile(path: string, file: StreamedFile): Promise<void> {
  const partial = join(dirname(path), `.${basename(path)}.${process.pid}.parcial`);
  try {
    await writeInto(createWriteStream(partial), file);
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EPERM') {
      throw new DomainError(
        `No se pudo escribir el archivo «${path}».`,
        'Revise que la carpeta exista y que se pueda escribir en ella.',
      );
    }
    throw error;
  }
}

/**
 * Writes the file into `destination`, failing as soon as the destination does (a folder that does not
 * exist, a full disk): a writer that only listens for errors at its end would otherwise wait forever.
 */
export async function writeInto(destination: Writable, file: StreamedFile): Promise<void> {
  const failure = once(destination, 'error').then(([error]) => Promise.reject(error));
  try {
    await Promise.race([file.writeTo(destination), failure]);
  } finally {
    destination.destroy();
  }
}
