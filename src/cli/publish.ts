import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { bogotaToday } from '../domain/clock.ts';
import { personByEmail } from '../domain/directory/people.ts';
import { DomainError } from '../domain/errors.ts';
import { periodBounds, periodContaining } from '../domain/indicators/periods.ts';
import { cutsOf, vigenciaSnapshot } from '../domain/progress/cuts.ts';
import type { Cut, PlanSnapshot } from '../domain/progress/snapshot-types.ts';
import { publicSite } from '../domain/publication/site.ts';
import { addEvidence, requireTask } from '../domain/tasks/actions.ts';
import { evidenceOf, planForDate } from '../domain/tasks/store.ts';
import { option } from './args.ts';
import type { CliCommand, CliEnv } from './types.ts';

/** What the public page is drawn from: the plan today and the stored cuts. */
export interface PublicationData {
  plan: PlanSnapshot;
  cuts: Cut[];
}

export type PublicationLoader = (env: CliEnv) => PublicationData | Promise<PublicationData>;

/** Left by every publication in its folder: it lets the next one replace it, and nothing else. */
export const MARKER = '.publicacion-mipg.json';

const USAGE = 'publicar --salida <carpeta>';

interface Marker {
  generador: string;
  publicado: string;
  archivos: string[];
}

/** The files of the publication already in the folder, or [] for a new or empty folder; refuses any other. */
function previousFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  if (!statSync(folder).isDirectory()) {
    throw new DomainError(`«${folder}» ya existe y no es una carpeta.`, 'Indique una carpeta con --salida.');
  }
  if (readdirSync(folder).length === 0) return [];
  const marker = join(folder, MARKER);
  if (!existsSync(marker)) {
    throw new DomainError(
      `La carpeta «${folder}» ya tiene archivos y no es una publicación anterior de este bot: no se escribió nada en ella.`,
      'Use una carpeta nueva o vacía (se crea si no existe), por ejemplo --salida publicacion-plan, o la carpeta de una publicación anterior.',
    );
  }
  try {
    const parsed = JSON.parse(readFileSync(marker, 'utf8')) as Partial<Marker>;
    return Array.isArray(parsed.archivos) ? parsed.archivos.filter((f) => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

/** A path of the site inside the folder; never one that climbs out of it. */
function inside(folder: string, path: string): string {
  const full = resolve(folder, path);
  if (!full.startsWith(folder + sep)) throw new Error(`path outside the publication folder: ${path}`);
  return full;
}

function writeSite(
  folder: string,
  site: Map<string, string | Buffer>,
  previous: string[],
  publishedAt: string,
): void {
  mkdirSync(folder, { recursive: true });
  for (const [path, content] of site) {
    const file = inside(folder, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  // Files of the previous publication that this one no longer has (an activity renumbered); nothing else.
  for (const path of previous.filter((p) => !site.has(p))) {
    const file = resolve(folder, path);
    if (file.startsWith(folder + sep) && existsSync(file) && statSync(file).isFile()) rmSync(file);
  }
  const marker: Marker = { generador: 'mipg publicar', publicado: publishedAt, archivos: [...site.keys()] };
  writeFileSync(join(folder, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}

/** `<url>/index.html`, or the URL itself when it already names a page. */
export function publicationEvidenceUrl(base: string): string {
  const url = new URL(base);
  if (!/\.html?$/i.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/?$/, '/')}index.html`;
  return url.href;
}

/** Registers the public page as evidence of the publication tasks; returns whether every task got it (or had it). */
function registerEvidence(env: CliEnv, base: string): boolean {
  const url = publicationEvidenceUrl(base);
  const email = env.speaker ?? env.config.MIPG_CONSOLE_USER;
  const person = email ? personByEmail(env.db, email) : undefined;
  if (!person) {
    env.err(
      `La página se escribió, pero no se registró como evidencia: ${email ? `no hay nadie con el correo ${email} en el directorio` : 'no se sabe quién publica'}.`,
    );
    env.err(
      'Use --como <correo> (una persona de la coordinación MIPG o del equipo responsable de las tareas).',
    );
    return false;
  }
  let ok = true;
  for (const code of env.config.MIPG_TAREAS_PUBLICACION) {
    try {
      const task = requireTask(env.db, env.clock, code);
      if (evidenceOf(env.db, task.id).some((e) => e.url === url)) {
        env.out(
          `La tarea ${code} ya tenía registrada esta publicación como evidencia (${url}); no se agregó otra vez.`,
        );
        continue;
      }
      addEvidence(
        env.db,
        env.clock,
        person,
        code,
        url,
        'Publicación del plan de acción en el sitio web (npx mipg publicar).',
        env.config.MIPG_EVIDENCIA_HOSTS,
      );
      env.out(`Evidencia registrada en la tarea ${code}: ${url}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      ok = false;
      env.err(`No se registró la evidencia en la tarea ${code}: ${[error.message, ...error.help].join(' ')}`);
    }
  }
  return ok;
}

function summary(site: Map<string, string | Buffer>): string {
  const paths = [...site.keys()];
  const activities = paths.filter((p) => p.startsWith('actividad-')).length;
  const cuts = paths.filter((p) => /^corte-.*\.html$/.test(p)).length;
  const data = paths.filter((p) => p.startsWith('datos/')).length;
  const cutsText = cuts === 1 ? '1 corte' : `${cuts} cortes`;
  return `${paths.length} archivos: la portada, ${activities} páginas de actividades, ${cutsText} de seguimiento y ${data} archivos de datos abiertos`;
}

/** `mipg publicar --salida <carpeta>`: writes the public page of the plan; `load` gives the data to publish. */
export function publishCommand(load: PublicationLoader): CliCommand {
  return {
    name: 'publicar',
    summary:
      'Escribe la página pública del plan de acción (HTML y datos abiertos, Ley 1712) en una carpeta para el sitio web.',
    usage: USAGE,
    async run(args, env) {
      const output = option(args, 'salida');
      if (!output) {
        throw new DomainError(
          'Falta --salida <carpeta>.',
          `Uso: npx mipg ${USAGE}, por ejemplo --salida publicacion-plan`,
        );
      }
      const folder = resolve(output);
      const previous = previousFiles(folder);
      const { plan, cuts } = await load(env);
      const publishedAt = env.clock.now().toISOString();
      const site = publicSite(plan, cuts, publishedAt);
      writeSite(folder, site, previous, publishedAt);
      env.out(`Página pública escrita en ${folder} (${summary(site)}).`);
      env.out(
        `Ábrala en un navegador (${join(folder, 'index.html')}); para publicarla, copie la carpeta completa al sitio web de la Alcaldía.`,
      );
      const base = env.config.MIPG_PUBLICACION_URL;
      if (!base) {
        env.out(
          'Para registrar la publicación como evidencia de las tareas del plan, defina MIPG_PUBLICACION_URL con la dirección donde queda publicada.',
        );
        return 0;
      }
      return registerEvidence(env, base) ? 0 : 1;
    },
  };
}

/** The plan of the run's date today (measured from the running quarter's start) and its stored cuts. */
export const currentPublication: PublicationLoader = (env) => {
  const today = bogotaToday(env.clock);
  const plan = planForDate(env.db, today);
  if (!plan) {
    throw new DomainError(
      'Todavía no hay un plan cargado.',
      'Cárguelo con: npx mipg importar plan <archivo>',
    );
  }
  const quarterStart = periodBounds(periodContaining('trimestral', today).code).start;
  return { plan: vigenciaSnapshot(env.db, plan.year, today, quarterStart), cuts: cutsOf(env.db, plan.year) };
};
