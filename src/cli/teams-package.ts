import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type JSZip from 'jszip';
import { registry } from '../../commands/index.ts';
import { projectRoot } from '../../db/files.ts';
import type { CommandDef } from '../chat/registry.ts';
import type { Config } from '../config.ts';
import { DomainError } from '../domain/errors.ts';
import { lazyRequire } from '../domain/lazy.ts';
import { truncate } from '../domain/text.ts';
import { option } from './args.ts';
import type { CliCommand } from './types.ts';

const zipLibrary = lazyRequire<typeof JSZip>('jszip');

const teamsFolder = resolve(projectRoot, 'teams');

/** Teams shows at most 10 commands per scope in the bot's menu; the rest still work when typed. */
export const MAX_MENU_COMMANDS = 10;

/**
 * What most people use comes first in the menu (coordination-only commands last); the others follow
 * in the registry's order. Names missing from the registry are skipped.
 */
const preferred = [
  'ayuda',
  'pendientes',
  'tareas',
  'tarea',
  'estado',
  'cumplida',
  'reportar',
  'riesgo',
  'asistencia',
  'evidencia',
];

export interface MenuCommand {
  title: string;
  description: string;
}

/** The bot's command menu: up to 10 of the registry's commands, and the names left out. */
export function teamsMenu(commands: CommandDef[]): { listed: MenuCommand[]; omitted: string[] } {
  const rank = (name: string) => {
    const index = preferred.indexOf(name);
    return index === -1 ? preferred.length : index;
  };
  const ordered = commands
    .map((command, position) => ({ command, position }))
    .sort((a, b) => rank(a.command.name) - rank(b.command.name) || a.position - b.position)
    .map((c) => c.command);
  const listed = ordered.slice(0, MAX_MENU_COMMANDS).map((c) => ({
    title: truncate(c.name, 32),
    description: truncate(c.summary, 128),
  }));
  return { listed, omitted: ordered.slice(MAX_MENU_COMMANDS).map((c) => c.name) };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function fill(node: unknown, values: Record<string, string>): unknown {
  if (typeof node === 'string')
    return node.replace(/\{\{(\w+)\}\}/g, (token, name: string) => values[name] ?? token);
  if (Array.isArray(node)) return node.map((item) => fill(item, values));
  if (typeof node === 'object' && node !== null) {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, values)]));
  }
  return node;
}

interface Manifest {
  bots: { commandLists: { scopes: string[]; commands: MenuCommand[] }[]; scopes: string[] }[];
  [key: string]: unknown;
}

/** `teams/manifest.template.json` filled from the settings, with the command menu of the registry. */
export function buildManifest(
  config: Config,
  commands: CommandDef[],
): { manifest: Manifest; omitted: string[] } {
  const appId = config.TEAMS_APP_ID;
  if (!appId || !GUID.test(appId)) {
    throw new DomainError(
      appId ? `TEAMS_APP_ID «${appId}» no es un identificador de aplicación válido.` : 'Falta TEAMS_APP_ID.',
      'Es el «Id. de aplicación (cliente)» del bot registrado en Azure o en el Portal para desarrolladores de Teams, por ejemplo 9c8b7a65-4321-4fed-8cba-0987654321ab.',
    );
  }
  const template = JSON.parse(
    readFileSync(resolve(teamsFolder, 'manifest.template.json'), 'utf8'),
  ) as unknown;
  const version = (
    JSON.parse(readFileSync(resolve(projectRoot, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const manifest = fill(template, {
    TEAMS_APP_ID: appId,
    TEAMS_BOT_NAME: truncate(config.TEAMS_BOT_NAME, 30),
    VERSION: version,
  }) as Manifest;
  const { listed, omitted } = teamsMenu(commands);
  for (const bot of manifest.bots) bot.commandLists = [{ scopes: bot.scopes, commands: listed }];
  return { manifest, omitted };
}

/** The zip Teams accepts: manifest.json and both icons at its root. */
export async function buildTeamsPackage(
  config: Config,
  commands: CommandDef[],
): Promise<{ zip: Uint8Array; manifest: Manifest; omitted: string[] }> {
  const { manifest, omitted } = buildManifest(config, commands);
  const zip = new (zipLibrary())();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  for (const icon of ['color.png', 'outline.png']) zip.file(icon, readFileSync(resolve(teamsFolder, icon)));
  const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
  return { zip: bytes, manifest, omitted };
}

/** `mipg teams-paquete [--salida archivo.zip]` (what `npm run teams:paquete` runs). */
export const teamsPackageCommand: CliCommand = {
  name: 'teams-paquete',
  summary: 'Arma el paquete de la app de Teams (manifest.json e íconos) con TEAMS_APP_ID y TEAMS_BOT_NAME.',
  usage: 'teams-paquete [--salida archivo.zip]',
  async run(args, env) {
    const output = option(args, 'salida') ?? 'teams/build/planeacion-mipg-teams.zip';
    const { zip, manifest, omitted } = await buildTeamsPackage(env.config, registry.commands);
    mkdirSync(dirname(resolve(output)), { recursive: true });
    writeFileSync(output, zip);
    env.out(`Paquete de Teams listo: ${output}`);
    env.out(
      `App «${env.config.TEAMS_BOT_NAME}», id ${String(manifest.id)}, versión ${String(manifest.version)}.`,
    );
    if (omitted.length > 0) {
      env.out(
        `El menú de Teams muestra hasta ${MAX_MENU_COMMANDS} órdenes; estas no aparecen en él pero funcionan escritas: ${omitted.join(', ')}.`,
      );
    }
    env.out(
      'Súbalo en Teams (Aplicaciones › Administrar sus aplicaciones › Cargar una aplicación) o en el Centro de administración de Teams.',
    );
    return 0;
  },
};
