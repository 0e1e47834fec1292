import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, deliveries, reminderAnswers, teamsConversations } from '../../../db/schema/index.ts';
import { UnreachableError } from '../../../src/chat/messenger.ts';
import { personByEmail } from '../../../src/domain/directory/people.ts';
import { teamsDigestChannel } from '../../../src/domain/directory/reach.ts';
import { silentLogger } from '../../../src/domain/logger.ts';
import { currentPlan, tasksOf } from '../../../src/domain/tasks/store.ts';
import { digestJob } from '../../../src/scheduler/jobs.ts';
import { TASK_REMINDER_KIND, taskReminderReply } from '../../../src/scheduler/reminders/messages.ts';
import { claimAndSend, type SendDeps } from '../../../src/scheduler/send.ts';
import { COORDINATOR, snapshot } from '../../helpers/app.ts';
import {
  executeInvoke,
  personalConversationOf,
  personalInstallation,
  personalMessage,
  TEAM,
  teamInstallation,
} from './activities.ts';
import { type Card, defined, findAction, texts } from './card-helpers.ts';
import { FakeConnector } from './fake-connector.ts';
import { type Harness, teamsHarness } from './harness.ts';
import { cardProblems } from './validate-card.ts';

const COORDINATOR_AAD = '0c000000-0000-4000-8000-00000000c001';
const LAURA = 'laura.benavides@ejemplo.pasto.gov.co';
const LAURA_AAD = '0c000000-0000-4000-8000-00000000c002';

function cardTexts(card: Card): string[] {
  return texts(card.body);
}

function sendDeps(h: Harness): SendDeps {
  return {
    db: h.app.db,
    clock: h.clock,
    messengers: () => h.app.messengers,
    log: silentLogger,
    instance: 'prueba',
  };
}

