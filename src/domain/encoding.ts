import { DomainError } from './errors.ts';

/**
 * The office's text files arrive in UTF-8 or, from Excel on Windows, in Windows-1252. The encoding
 * is decided once for the whole file: a file that is neither (or that mixes both, which would garble
 * every accent of the UTF-8 part) is refused, naming the line of the first bad byte.
 */

/** Windows-1252's 0x80–0x9F block; `undefined` where the code page defines no character. */
const CP1252_HIGH: (number | undefined)[] = [
  0x20ac,
  undefined,
  0x201a,
  0x0192,
  0x201e,
  0x2026,
  0x2020,
  0x2021,
  0x02c6,
  0x2030,
  0x0160,
  0x2039,
  0x0152,
  undefined,
  0x017d,
  undefined,
  undefined,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2022,
  0x2013,
  0x2014,
  0x02dc,
  0x2122,
  0x0161,
  0x203a,
  0x0153,
  undefined,
  0x017e,
  0x0178,
];

const HELP =
  'Guárdelo de nuevo en UTF-8 (en Excel: «CSV UTF-8 (delimitado por comas)»; en un editor de texto: ' +
  'codificación UTF-8) y vuelva a importarlo.';

/** Length of the well-formed UTF-8 sequence at `i`, or 0 when the bytes there are not one. */
function utf8Length(bytes: Uint8Array, i: number): number {
  const first = bytes[i] ?? 0;
  if (first < 0x80) return 1;
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (first >= 0xc2 && first <= 0xdf) length = 2;
  else if (first >= 0xe0 && first <= 0xef) {
    length = 3;
    if (first === 0xe0) low = 0xa0;
    if (first === 0xed) high = 0x9f;
  } else if (first >= 0xf0 && first <= 0xf4) {
    length = 4;
    if (first === 0xf0) low = 0x90;
    if (first === 0xf4) high = 0x8f;
  } else return 0;
  for (let k = 1; k < length; k++) {
    const next = bytes[i + k];
    if (next === undefined) return 0;
    const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
    if (next < min || next > max) return 0;
  }
  return length;
}

/** Where UTF-8 first fails (-1 when it never does), and whether any character took more than one byte. */
function scanUtf8(bytes: Uint8Array): { invalidAt: number; multibyte: boolean } {
  let multibyte = false;
  for (let i = 0; i < bytes.length; ) {
    const length = utf8Length(bytes, i);
    if (length === 0) return { invalidAt: i, multibyte };
    if (length > 1) multibyte = true;
    i += length;
  }
  return { invalidAt: -1, multibyte };
}

/** A byte Windows-1252 has no character for, or a control character that is not tab, CR or LF. */
function notCp1252Text(byte: number): boolean {
  if (byte < 0x20) return byte !== 0x09 && byte !== 0x0a && byte !== 0x0d;
  if (byte === 0x7f) return true;
  return byte >= 0x80 && byte <= 0x9f && CP1252_HIGH[byte - 0x80] === undefined;
}

/** The 1-based line of the byte at `offset` (LF, CRLF or a lone CR end a line). */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line += 1;
  }
  return line;
}

function hex(byte: number | undefined): string {
  return `0x${(byte ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
}

/** By hand: Node 20's TextDecoder('windows-1252') decodes 0x80–0x9F as Latin-1 control characters. */
function cp1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) {
    text += String.fromCharCode(byte >= 0x80 && byte <= 0x9f ? (CP1252_HIGH[byte - 0x80] ?? byte) : byte);
  }
  return text;
}

/**
 * The text of a file's bytes: UTF-8 when they are valid UTF-8, else Windows-1252 when they are clean
 * Windows-1252 text and hold no UTF-8 character (that would be a file mixing both). Otherwise throws
 * a Spanish DomainError naming the line of the first bad byte; `name` is the file as people know it.
 */
export function decodeText(bytes: Uint8Array, name: string): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new DomainError(
      `El archivo «${name}» está en UTF-16 («texto Unicode») y no se importó nada.`,
      HELP,
    );
  }
  const { invalidAt, multibyte } = scanUtf8(bytes);
  if (invalidAt < 0) return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (multibyte) {
    throw new DomainError(
      `El archivo «${name}» mezcla codificaciones y no se importó nada: está en UTF-8, pero la línea ` +
        `${lineAt(bytes, invalidAt)} tiene un carácter en otra codificación (byte ${hex(bytes[invalidAt])}).`,
      HELP,
    );
  }
  const bad = bytes.findIndex(notCp1252Text);
  if (bad >= 0) {
    const byte = bytes[bad] ?? 0;
    const what =
      byte < 0x20 || byte === 0x7f
        ? `un carácter de control (byte ${hex(byte)}) que no es texto`
        : `el byte ${hex(byte)}, que no es un carácter ni en UTF-8 ni en Windows-1252`;
    throw new DomainError(
      `El archivo «${name}» no está en UTF-8 ni en Windows-1252 y no se importó nada: la línea ` +
        `${lineAt(bytes, bad)} tiene ${what}.`,
      HELP,
    );
  }
  return cp1252(bytes);
}
