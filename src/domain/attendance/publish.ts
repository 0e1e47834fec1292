import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Config } from '../../config.ts';
import { saveFile } from '../streamed.ts';
import { tableFile, writeTable } from '../tabular.ts';
import { isHttpUrl } from '../text.ts';
import { type AttendanceList, listSheet } from './list.ts';

/**
 * Where ended sessions' lists are published: a folder the office serves or syncs (intranet, SharePoint,
 * a shared drive) and the http(s) address under which its files are reachable. The evidence link of a
 * session is that address plus `asistencia-sesion-<id>.xlsx`, a real file a verifier can open.
 */
export interface ListPublishing {
  dir: string;
  baseUrl: string;
}

/**
 * Reads `MIPG_ASISTENCIA_URL` (required to publish) and `MIPG_ASISTENCIA_DIR` (default: `asistencia`
 * beside the database) from the settings. Without a valid URL nothing is published and no evidence is
 * registered; the lists stay available with `npx mipg exportar asistencia`.
 */
export function listPublishing(
  config: Pick<Config, 'MIPG_DB' | 'MIPG_ASISTENCIA_URL' | 'MIPG_ASISTENCIA_DIR'>,
): ListPublishing | undefined {
  const url = config.MIPG_ASISTENCIA_URL?.trim();
  if (!url || !isHttpUrl(url)) return undefined;
  return { baseUrl: url, dir: config.MIPG_ASISTENCIA_DIR || join(dirname(config.MIPG_DB), 'asistencia') };
}

export function listFileName(sessionId: number, extension: 'csv' | 'xlsx'): string {
  return `asistencia-sesion-${sessionId}.${extension}`;
}

/** The public address of a session's XLSX list. */
export function listUrl(publishing: ListPublishing, sessionId: number): string {
  const base = publishing.baseUrl.endsWith('/') ? publishing.baseUrl : `${publishing.baseUrl}/`;
  return new URL(listFileName(sessionId, 'xlsx'), base).toString();
}

/** Writes the list as XLSX and CSV into the publishing folder (replacing older versions); returns its URL. */
export async function publishList(list: AttendanceList, publishing: ListPublishing): Promise<string> {
  const sheet = listSheet(list);
  await mkdir(publishing.dir, { recursive: true });
  const id = list.session.id;
  await saveFile(join(publishing.dir, listFileName(id, 'xlsx')), tableFile('xlsx', sheet));
  // A BOM so Excel opens the CSV's accents correctly.
  await writeFile(join(publishing.dir, listFileName(id, 'csv')), `\uFEFF${await writeTable('csv', sheet)}`);
  return listUrl(publishing, id);
}
