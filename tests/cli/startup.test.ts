import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliCommands, exporters, importers } from '../../src/cli/registry.ts';

const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/** Runs the shipped `mipg` command and returns its output and the npm packages it loaded. */
async function mipg(args: string[], env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'mipg-startup-'));
  const { stdout, stderr } = await run(
    process.execPath,
    [
      '--import',
      join(root, 'tests', 'helpers', 'loaded-packages.mjs'),
      join(root, 'bin', 'mipg.js'),
      ...args,
    ],
    { cwd: dir, env: { ...process.env, MIPG_DB: join(dir, 'mipg.db'), ...env } },
  );
  const listed = /PAQUETES CARGADOS: (.*)/.exec(stderr)?.[1] ?? '[]';
  return { stdout, packages: JSON.parse(listed) as string[] };
}

const heavy = ['@slack/bolt', '@microsoft/teams-ai', 'botbuilder', 'exceljs', '@resvg/resvg-js', 'jszip'];

describe('start-up loads only what the run needs', () => {
  it('answers /ayuda from the compiled code without loading Slack, Teams, exceljs, resvg or jszip', async () => {
    const { stdout, packages } = await mipg(['chat', '/ayuda']);
    expect(stdout).toContain('Bot de Planeación MIPG · Ayuda');
    expect(packages).toContain('better-sqlite3');
    expect(packages.filter((p) => heavy.includes(p))).toEqual([]);
  }, 60_000);

  it('loads exceljs when a workbook is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mipg-xlsx-'));
    const { packages } = await mipg([
      'exportar',
      'tareas',
      '--formato',
      'xlsx',
      '--salida',
      join(dir, 'plan.xlsx'),
    ]);
    expect(packages).toContain('exceljs');
    expect(packages).not.toContain('@slack/bolt');
  }, 60_000);

  it('finds every lazy subcommand under its own name', async () => {
    for (const entry of importers) expect((await entry.load()).kind).toBe(entry.name);
    for (const entry of exporters) expect((await entry.load()).kind).toBe(entry.name);
    for (const entry of cliCommands) expect((await entry.load()).name).toBe(entry.name);
  });
});
