import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliveries, reminderAnswers, sentMessages } from '../../../db/schema/index.ts';
import { deliveriesCommand } from '../../../src/cli/digest.ts';
import { SYSTEM } from '../../../src/domain/audit/log.ts';
import { personByEmail } from '../../../src/domain/directory/people.ts';
import { silentLogger } from '../../../src/domain/logger.ts';
import { currentPlan, tasksOf } from '../../../src/domain/tasks/store.ts';
import { TASK_REMINDER_KIND, taskReminderReply } from '../../../src/scheduler/reminders/messages.ts';
import { claimAndSend, retryDue, type SendDeps } from '../../../src/scheduler/send.ts';
import { COORDINATOR } from '../../helpers/app.ts';
import { personalConversationOf, personalMessage, type TeamsUser } from './activities.ts';
import { defined, texts } from './card-helpers.ts';
import { FakeConnector } from './fake-connector.ts';
import { type Harness, teamsHarness } from './harness.ts';

const COORDINATOR_AAD = '0c000000-0000-4000-8000-00000000c001';
const LAURA = 'laura.benavides@ejemplo.pasto.gov.co';
const LAURA_AAD = '0c000000-0000-4000-8000-00000000c003';

function sendDeps(h: Harness): SendDeps {
  return {
    db: h.app.db,
    clock: h.clock,
    messengers: () => h.app.messengers,
    log: silentLogger,
    instance: 'prueba',
  };
}

/** The reminder of task 1.4 for the coordinator, through the scheduler's ledger. */
function reminderFor(h: Harness) {
  const person = defined(personByEmail(h.app.db, COORDINATOR), 'coordinator');
  const plan = defined(currentPlan(h.app.db, 2026), 'plan 2026');
  const task = defined(
    tasksOf(h.app.db, plan.id, '2026-09-07').find((t) => t.code === '1.4'),
    'task 1.4',
  );
  const reminder = { date: '2026-09-07', reason: { type: 'before' as const, days: 5 } };
  return {
    kind: TASK_REMINDER_KIND,
    period: '2026:1.4:2026-09-07',
    to: person,
    about: { kind: TASK_REMINDER_KIND, subject: '1.4' },
    build: () => taskReminderReply(h.app.db, task, reminder, { canPostpone: true }),
  };
}

function ledger(h: Harness) {
  return h.app.db
    .select()
    .from(deliveries)
    .all()
    .map((d) => ({
      status: d.status,
      attempts: d.attempts,
      messageId: d.messageId,
      lastError: d.lastError,
      nextAttemptAt: d.nextAttemptAt,
    }));
}

/** What `npx mipg envios --estado fallido` prints. */
async function failedSends(h: Harness): Promise<string> {
  const out: string[] = [];
  const env = {
    config: h.app.services.config,
    db: h.app.db,
    clock: h.clock,
    author: SYSTEM,
    log: silentLogger,
    out: (text: string) => out.push(text),
    err: (text: string) => out.push(text),
    write: () => {},
  };
  await deliveriesCommand.run({ positional: [], options: { estado: 'fallido' } }, env);
  return out.join('\n');
}

