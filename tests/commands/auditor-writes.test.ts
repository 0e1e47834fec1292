import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/adapters/console/render.ts';
import { rememberMessage } from '../../src/chat/notifier.ts';
import { type ActionResult, commandWrites, type FormResult } from '../../src/chat/registry.ts';
import type { Reply } from '../../src/chat/reply.ts';
import { splitCommand } from '../../src/chat/router.ts';
import { createSession } from '../../src/domain/attendance/sessions.ts';
import { SYSTEM } from '../../src/domain/audit/log.ts';
import { READ_ONLY_MESSAGE } from '../../src/domain/directory/roles.ts';
import { actionLabels, entityLabels, fieldLabels } from '../../src/views/audit-labels.ts';
import { COORDINATOR, testApp } from '../helpers/app.ts';
import {
  AUDITOR,
  actionExamples,
  commandExamples,
  doer,
  formExamples,
  type Kind,
  LEADER,
  threadExamples,
} from './auditor-examples.ts';

/** Every row of every table, sqlite_sequence included: equal dumps mean nothing at all was stored. */
function dump(db: ReturnType<typeof testApp>['app']['db']): Record<string, unknown[]> {
  const sqlite = db.$client;
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all() as {
    name: string;
  }[];
  return Object.fromEntries(tables.map((t) => [t.name, sqlite.prepare(`SELECT * FROM "${t.name}"`).all()]));
}

const { app, clock, person, say } = testApp('2026-09-07', '10:00');
const { router, db } = app;
for (let i = 0; i < 5; i += 1) {
  createSession(db, clock, SYSTEM, {
    title: `Sesión de prueba ${i + 1}`,
    start: '2026-09-07 10:05',
    end: '2026-09-07 11:00',
    place: 'Sala de juntas',
    taskCode: '',
    invitees: `${COORDINATOR};${LEADER}`,
    team: '',
    channel: false,
  });
}
/** Invitations go out after a session is created (setImmediate): let them finish before comparing. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
const incoming = (email: string) => ({ person: person(email), platform: 'console' as const });
const text = (reply: Reply | undefined) => (reply ? renderText(reply) : '');
const actionText = (r: ActionResult) => text(r.reply ?? r.update);

/** The auditor's attempt changes nothing; a write is refused in Spanish before any form opens. */
async function expectAuditor(kind: Kind, attempt: () => Promise<{ shown: string; form: boolean }>) {
  const before = dump(db);
  const { shown, form } = await attempt();
  await settle();
  expect(dump(db)).toEqual(before);
  if (kind === 'read') {
    expect(shown).not.toContain(READ_ONLY_MESSAGE);
    expect(shown).not.toMatch(/^❌/);
  } else {
    expect(shown).toContain(READ_ONLY_MESSAGE);
    expect(form).toBe(false);
  }
}

/** The same attempt by someone allowed: proves the example really writes (or opens a form, or only reads). */
async function expectDoer(kind: Kind, attempt: () => Promise<{ shown: string; form: boolean; ok: boolean }>) {
  const before = dump(db);
  const { shown, form, ok } = await attempt();
  await settle();
  expect(ok, shown).toBe(true);
  if (kind === 'write') expect(dump(db), shown).not.toEqual(before);
  else expect(dump(db), shown).toEqual(before);
  if (kind === 'offer') expect(form || /\[.+\]/.test(shown), shown).toBe(true);
}

