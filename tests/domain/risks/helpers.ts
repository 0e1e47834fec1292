import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Db, openMigratedDatabase } from '../../../db/client.ts';
import { people, processes, teamMembers, teams } from '../../../db/schema/index.ts';
import { SYSTEM } from '../../../src/domain/audit/log.ts';
import { bogotaInstant, type Clock, fixedClock } from '../../../src/domain/clock.ts';
import { personByEmail } from '../../../src/domain/directory/people.ts';

/** A small directory of its own, so these tests do not depend on the example seed. */
export function riskDb(): Db {
  const db = openMigratedDatabase(':memory:');
  const [gth, con, hac] = db
    .insert(processes)
    .values([
      { code: 'GTH', name: 'Gestión del Talento Humano', type: 'apoyo' },
      { code: 'CON', name: 'Contratación', type: 'apoyo' },
      { code: 'HAC', name: 'Gestión Hacendaria', type: 'apoyo' },
    ])
    .returning()
    .all();
  db.insert(people)
    .values([
      { name: 'Coordinación MIPG', email: 'coordinacion@pasto.gov.co', role: 'coordinador' },
      { name: 'Ana Equipo', email: 'ana@pasto.gov.co', role: 'integrante' },
      { name: 'Luis Líder GTH', email: 'luis@pasto.gov.co', role: 'lider', processId: gth?.id },
      { name: 'Carla Líder CON', email: 'carla@pasto.gov.co', role: 'lider', processId: con?.id },
      { name: 'Hugo Líder HAC', email: 'hugo@pasto.gov.co', role: 'lider', processId: hac?.id },
      { name: 'Iván Integrante GTH', email: 'ivan@pasto.gov.co', role: 'integrante', processId: gth?.id },
    ])
    .run();
  const team = db.insert(teams).values({ name: 'Equipo MIPG' }).returning().get();
  const ana = personByEmail(db, 'ana@pasto.gov.co');
  if (ana) db.insert(teamMembers).values({ teamId: team.id, personId: ana.id }).run();
  return db;
}

export function who(db: Db, email: string) {
  const person = personByEmail(db, email);
  if (!person) throw new Error(`no person ${email}`);
  return person;
}

export const clockOn = (date: string, time = '10:00'): Clock => fixedClock(bogotaInstant(date, time));

export const HEADER =
  'codigo,proceso,tipo,riesgo,causa,consecuencia,frecuencia_anual,impacto_economico,impacto_reputacional,controles,tratamiento,responsable';

/** Rows for GTH and CON: a mix of zones, a corruption risk and controls in sequence. */
export const GOOD_ROWS = [
  'R-GTH-01,GTH,gestion,Error en la liquidación de nómina,Cálculo manual,Pagos indebidos,24,mayor,menor,"preventivo/manual: revisión mensual; detectivo/manual",reducir,Líder GTH',
  'R-GTH-02,GTH,corrupcion,Favorecer a un aspirante en un concurso,Presión política,Pérdida de confianza,3,,catastrofico,preventivo/automatico: prueba anónima,evitar,Líder GTH',
  'R-GTH-03,GTH,gestion,Archivo de hojas de vida incompleto,Falta de personal,Hallazgos,2,leve,,,aceptar,Archivo GTH',
  'R-CON-01,CON,fiscal,Sobrecosto en contratos,Estudios de mercado débiles,Detrimento patrimonial,600,catastrofico,mayor,correctivo/manual,reducir,Líder CON',
];

/** Writes a CSV with the register header in a fresh temporary folder. */
export function registerCsv(rows: string[], header = HEADER): string {
  const dir = mkdtempSync(join(tmpdir(), 'mipg-riesgos-'));
  const file = join(dir, 'riesgos.csv');
  writeFileSync(file, [header, ...rows].join('\n'));
  return file;
}

export { SYSTEM };

/** Every row of every table: compare before and after to prove nothing was stored. */
export function tables(db: Db): Record<string, unknown[]> {
  const sqlite = db.$client;
  const names = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  return Object.fromEntries(names.map((t) => [t.name, sqlite.prepare(`SELECT * FROM "${t.name}"`).all()]));
}