describe('Teams: installation and messages on the bot’s initiative', () => {
  let folder: string;
  let file: string;
  let connector: FakeConnector;
  const open: Harness[] = [];

  const start = async () => {
    const h = await teamsHarness({ file, connector });
    open.push(h);
    return h;
  };

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'mipg-teams-'));
    file = join(folder, 'mipg.db');
    connector = await FakeConnector.start();
  });
  afterEach(async () => {
    for (const h of open.splice(0)) await h.stop().catch(() => {});
    await connector.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('stores the team channel when installed in a team and greets it there', async () => {
    const h = await start();
    const coordinator = h.user(COORDINATOR, COORDINATOR_AAD, 'Coordinación MIPG (ejemplo)');
    const response = await h.post(teamInstallation(connector.url, coordinator));
    expect(response.status).toBe(200);
    const channel = teamsDigestChannel(h.app.db);
    expect(channel).toMatchObject({
      conversationId: TEAM.id,
      scope: 'channel',
      name: 'Planeación Institucional',
    });
    expect(channel?.installedAt).not.toBeNull();
    const [welcome] = connector.messages();
    expect(welcome?.path).toBe(`/v3/conversations/${TEAM.id}/activities`);
    expect(cardTexts(FakeConnector.card(welcome))).toContain(
      'Quedé instalado en este canal: aquí publicaré el resumen del plan institucional.',
    );
    const audited = h.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'teams.canal_instalado'))
      .all();
    expect(audited.map((a) => [a.actor, a.entityId])).toEqual([[COORDINATOR, TEAM.id]]);
  });

  it('stores a person’s personal chat when they install the bot, and greets them once', async () => {
    const h = await start();
    const coordinator = h.user(COORDINATOR, COORDINATOR_AAD, 'Coordinación MIPG (ejemplo)');
    await h.post(personalInstallation(connector.url, coordinator));
    await h.post(personalInstallation(connector.url, coordinator));
    const rows = h.app.db.select().from(teamsConversations).all();
    expect(rows.map((r) => [r.scope, r.conversationId, r.personId])).toEqual([
      ['personal', personalConversationOf(coordinator).id, personByEmail(h.app.db, COORDINATOR)?.id],
    ]);
    const greetings = connector.messages().map((c) => cardTexts(FakeConnector.card(c))[0]);
    expect(greetings).toEqual(['Hola, Coordinación MIPG (ejemplo)']);
  });

  it('stores nothing when someone outside the directory installs the bot, and tells them why', async () => {
    const h = await start();
    const stranger = h.user('visitante@otra-entidad.gov.co', '0d000000-0000-4000-8000-00000000d001');
    const before = snapshot(h.app);
    await h.post(personalInstallation(connector.url, stranger));
    expect(snapshot(h.app)).toEqual(before);
    expect(cardTexts(FakeConnector.card(connector.messages()[0]))).toContain(
      'No encuentro su usuario de Teams en el directorio del bot de Planeación MIPG, así que todavía no puedo atenderle.',
    );
  });

  it('after a restart, sends the digest to the team channel and a reminder to a personal chat', async () => {
    const first = await start();
    const coordinator = first.user(COORDINATOR, COORDINATOR_AAD, 'Coordinación MIPG (ejemplo)');
    await first.post(teamInstallation(connector.url, coordinator));
    await first.post(personalMessage(connector.url, coordinator, 'hola'));
    await first.stop();
    open.splice(0);
    connector.clear();

    const h = await start();
    const deps = sendDeps(h);
    const [digest] = await digestJob('0 8 * * 1').plan(
      { ...deps, config: h.app.services.config },
      {
        fireAt: h.clock.now(),
        previous: undefined,
      },
    );
    expect(
      await claimAndSend(deps, defined(digest, 'digest delivery'), { dueAt: h.clock.now(), late: false }),
    ).toEqual(['sent']);
    const posted = connector.messages();
    expect(posted.map((c) => [c.method, c.path])).toEqual([
      ['POST', `/v3/conversations/${TEAM.id}/activities`],
    ]);
    const digestCard = FakeConnector.card(posted[0]);
    expect(cardTexts(digestCard)[0]).toBe('⚠️ Resumen semanal · Plan 2026');
    expect(cardProblems(digestCard)).toEqual([]);
    // People named in the digest are mentioned (and notified) once Teams has told the bot who they are.
    expect(digestCard.msteams).toMatchObject({
      entities: expect.arrayContaining([
        {
          type: 'mention',
          text: '<at>Coordinación MIPG (ejemplo)</at>',
          mentioned: { id: `8:orgid:${COORDINATOR_AAD}`, name: 'Coordinación MIPG (ejemplo)' },
        },
      ]),
    });
    expect(JSON.stringify(digestCard.body)).toContain('<at>Coordinación MIPG (ejemplo)</at>');
    const ledger = h.app.db.select().from(deliveries).all();
    expect(ledger.map((d) => [d.recipient, d.status, d.conversation, d.messageId])).toEqual([
      ['canal@teams', 'sent', TEAM.id, posted[0]?.sentId],
    ]);

    connector.clear();
    const person = defined(personByEmail(h.app.db, COORDINATOR), 'coordinator');
    const plan = defined(currentPlan(h.app.db, 2026), 'plan 2026');
    const task = defined(
      tasksOf(h.app.db, plan.id, '2026-09-07').find((t) => t.code === '1.4'),
      'task 1.4',
    );
    const reminder = { date: '2026-09-07', reason: { type: 'before' as const, days: 5 } };
    const outcome = await claimAndSend(
      deps,
      {
        kind: TASK_REMINDER_KIND,
        period: '2026:1.4:2026-09-07',
        to: person,
        about: { kind: TASK_REMINDER_KIND, subject: '1.4' },
        build: () => taskReminderReply(h.app.db, task, reminder, { canPostpone: true }),
      },
      { dueAt: h.clock.now(), late: false },
    );
    expect(outcome).toEqual(['sent']);
    const [sent] = connector.messages();
    expect(sent?.path).toBe(`/v3/conversations/${personalConversationOf(coordinator).id}/activities`);
    const reminderCard = FakeConnector.card(sent);
    expect(cardTexts(reminderCard)[0]).toBe('Recordatorio · Tarea 1.4');
    expect(cardProblems(reminderCard)).toEqual([]);

    // Its "Marcar cumplida" button turns the reminder, in place, into the evidence form.
    const pressed = await h.post(
      executeInvoke(
        connector.url,
        coordinator,
        { conversation: personalConversationOf(coordinator), messageId: sent?.sentId ?? '' },
        findAction(reminderCard, 'Marcar cumplida'),
      ),
    );
    const form = (pressed.body as { value: Card }).value;
    expect(cardTexts(form)[0]).toBe('Cumplir tarea 1.4');
    expect(cardProblems(form)).toEqual([]);

    // "Posponer" answers with the updated reminder, shown in place of the old card.
    const postponed = await h.post(
      executeInvoke(
        connector.url,
        coordinator,
        { conversation: personalConversationOf(coordinator), messageId: sent?.sentId ?? '' },
        findAction(reminderCard, 'Posponer'),
      ),
    );
    const updated = postponed.body as { type: string; value: Card };
    expect(updated.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardTexts(updated.value)[0]).toBe('✅ Recordatorio · Tarea 1.4');
    expect(cardTexts(updated.value).join('\n')).toContain(
      'Los recordatorios de la tarea **1.4** quedan en pausa',
    );
    expect(cardProblems(updated.value)).toEqual([]);
    expect(
      h.app.db
        .select()
        .from(reminderAnswers)
        .all()
        .map((a) => [a.kind, a.personId]),
    ).toEqual([['postpone', person.id]]);
  });

  it('cannot reach people who never installed the bot nor wrote to it, nor a channel before installation', async () => {
    const h = await start();
    const laura = defined(personByEmail(h.app.db, LAURA), 'Laura');
    expect(h.teams.messenger.canReach(laura)).toBe(false);
    await expect(
      h.teams.messenger.toPerson(laura, { blocks: [{ kind: 'text', text: 'Hola' }] }),
    ).rejects.toThrow(UnreachableError);
    await expect(
      h.teams.messenger.toChannel({ blocks: [{ kind: 'text', text: 'Resumen' }] }),
    ).rejects.toThrow(
      'El bot aún no está instalado en un equipo de Teams; agréguelo a un equipo para enviar el resumen al canal.',
    );
    const user = h.user(LAURA, LAURA_AAD, 'Laura Benavides (ejemplo)');
    await h.post(personalMessage(connector.url, user, 'ayuda'));
    expect(h.teams.messenger.canReach(laura)).toBe(true);
    expect(connector.calls).not.toContainEqual(
      expect.objectContaining({ path: expect.stringContaining(TEAM.id) }),
    );
  });
});