describe('Control Interno (rol auditor) changes nothing, on every write the registry has', () => {
  it('has an example for every command, button, form and thread answer the bot registers', () => {
    const names = new Set(commandExamples.map((e) => splitCommand(e.text).name));
    expect(router.registry.commands.map((c) => c.name).filter((n) => !names.has(n))).toEqual([]);
    const actions = new Set(actionExamples.map((e) => e.id));
    expect(router.registry.actions.map((a) => a.id).filter((id) => !actions.has(id))).toEqual([]);
    const forms = new Set(formExamples.map((e) => e.id));
    expect(router.registry.forms.map((f) => f.id).filter((id) => !forms.has(id))).toEqual([]);
    const threads = new Set(threadExamples.map((e) => e.kind));
    expect(router.registry.threadReplies.map((t) => t.kind).filter((k) => !threads.has(k))).toEqual([]);
  });

  it.each(commandExamples)('$text ($kind)', async (example) => {
    const { name, args } = splitCommand(example.text);
    const def = router.registry.commands.find((c) => c.name === name);
    expect(def && commandWrites(def, args)).toBe(example.kind !== 'read');
    const run = async (email: string) => {
      const reply = await router.handleText(incoming(email), example.text);
      return { shown: text(reply), form: reply.form !== undefined, ok: reply.tone !== 'error' };
    };
    await expectAuditor(example.kind, () => run(AUDITOR));
    await expectDoer(example.kind, () => run(doer(example)));
  });

  it.each(actionExamples)('button $id $value ($kind)', async (example) => {
    expect(router.registry.actions.find((a) => a.id === example.id)?.writes).toBe(example.kind !== 'read');
    const run = async (email: string) => {
      const result = await router.handleAction(incoming(email), {
        actionId: example.id,
        value: example.value,
      });
      const shown = actionText(result);
      return { shown, form: result.form !== undefined, ok: !shown.startsWith('❌') };
    };
    await expectAuditor(example.kind, () => run(AUDITOR));
    await expectDoer(example.kind, () => run(doer(example)));
  });

  it.each(formExamples)('form $id', async (example) => {
    const run = async (email: string) => {
      const result: FormResult & { failure?: Reply } = await router.handleSubmit(
        incoming(email),
        example.id,
        example.values,
        example.metadata,
      );
      const shown = result.ok
        ? text(result.reply)
        : `${Object.values(result.errors).join(' ')} ${text(result.failure)}`;
      return { shown, form: false, ok: result.ok };
    };
    await expectAuditor('write', () => run(AUDITOR));
    await expectDoer('write', () => run(doer(example)));
  });

  it.each(threadExamples.map((e, i) => ({ ...e, n: i })))(
    'answer in the thread of $kind',
    async (example) => {
      const ref = { platform: 'console' as const, conversation: 'dm', messageId: `m-${example.n}` };
      rememberMessage(db, clock, ref, { kind: example.kind, subject: example.subject }, null);
      const run = async (email: string) => {
        const reply = await router.handleText(incoming(email), example.text, ref);
        return { shown: text(reply), form: reply.form !== undefined, ok: reply.tone !== 'error' };
      };
      await expectAuditor('write', () => run(AUDITOR));
      await expectDoer('write', () => run(doer(example)));
    },
  );

  it('tells the auditor in Spanish what it may do instead', async () => {
    const reply = await say(AUDITOR, '/cumplida 3.6 https://intranet.pasto.gov.co/acta.pdf');
    expect(renderText(reply)).toBe(
      [
        '❌ No se pudo completar',
        '',
        READ_ONLY_MESSAGE,
        '  Puede consultar todo: /tareas, /estado, /pendientes, /asistencia, /riesgo <código> y /bitacora (vea /ayuda).',
      ].join('\n'),
    );
  });

  it('logged every change those writes made in words /bitacora can show in Spanish', () => {
    const rows = db.$client.prepare('SELECT action, entity, before, after FROM audit_log').all() as {
      action: string;
      entity: string;
      before: string | null;
      after: string | null;
    }[];
    const keys = rows.flatMap((r) =>
      [r.before, r.after].flatMap((json) => {
        const value = json ? (JSON.parse(json) as unknown) : null;
        return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
      }),
    );
    expect(new Set(rows.map((r) => r.action)).size).toBeGreaterThanOrEqual(24);
    expect([...new Set(rows.map((r) => r.action))].filter((a) => !actionLabels[a])).toEqual([]);
    expect([...new Set(rows.map((r) => r.entity))].filter((e) => !entityLabels[e])).toEqual([]);
    expect([...new Set(keys)].filter((k) => !fieldLabels[k])).toEqual([]);
  });
});
