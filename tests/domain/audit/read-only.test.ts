import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { savePersonalChat } from '../../../src/adapters/teams/references.ts';
import { main } from '../../../src/cli/main.ts';
import { createSession } from '../../../src/domain/attendance/sessions.ts';
import { personAuthor } from '../../../src/domain/audit/log.ts';
import { fixedClock } from '../../../src/domain/clock.ts';
import { READ_ONLY_MESSAGE } from '../../../src/domain/directory/roles.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { riskYear } from '../../../src/domain/risks/access.ts';
import { riskByCode, setTreatment } from '../../../src/domain/risks/register-store.ts';
import { snapshot, testApp } from '../../helpers/app.ts';
import { capture } from '../../helpers/cli.ts';

const AUDITOR = 'control.interno@ejemplo.pasto.gov.co';

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the write was not refused');
}

describe('the audit log refuses any change authored by Control Interno (the backstop)', () => {
  it('rolls back a domain write that skipped every check above it', () => {
    const { app, clock, person } = testApp();
    const risk = riskByCode(app.db, riskYear(app.db, clock), 'R-GTH-01');
    if (!risk) throw new Error('no example risk');
    const before = snapshot(app);
    const error = refusal(() => setTreatment(app.db, clock, personAuthor(person(AUDITOR)), risk, 'evitar'));
    expect(error.message).toBe(READ_ONLY_MESSAGE);
    // The risk's treatment was updated inside the transaction before the audit entry: it is gone too.
    expect(snapshot(app)).toEqual(before);
  });

  it('reads the role from the directory, not from the author the caller built', () => {
    const { app, clock, person } = testApp();
    const before = snapshot(app);
    const auditor = person(AUDITOR);
    const error = refusal(() =>
      createSession(
        app.db,
        clock,
        { id: auditor.id, label: 'otra.persona@pasto.gov.co' },
        {
          title: 'Sesión',
          start: '2026-09-10 09:00',
          end: '2026-09-10 10:00',
          place: 'Sala',
          taskCode: '',
          invitees: AUDITOR,
          team: '',
          channel: false,
        },
      ),
    );
    expect(error.message).toBe(READ_ONLY_MESSAGE);
    expect(snapshot(app)).toEqual(before);
  });

  it('still keeps how to reach the auditor on Teams (the bot records it, not a change of data)', () => {
    const { app, clock, person } = testApp();
    const reference = {
      conversation: { id: 'a:1-control-interno' },
      serviceUrl: 'https://smba.trafficmanager.net/amer/',
    };
    expect(savePersonalChat(app.db, clock, person(AUDITOR), reference as never, true)).toBe(true);
    const row = app.db.$client
      .prepare("SELECT actor, action FROM audit_log WHERE action = 'teams.chat_personal'")
      .get() as { actor: string; action: string };
    expect(row).toEqual({ actor: AUDITOR, action: 'teams.chat_personal' });
  });
});

describe('npx mipg … --como <auditor>', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('refuses an import in Spanish and leaves the file as it was', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mipg-auditor-'));
    const file = join(dir, 'mipg.db');
    process.env.MIPG_DB = file;
    const clock = fixedClock('2026-09-07T15:00:00Z');
    // The first run loads the plan and the example directory (as the system), the auditor among them.
    expect(await main(['chat', '--como', AUDITOR, '/ayuda'], capture().io, clock)).toBe(0);
    const count = () =>
      (
        new Database(file, { readonly: true }).prepare('SELECT count(*) AS n FROM audit_log').get() as {
          n: number;
        }
      ).n;
    const rows = count();
    const csv = join(dir, 'procesos.csv');
    writeFileSync(csv, 'codigo,nombre,tipo\nOCI,Oficina de Control Interno,evaluacion\n');
    const c = capture();
    const code = await main(['importar', 'procesos', csv, '--como', AUDITOR], c.io, clock);
    expect(code).toBe(1);
    expect(c.err.at(-1)).toBe(READ_ONLY_MESSAGE);
    expect(count()).toBe(rows);
    const processes = new Database(file, { readonly: true })
      .prepare("SELECT * FROM processes WHERE code = 'OCI'")
      .all();
    expect(processes).toEqual([]);
  });
});
