import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, people, processes } from '../../../db/schema/index.ts';
import { SYSTEM } from '../../../src/domain/audit/log.ts';
import { peopleResponsibleFor, personByEmail } from '../../../src/domain/directory/people.ts';
import { importPeopleFile } from '../../../src/domain/directory/people-import.ts';
import {
  formatDirectoryReport,
  importProcessesFile,
} from '../../../src/domain/directory/processes-import.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { ImportError, writeTable } from '../../../src/domain/tabular.ts';
import { clock, freshDb, rowCounts, tempFile } from '../../db/helpers.ts';

const PROCESSES = [
  'codigo;nombre;tipo',
  'DE;Direccionamiento Estratégico;Estratégico',
  'GTH;Gestión del Talento Humano;apoyo',
  'ci;Control Interno;EVALUACIÓN',
].join('\n');

const PEOPLE = [
  'nombre,correo,rol,proceso,equipos,slack_id,teams_id',
  'Ana Pérez,Ana.Perez@Pasto.gov.co,coordinador,DE,Equipo MIPG,U01ANA,',
  'Luis Gómez,luis.gomez@pasto.gov.co,Líder,GTH,Líderes de proceso,,29:luis',
  'Eva Ruiz,eva.ruiz@pasto.gov.co,integrante,,"Unidad de Atención al Ciudadano; Equipo MIPG",,',
].join('\n');

async function withProcesses() {
  const db = freshDb();
  await importProcessesFile(db, clock, SYSTEM, tempFile('.csv', PROCESSES));
  return db;
}

async function failure(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe('importar procesos', () => {
  it('stores each process with its type, tolerating accents and case, and audits it', async () => {
    const db = freshDb();
    const report = await importProcessesFile(db, clock, SYSTEM, tempFile('.csv', PROCESSES));
    expect(formatDirectoryReport(report)).toBe(
      'Procesos: 3 procesos nuevos, 0 con cambios, 0 sin cambios.\nNuevos: DE, GTH, CI.',
    );
    expect(
      db
        .select({ code: processes.code, type: processes.type, example: processes.example })
        .from(processes)
        .all(),
    ).toEqual([
      { code: 'DE', type: 'estrategico', example: false },
      { code: 'GTH', type: 'apoyo', example: false },
      { code: 'CI', type: 'evaluacion', example: false },
    ]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'proceso.importar')).all()).toHaveLength(3);
  });

  it('reports every bad row by line and column and stores nothing', async () => {
    const db = freshDb();
    const bad = [
      'codigo,nombre,tipo',
      'DE,Direccionamiento,estrategico',
      ',Sin código,apoyo',
      'DE,Repetido,misional',
      'GF,Finanzas,operativo',
    ];
    const error = await failure(importProcessesFile(db, clock, SYSTEM, tempFile('.csv', bad.join('\n'))));
    expect(error.message.split('\n')).toEqual([
      'El archivo tiene 3 problemas; no se importó nada:',
      '• Línea 3, columna codigo: falta el código.',
      '• Línea 4, columna codigo: el código DE ya está en la línea 2.',
      '• Línea 5, columna tipo: «operativo» no es un tipo: use estratégico, misional, apoyo o evaluación.',
    ]);
    expect(rowCounts(db)).toMatchObject({ processes: 0, audit_log: 0 });
  });

  it('a re-import updates by code and leaves processes missing from the file alone', async () => {
    const db = await withProcesses();
    const file = tempFile(
      '.csv',
      'codigo;nombre;tipo\nGTH;Talento Humano;apoyo\nDE;Direccionamiento Estratégico;estratégico\n',
    );
    const report = await importProcessesFile(db, clock, SYSTEM, file);
    expect(report).toMatchObject({
      added: [],
      changed: [{ key: 'GTH', fields: ['name'] }],
      unchanged: ['DE'],
    });
    expect(formatDirectoryReport(report)).toContain('Cambió GTH: nombre.');
    expect(db.select().from(processes).all()).toHaveLength(3);
    const entry = db.select().from(auditLog).where(eq(auditLog.entityId, 'GTH')).all().at(-1);
    expect(entry).toMatchObject({
      before: { name: 'Gestión del Talento Humano' },
      after: { name: 'Talento Humano' },
    });
  });
});

