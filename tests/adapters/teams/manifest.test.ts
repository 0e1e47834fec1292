import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { registry } from '../../../commands/index.ts';
import {
  buildTeamsPackage,
  MAX_MENU_COMMANDS,
  teamsMenu,
  teamsPackageCommand,
} from '../../../src/cli/teams-package.ts';
import type { CliEnv } from '../../../src/cli/types.ts';
import { loadConfig } from '../../../src/config.ts';
import { SYSTEM } from '../../../src/domain/audit/log.ts';
import { fixedClock } from '../../../src/domain/clock.ts';
import { DomainError } from '../../../src/domain/errors.ts';

const APP_ID = '9c8b7a65-4321-4fed-8cba-0987654321ab';
const config = loadConfig({
  TEAMS_APP_ID: APP_ID,
  TEAMS_APP_PASSWORD: 'secreto',
  TEAMS_BOT_NAME: 'Planeación MIPG',
});

/** Width, height and colour type from a PNG's IHDR chunk. */
function pngHeader(bytes: Uint8Array): { width: number; height: number; colorType: number } {
  const data = Buffer.from(bytes);
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(data.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), colorType: data.readUInt8(25) };
}

async function unzip(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const manifest = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}');
  return { zip, manifest };
}

describe('Teams app package', () => {
  it('holds manifest.json and both icons at its root', async () => {
    const { zip: bytes } = await buildTeamsPackage(config, registry.commands);
    const { zip } = await unzip(bytes);
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const color = pngHeader((await zip.file('color.png')?.async('uint8array')) ?? new Uint8Array());
    const outline = pngHeader((await zip.file('outline.png')?.async('uint8array')) ?? new Uint8Array());
    expect(color).toMatchObject({ width: 192, height: 192 });
    // Colour type 6 is RGBA: the outline needs transparency.
    expect(outline).toEqual({ width: 32, height: 32, colorType: 6 });
  });

  it('has the required fields of schema 1.17, filled from the settings', async () => {
    const { manifest } = await unzip((await buildTeamsPackage(config, registry.commands)).zip);
    expect(manifest.$schema).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.17/MicrosoftTeams.schema.json',
    );
    expect(manifest.manifestVersion).toBe('1.17');
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team']);
    expect(manifest.name.short).toBe('Planeación MIPG');
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.developer.name.length).toBeLessThanOrEqual(32);
    for (const url of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl'])
      expect(manifest.developer[url]).toMatch(/^https:\/\//);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.accentColor).toMatch(/^#[0-9A-F]{6}$/i);
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('lists the registry’s commands in the bot menu, at most 10, help first', async () => {
    const { manifest } = await unzip((await buildTeamsPackage(config, registry.commands)).zip);
    const [list] = manifest.bots[0].commandLists;
    expect(list.scopes).toEqual(['personal', 'team']);
    const byName = new Map(registry.commands.map((c) => [c.name, c]));
    expect(list.commands.length).toBe(Math.min(MAX_MENU_COMMANDS, registry.commands.length));
    expect(list.commands[0].title).toBe('ayuda');
    for (const command of list.commands) {
      const source = byName.get(command.title);
      expect(source, command.title).toBeDefined();
      expect(command.description.length).toBeLessThanOrEqual(128);
      expect(source?.summary.startsWith(command.description.replace(/…$/, ''))).toBe(true);
    }
    const { omitted } = teamsMenu(registry.commands);
    expect(new Set([...list.commands.map((c: { title: string }) => c.title), ...omitted])).toEqual(
      new Set(byName.keys()),
    );
  });

  it('keeps the preferred commands first and says which ones did not fit', () => {
    const command = (name: string) => ({
      name,
      summary: `Orden ${name}.`,
      usage: [],
      writes: false,
      run: () => ({ blocks: [] }),
    });
    const names = [
      'riesgos',
      'tareas',
      'a1',
      'a2',
      'a3',
      'a4',
      'a5',
      'a6',
      'a7',
      'ayuda',
      'a8',
      'pendientes',
    ];
    const { listed, omitted } = teamsMenu(names.map(command));
    expect(listed.map((c) => c.title)).toEqual([
      'ayuda',
      'pendientes',
      'tareas',
      'riesgos',
      'a1',
      'a2',
      'a3',
      'a4',
      'a5',
      'a6',
    ]);
    expect(omitted).toEqual(['a7', 'a8']);
  });

  it('refuses to build without a valid TEAMS_APP_ID, in Spanish', async () => {
    const missing = buildTeamsPackage(loadConfig({ TEAMS_ENABLED: 'true' }), registry.commands);
    await expect(missing).rejects.toBeInstanceOf(DomainError);
    await expect(missing).rejects.toThrow('Falta TEAMS_APP_ID.');
    const wrong = loadConfig({ TEAMS_APP_ID: 'mi-bot', TEAMS_APP_PASSWORD: 'x' });
    await expect(buildTeamsPackage(wrong, registry.commands)).rejects.toThrow(
      'TEAMS_APP_ID «mi-bot» no es un identificador de aplicación válido.',
    );
  });

  it('is written by `mipg teams-paquete --salida`', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'mipg-paquete-'));
    try {
      const output = join(folder, 'app.zip');
      const lines: string[] = [];
      const env = {
        config,
        clock: fixedClock('2026-09-07T15:00:00Z'),
        author: SYSTEM,
        out: (t: string) => lines.push(t),
      };
      const code = await teamsPackageCommand.run(
        { positional: [], options: { salida: output } },
        env as unknown as CliEnv,
      );
      expect(code).toBe(0);
      expect(lines[0]).toBe(`Paquete de Teams listo: ${output}`);
      const { manifest } = await unzip(readFileSync(output));
      expect(manifest.id).toBe(APP_ID);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
