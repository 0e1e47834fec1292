import { afterEach, describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../db/client.ts';
import { loadConfig } from '../../src/config.ts';
import { bogotaInstant } from '../../src/domain/clock.ts';
import { type BackupRecord, checkHealth, healthText } from '../../src/scheduler/health/index.ts';
import { claim, MAX_ATTEMPTS, markFailed } from '../../src/scheduler/ledger.ts';
import { Scheduler } from '../../src/scheduler/scheduler.ts';
import { SHIPPED_MIGRATIONS } from '../helpers/migrations.ts';
import { jobDeps, ManualClock } from './fixtures.ts';

const config = loadConfig({});

function setup(date = '2026-09-07', time = '10:00') {
  const db = openMigratedDatabase(':memory:');
  const clock = new ManualClock(bogotaInstant(date, time));
  return { db, clock };
}

type Setup = ReturnType<typeof setup>;

const report = (
  { db, clock }: Setup,
  extra: { scheduler?: Scheduler; lastBackup?: () => BackupRecord | undefined } = {},
) =>
  checkHealth({
    file: ':memory:',
    db,
    clock,
    config,
    ...(extra.scheduler ? { scheduler: () => extra.scheduler?.state() } : {}),
    ...(extra.lastBackup ? { lastBackup: extra.lastBackup } : {}),
  });

/** A send to a person, claimed now, failed `attempts` times; `final` when no attempt is left. */
function failedSend({ db, clock }: Setup, recipient: string, attempts: number, final: boolean) {
  const row = claim(db, clock, {
    kind: 'recordatorio.tarea',
    period: '2026-09-07',
    recipient,
    platform: 'slack',
    personId: null,
    subject: '1.1',
    dueAt: clock.now().toISOString(),
    late: false,
    claimedBy: 'prueba',
    payload: { reply: { blocks: [] } },
  });
  if (!row) throw new Error('not claimed');
  markFailed(db, clock, { ...row, attempts }, 'ratelimited', final);
  db.$client.prepare('UPDATE deliveries SET attempts = ? WHERE id = ?').run(attempts, row.id);
}

describe('the health report', () => {
  const schedulers: Scheduler[] = [];
  const started = async (s: Setup) => {
    const scheduler = new Scheduler(jobDeps(s.db, s.clock, []));
    schedulers.push(scheduler);
    await scheduler.start();
    return scheduler;
  };
  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
  });

  it('finds migrations the database has not run, and ones this code does not know', () => {
    const s = setup();
    s.db.$client.exec(
      'DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)',
    );
    const pending = report(s);
    expect(pending.ok).toBe(false);
    expect(pending.migrations).toMatchObject({
      ok: false,
      applied: SHIPPED_MIGRATIONS - 1,
      shipped: SHIPPED_MIGRATIONS,
      pending: 1,
      unknown: 0,
    });
    expect(pending.problems).toEqual([
      `Faltan 1 de ${SHIPPED_MIGRATIONS} migraciones: el bot las aplica al iniciar (o «npx mipg migrar»).`,
    ]);

    const newer = setup();
    newer.db.$client.exec(
      "INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('de-una-version-nueva', 9999999999999)",
    );
    expect(report(newer).migrations).toMatchObject({ ok: false, pending: 0, unknown: 1 });
  });

  it('counts a send that used every attempt as a problem for 24 hours, and one nobody can receive only as a count', async () => {
    const s = setup();
    failedSend(s, 'persona:1', 1, true);
    failedSend(s, 'persona:2', 2, false);
    expect(report(s).sends).toMatchObject({ ok: true, retrying: 1, failedLastDay: 1, gaveUpLastDay: 0 });

    failedSend(s, 'persona:3', MAX_ATTEMPTS, true);
    const gaveUp = report(s);
    expect(gaveUp.ok).toBe(false);
    expect(gaveUp.sends).toMatchObject({ ok: false, failedLastDay: 2, gaveUpLastDay: 1 });
    expect(gaveUp.sends.detail).toContain('1 envíos fallaron en sus 5 intentos: la plataforma los rechaza.');

    s.clock.set(new Date(s.clock.now().getTime() + 25 * 3_600_000));
    expect(report(s).sends).toMatchObject({ ok: true, failedLastDay: 0, gaveUpLastDay: 0, retrying: 1 });
  });

  it('counts a send left pending for more than 2 hours as a problem', () => {
    const s = setup();
    claim(s.db, s.clock, {
      kind: 'resumen.semanal',
      period: '2026-09-07',
      recipient: 'canal',
      platform: 'slack',
      personId: null,
      subject: null,
      dueAt: s.clock.now().toISOString(),
      late: false,
      claimedBy: 'prueba',
      payload: { reply: { blocks: [] } },
    });
    expect(report(s).sends).toMatchObject({ ok: true, pending: 1, stuckLastDay: 0 });
    s.clock.set(new Date(s.clock.now().getTime() + 3 * 3_600_000));
    expect(report(s).sends).toMatchObject({ ok: false, pending: 1, stuckLastDay: 1 });
  });

  it('tells the scheduler starting, running and stalled apart', async () => {
    const s = setup();
    const scheduler = new Scheduler(jobDeps(s.db, s.clock, []));
    schedulers.push(scheduler);
    expect(report(s, { scheduler }).scheduler).toMatchObject({ ok: false, state: 'starting' });

    await scheduler.start();
    expect(report(s, { scheduler }).scheduler).toMatchObject({
      ok: true,
      state: 'running',
      detail: 'Activo desde el 7 sep 2026 10:00; 4 tareas programadas.',
    });

    // Its crons fire every minute; ten minutes of the clock without one is a scheduler that stalled.
    s.clock.setBogota('2026-09-07', '10:10');
    expect(report(s, { scheduler }).scheduler).toMatchObject({
      ok: false,
      state: 'stalled',
      detail: 'No da señales desde el 7 sep 2026 10:00 (debería cada minuto).',
    });
  });

  it('from outside the bot, says the scheduler is unknown but sees a job that did not run', async () => {
    const s = setup();
    const never = report(s);
    expect(never.ok).toBe(true);
    expect(never.scheduler).toMatchObject({
      ok: null,
      state: 'unknown',
      detail: 'El bot no ha iniciado nunca con esta base de datos.',
    });

    await (await started(s)).stop();
    const ran = report(s).scheduler;
    expect(ran.ok).toBeNull();
    expect(ran.detail).toBe(
      'Desde fuera del bot no se sabe si su programador está corriendo (vea /salud en el bot). Sus tareas corrieron a tiempo; la última vez, el 7 sep 2026 10:00.',
    );

    // The next morning at 09:00: the 08:00 reminders should have run an hour ago.
    s.clock.setBogota('2026-09-08', '09:00');
    const late = report(s);
    expect(late.ok).toBe(false);
    expect(late.scheduler.jobs).toEqual([
      {
        name: 'resumen',
        lastRunAt: '2026-09-07T15:00:00.000Z',
        dueAt: '2026-09-07T13:00:00.000Z',
        overdue: false,
      },
      {
        name: 'recordatorios',
        lastRunAt: '2026-09-07T15:00:00.000Z',
        dueAt: '2026-09-08T13:00:00.000Z',
        overdue: true,
      },
      { name: 'respaldo', lastRunAt: null, dueAt: '2026-09-08T07:00:00.000Z', overdue: false },
    ]);
    expect(late.scheduler.detail).toBe(
      'Desde fuera del bot no se sabe si su programador está corriendo (vea /salud en el bot). No ha corrido: recordatorios (debía correr el 8 sep 2026 08:00).',
    );
    expect(late.problems).toEqual([late.scheduler.detail]);
  });

  it('reports the last backup: none yet, done, failed, or a journal it cannot read', () => {
    const s = setup();
    expect(report(s, { lastBackup: () => undefined }).backup).toEqual({
      ok: true,
      detail: 'Sin respaldos todavía.',
      at: null,
      succeeded: null,
      file: null,
    });
    const done = { at: '2026-09-07T08:00:00.000Z', ok: true, file: '/var/lib/mipg/respaldos/mipg-1.db' };
    expect(report(s, { lastBackup: () => done }).backup).toEqual({
      ok: true,
      detail: '7 sep 2026 03:00 (mipg-1.db).',
      at: done.at,
      succeeded: true,
      file: 'mipg-1.db',
    });
    const failed = { ...done, ok: false, file: null, error: 'ENOSPC: no queda espacio en /var/lib/mipg' };
    const bad = report(s, { lastBackup: () => failed });
    expect(bad.ok).toBe(false);
    expect(bad.backup.detail).toBe(
      'El último respaldo, del 7 sep 2026 03:00, falló: «npx mipg respaldo» muestra por qué.',
    );
    expect(JSON.stringify(bad)).not.toContain('/var/lib/mipg');
    const unreadable = report(s, {
      lastBackup: () => {
        throw new Error('EACCES');
      },
    });
    expect(unreadable.backup).toMatchObject({ ok: false, succeeded: null });
  });

  it('prints the report in Spanish with a mark per part', async () => {
    const s = setup();
    await started(s);
    expect(healthText(report(s, { scheduler: schedulers[0] }))).toBe(
      [
        'Salud del bot MIPG: bien (revisado el 7 sep 2026 10:00, hora de Bogotá)',
        '',
        '✅ Base de datos: Responde.',
        `✅ Migraciones: Al día (${SHIPPED_MIGRATIONS} aplicadas).`,
        '✅ Programador: Activo desde el 7 sep 2026 10:00; 4 tareas programadas.',
        '✅ Último resumen semanal: Todavía no se ha enviado ningún resumen semanal.',
        '✅ Envíos: 0 pendientes, 0 en reintento y 0 fallidos sin más intentos en las últimas 24 horas.',
        '✅ Último respaldo: Sin respaldos todavía.',
      ].join('\n'),
    );
  });
});