describe('importar personas', () => {
  it('stores people with lowercased e-mails, their process and teams (created as needed)', async () => {
    const db = await withProcesses();
    const report = await importPeopleFile(db, clock, SYSTEM, tempFile('.csv', PEOPLE));
    expect(report.added).toEqual([
      'ana.perez@pasto.gov.co',
      'luis.gomez@pasto.gov.co',
      'eva.ruiz@pasto.gov.co',
    ]);
    expect(report.teamsCreated).toEqual([
      'Equipo MIPG',
      'Líderes de proceso',
      'Unidad de Atención al Ciudadano',
    ]);
    expect(personByEmail(db, 'ana.perez@pasto.gov.co')).toMatchObject({
      role: 'coordinador',
      processCode: 'DE',
      teams: ['Equipo MIPG'],
      slackId: 'U01ANA',
      teamsId: null,
      example: false,
    });
    expect(personByEmail(db, 'luis.gomez@pasto.gov.co')).toMatchObject({ role: 'lider', teamsId: '29:luis' });
    const responsible = peopleResponsibleFor(
      db,
      'Unidad de Atención al Ciudadano -Equipo MIPG - Oficina de Planeación',
    );
    expect(responsible.map((p) => p.email).sort()).toEqual([
      'ana.perez@pasto.gov.co',
      'eva.ruiz@pasto.gov.co',
    ]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'persona.importar')).all()).toHaveLength(3);
  });

  it('reads the same people from an XLSX sheet', async () => {
    const db = await withProcesses();
    const bytes = await writeTable('xlsx', {
      name: 'Personas',
      columns: ['nombre', 'correo', 'rol', 'proceso', 'equipos'].map((key) => ({ key, header: key })),
      rows: [
        {
          nombre: 'Ana Pérez',
          correo: 'ana.perez@pasto.gov.co',
          rol: 'delegado',
          proceso: 'gth',
          equipos: 'Líderes de proceso',
        },
      ],
    });
    await importPeopleFile(db, clock, SYSTEM, tempFile('.xlsx', bytes));
    expect(personByEmail(db, 'ana.perez@pasto.gov.co')).toMatchObject({
      role: 'delegado',
      processCode: 'GTH',
    });
  });

  it('reports every bad row by line and column and stores nothing', async () => {
    const db = await withProcesses();
    await importPeopleFile(db, clock, SYSTEM, tempFile('.csv', PEOPLE));
    const before = rowCounts(db);
    const bad = [
      'nombre,correo,rol,proceso,equipos,slack_id,teams_id',
      'Nueva Persona,nueva@pasto.gov.co,integrante,,Equipo Nuevo,,',
      'Sin Correo,,lider,GTH,,,',
      'Correo Malo,correo-malo,jefe,XX,,,',
      'Repetida,NUEVA@pasto.gov.co,integrante,,,U01ANA,',
    ];
    const error = await failure(importPeopleFile(db, clock, SYSTEM, tempFile('.csv', bad.join('\n'))));
    expect(error.problems).toEqual([
      { line: 3, column: 'correo', message: 'falta el correo.' },
      { line: 4, column: 'correo', message: '«correo-malo» no es un correo válido.' },
      {
        line: 4,
        column: 'rol',
        message: '«jefe» no es un rol: use coordinador, lider, delegado, integrante o auditor.',
      },
      {
        line: 4,
        column: 'proceso',
        message: 'el proceso «XX» no existe; impórtelo antes con npx mipg importar procesos.',
      },
      { line: 5, column: 'correo', message: 'el correo nueva@pasto.gov.co ya está en la línea 2.' },
      { line: 5, column: 'slack_id', message: 'el slack_id U01ANA ya es de ana.perez@pasto.gov.co.' },
    ]);
    expect(error.message).toContain('• Línea 4, columna rol: «jefe» no es un rol');
    expect(rowCounts(db)).toEqual(before);
  });

  it('refuses a name or a team name longer than 200 characters', async () => {
    const db = await withProcesses();
    const file = tempFile(
      '.csv',
      [
        'nombre,correo,rol,equipos',
        `${'A'.repeat(201)},ana@pasto.gov.co,coordinador,Equipo MIPG`,
        `Luis,luis@pasto.gov.co,integrante,Equipo MIPG; ${'E'.repeat(250)}`,
      ].join('\n'),
    );
    const error = await failure(importPeopleFile(db, clock, SYSTEM, file));
    expect(error.problems).toEqual([
      { line: 2, column: 'nombre', message: 'el nombre admite hasta 200 caracteres (tiene 201).' },
      {
        line: 3,
        column: 'equipos',
        message: 'el nombre de un equipo admite hasta 200 caracteres (tiene 250).',
      },
    ]);
    expect(rowCounts(db)).toMatchObject({ people: 0, teams: 0 });
  });

  it('a re-import updates by e-mail, replaces teams and keeps what the file has no column for', async () => {
    const db = await withProcesses();
    await importPeopleFile(db, clock, SYSTEM, tempFile('.csv', PEOPLE));
    // No slack_id column: stored Slack ids stay. An empty teams_id cell clears Luis's.
    const file = tempFile(
      '.csv',
      [
        'nombre,correo,rol,proceso,equipos,teams_id',
        'Ana Pérez,ana.perez@pasto.gov.co,coordinador,DE,Equipo MIPG,',
        'Luis Gómez,luis.gomez@pasto.gov.co,delegado,GTH,Equipo MIPG,',
        'Eva Ruiz,eva.ruiz@pasto.gov.co,integrante,,Equipo MIPG;Unidad de Atención al Ciudadano,',
      ].join('\n'),
    );
    const report = await importPeopleFile(db, clock, SYSTEM, file);
    expect(report).toMatchObject({
      added: [],
      changed: [{ key: 'luis.gomez@pasto.gov.co', fields: ['role', 'teams', 'teamsId'] }],
      unchanged: ['ana.perez@pasto.gov.co', 'eva.ruiz@pasto.gov.co'],
    });
    expect(formatDirectoryReport(report)).toContain(
      'Cambió luis.gomez@pasto.gov.co: rol, equipos, teams_id.',
    );
    expect(personByEmail(db, 'luis.gomez@pasto.gov.co')).toMatchObject({
      role: 'delegado',
      teams: ['Equipo MIPG'],
    });
    expect(personByEmail(db, 'ana.perez@pasto.gov.co')).toMatchObject({
      role: 'coordinador',
      slackId: 'U01ANA',
    });
    const entry = db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, 'luis.gomez@pasto.gov.co'))
      .all()
      .at(-1);
    expect(entry).toMatchObject({
      before: { role: 'lider', teams: ['Líderes de proceso'], teamsId: '29:luis' },
      after: { role: 'delegado', teams: ['Equipo MIPG'], teamsId: null },
    });
  });

  it('real data replaces the example flag of the rows it names', async () => {
    const db = await withProcesses();
    await importPeopleFile(db, clock, SYSTEM, tempFile('.csv', PEOPLE), { example: true });
    // One real person for three examples deactivates two of three: allowed only when asked for.
    const report = await importPeopleFile(
      db,
      clock,
      SYSTEM,
      tempFile('.csv', 'nombre,correo,rol\nAna Pérez,ana.perez@pasto.gov.co,coordinador\n'),
      { replaceAll: true },
    );
    expect(report.changed[0]?.fields).toContain('example');
    expect(db.select().from(people).where(eq(people.email, 'ana.perez@pasto.gov.co')).get()?.example).toBe(
      false,
    );
    expect(report.examplesDeactivated).toHaveLength(2);
    expect(formatDirectoryReport(report)).toContain(
      'Se desactivaron 2 personas de ejemplo: ya no reciben recordatorios ni avisos',
    );
    const examples = db.select().from(people).where(eq(people.example, true)).all();
    expect(examples.map((p) => p.active)).toEqual([false, false]);
    const audited = db.select().from(auditLog).where(eq(auditLog.action, 'persona.desactivar')).all();
    expect(audited.map((a) => a.entityId).sort()).toEqual(examples.map((p) => p.email).sort());
  });

  it('refuses a header-only file that would deactivate everyone, and stores nothing', async () => {
    const db = await withProcesses();
    await importPeopleFile(db, clock, SYSTEM, tempFile('.csv', PEOPLE), { example: true });
    const before = rowCounts(db);
    const headerOnly = tempFile('.csv', 'nombre,correo,rol,proceso,equipos,slack_id,teams_id\n');
    const error = await importPeopleFile(db, clock, SYSTEM, headerOnly).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe(
      'La importación desactivaría 3 de las 3 personas activas (más de la mitad) y dejaría el directorio ' +
        'sin ninguna persona coordinadora activa; no se importó nada.',
    );
    expect((error as DomainError).help).toEqual([
      'El archivo no trae ninguna persona (¿solo tiene la fila de encabezados?).',
      'Si de verdad quiere reemplazar todo el directorio, repita con --reemplazar-todo: ' +
        'npx mipg importar personas <archivo> --reemplazar-todo',
    ]);
    expect(rowCounts(db)).toEqual(before);
    expect(
      db
        .select()
        .from(people)
        .all()
        .map((p) => p.active),
    ).toEqual([true, true, true]);
  });

  it('refuses to leave the directory without its last coordinator, unless told to replace it all', async () => {
    const db = await withProcesses();
    await importPeopleFile(db, clock, SYSTEM, tempFile('.csv', PEOPLE), { example: true });
    const file = tempFile(
      '.csv',
      [
        'nombre,correo,rol',
        'Rosa Díaz,rosa.diaz@pasto.gov.co,lider',
        'Pablo Ortiz,pablo.ortiz@pasto.gov.co,integrante',
        'Inés Mora,ines.mora@pasto.gov.co,integrante',
        'Juan Rey,juan.rey@pasto.gov.co,integrante',
      ].join('\n'),
    );
    const before = rowCounts(db);
    const error = await importPeopleFile(db, clock, SYSTEM, file).catch((e: unknown) => e);
    expect((error as DomainError).message).toBe(
      'La importación dejaría el directorio sin ninguna persona coordinadora activa; no se importó nada.',
    );
    expect(rowCounts(db)).toEqual(before);

    const report = await importPeopleFile(db, clock, SYSTEM, file, { replaceAll: true });
    expect(report.added).toHaveLength(4);
    expect(report.examplesDeactivated).toHaveLength(3);
  });

  it('lets the real directory replace a smaller example one', async () => {
    const db = await withProcesses();
    await importPeopleFile(db, clock, SYSTEM, tempFile('.csv', PEOPLE), { example: true });
    const file = tempFile(
      '.csv',
      [
        'nombre,correo,rol',
        'Rosa Díaz,rosa.diaz@pasto.gov.co,coordinador',
        'Pablo Ortiz,pablo.ortiz@pasto.gov.co,integrante',
        'Inés Mora,ines.mora@pasto.gov.co,integrante',
        'Juan Rey,juan.rey@pasto.gov.co,integrante',
      ].join('\n'),
    );
    const report = await importPeopleFile(db, clock, SYSTEM, file);
    expect(report.examplesDeactivated).toHaveLength(3);
  });
});
