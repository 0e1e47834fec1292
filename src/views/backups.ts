import { basename, dirname } from 'node:path';
import type { Reply } from '../chat/reply.ts';
import type { BackupRecord } from '../domain/backup/journal.ts';
import { bogotaDateTime } from './dates.ts';

/** "3,2 MB", "812 kB". */
export function sizeText(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString('es-CO', { maximumFractionDigits: digits })} ${units[unit]}`;
}

/** "35 ms", "2,4 s". */
export function durationText(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return `${(ms / 1000).toLocaleString('es-CO', { maximumFractionDigits: 1 })} s`;
}

/** "1 registro", "177 registros". */
const counted = (n: number, one: string, many: string) =>
  `${n.toLocaleString('es-CO')} ${n === 1 ? one : many}`;

/** The one log line of a backup attempt. */
export function backupLogLine(record: BackupRecord, deleted = 0): string {
  if (!record.ok) {
    const kept = record.kept ? ` La copia quedó en ${record.file}.` : '';
    return `Respaldo FALLIDO (${record.trigger}): ${record.error}.${kept} Vea npx mipg respaldos.`;
  }
  const rotated = deleted > 0 ? `; se borraron ${deleted} respaldo(s) antiguo(s)` : '';
  return `Respaldo listo: ${record.file} (${sizeText(record.bytes)}, ${durationText(record.durationMs)}, verificado${rotated}).`;
}

/** The file's name when it lies in the backup folder, else its whole path (`--salida`). */
function fileLabel(record: BackupRecord, dir: string): string {
  return dirname(record.file) === dir ? basename(record.file) : record.file;
}

/** `npx mipg respaldos`: the attempts newest first, the files kept and the rotation. */
export function backupsReply(history: BackupRecord[], files: string[], dir: string, keep: number): Reply {
  const failed = history.filter((r) => !r.ok).length;
  const last = history[0];
  const blocks: Reply['blocks'] = [
    {
      kind: 'fields',
      fields: [
        { label: 'Carpeta', value: dir },
        { label: 'Respaldos guardados', value: `${files.length} (se conservan los últimos ${keep})` },
        {
          label: 'Intentos',
          value: `${counted(history.length - failed, 'correcto', 'correctos')}, ${counted(failed, 'fallido', 'fallidos')}`,
        },
      ],
    },
  ];
  if (last && !last.ok) {
    blocks.push({
      kind: 'text',
      text: `⚠️ El último respaldo (${bogotaDateTime(last.at)}) falló: ${last.error}.`,
    });
  }
  blocks.push({
    kind: 'table',
    columns: ['Fecha', 'Origen', 'Estado', 'Archivo', 'Tamaño', 'Duración', 'Detalle'],
    rows: history.map((r) => [
      bogotaDateTime(r.at),
      r.trigger,
      r.ok ? 'correcto' : 'fallido',
      r.kept || r.ok ? fileLabel(r, dir) : '',
      sizeText(r.bytes),
      durationText(r.durationMs),
      r.error ??
        (r.auditRows !== undefined
          ? `bitácora íntegra (${counted(r.auditRows, 'registro', 'registros')})`
          : ''),
    ]),
  });
  return {
    title: `Respaldos de la base de datos (${counted(history.length, 'intento', 'intentos')}, los más recientes primero)`,
    tone: last && !last.ok ? 'warning' : 'info',
    blocks,
  };
}