describe('Teams: a send the Bot Connector refuses is a failure, never a success', () => {
  let h: Harness;
  let coordinator: TeamsUser;

  beforeEach(async () => {
    h = await teamsHarness();
    coordinator = h.user(COORDINATOR, COORDINATOR_AAD, 'Coordinación MIPG (ejemplo)');
    // Writing to the bot once gives it the personal chat it sends reminders to.
    await h.post(personalMessage(h.connector.url, coordinator, 'hola'));
    h.connector.clear();
  });
  afterEach(() => h.stop());

  it('records a reminder refused with 502 as failed and sends it on the retry a minute later', async () => {
    h.connector.refuseNewMessages(502);
    const deps = sendDeps(h);
    expect(await claimAndSend(deps, reminderFor(h), { dueAt: h.clock.now(), late: false })).toEqual([
      'failed',
    ]);
    expect(ledger(h)).toEqual([
      {
        status: 'failed',
        attempts: 1,
        messageId: null,
        lastError: 'Teams rechazó el envío: HTTP 502 ServiceError «Bad gateway»',
        nextAttemptAt: '2026-09-07T15:01:00.000Z',
      },
    ]);
    expect(h.app.db.select().from(sentMessages).all()).toEqual([]);

    h.connector.acceptNewMessages();
    h.clock.set('2026-09-07', '10:01');
    expect(await retryDue(deps)).toBe(1);
    const sent = h.connector.messages().filter((c) => c.sentId);
    expect(sent.map((c) => c.conversation)).toEqual([personalConversationOf(coordinator).id]);
    expect(ledger(h)).toEqual([
      { status: 'sent', attempts: 2, messageId: sent[0]?.sentId, lastError: null, nextAttemptAt: null },
    ]);
    // Answers to the reminder find it by the id Teams gave it.
    expect(
      h.app.db
        .select()
        .from(sentMessages)
        .all()
        .map((m) => m.messageId),
    ).toEqual([sent[0]?.sentId]);
  });

  it('gives up after five refusals (404) and shows the error in npx mipg envios', async () => {
    h.connector.refuseNewMessages(404, personalConversationOf(coordinator).id);
    const deps = sendDeps(h);
    await claimAndSend(deps, reminderFor(h), { dueAt: h.clock.now(), late: false });
    for (const time of ['10:01', '10:06', '10:21', '11:21']) {
      h.clock.set('2026-09-07', time);
      expect(await retryDue(deps)).toBe(1);
    }
    h.clock.set('2026-09-08', '10:00');
    expect(await retryDue(deps)).toBe(0);
    expect(ledger(h)).toEqual([
      {
        status: 'failed',
        attempts: 5,
        messageId: null,
        lastError: 'Teams rechazó el envío: HTTP 404 ConversationNotFound «Conversation not found.»',
        nextAttemptAt: null,
      },
    ]);
    const printed = await failedSends(h);
    expect(printed).toMatch(
      /recordatorio\.tarea\s+2026:1\.4:2026-09-07\s+Coordinación MIPG \(ejemplo\) \(Teams\)\s+fallido\s+5\s+Teams rechazó el envío: HTTP 404 ConversationNotFound «Conversation not found\.» · sin más reintentos/,
    );
  });

  it('tells someone who asks for help that the coordination could not be told, and stores no message without an id', async () => {
    const laura = h.user(LAURA, LAURA_AAD, 'Laura Benavides (ejemplo)');
    h.connector.refuseNewMessages(404, personalConversationOf(coordinator).id);
    await h.post(personalMessage(h.connector.url, laura, 'necesito-ayuda 2.3 No tengo acceso a la carpeta'));
    const answer = h.connector.messages().find((c) => c.conversation === personalConversationOf(laura).id);
    const said = texts(FakeConnector.card(answer)).join('\n');
    expect(said).toContain('No se pudo avisar en este momento a Coordinación MIPG (ejemplo)');
    expect(said).not.toContain('Se avisó a la coordinación MIPG');
    // The request itself is kept: the digest and /pendientes show it.
    expect(
      h.app.db.select().from(reminderAnswers).where(eq(reminderAnswers.kind, 'help')).all(),
    ).toHaveLength(1);
    expect(h.app.db.select().from(sentMessages).all()).toEqual([]);
  });

  it('tells the person in plain text when Teams refuses the card that answers them', async () => {
    h.connector.refuseCards(413);
    const response = await h.post(personalMessage(h.connector.url, coordinator, 'tareas'));
    expect(response.status).toBe(200);
    const [refused, told] = h.connector.messages();
    expect(refused?.sentId).toBeUndefined();
    expect(told?.body.text).toBe(
      'Teams no aceptó mi respuesta, así que no la verá aquí. Intente de nuevo en unos minutos; si se repite, avise a la coordinación MIPG.',
    );
    expect(told?.conversation).toBe(personalConversationOf(coordinator).id);
    expect(h.logs).toContain(
      'Teams no aceptó una respuesta: Teams rechazó el envío: HTTP 413 MessageSizeTooBig «Message size too large.»',
    );
  });
});
