import { describe, expect, it } from 'vitest';
import { people, sentMessages, teamsConversations } from '../../../db/schema/index.ts';
import { publicSite } from '../../../src/domain/publication/site.ts';
import { testApp } from '../../helpers/app.ts';
import { fixtureCuts, fixturePlan } from './fixtures.ts';

/**
 * The bot's real database (migrated, with the 2026 plan and the example directory), given the chat ids
 * Slack and Teams would give its people: every e-mail, Slack id, Teams id and conversation id it holds is
 * planted in the snapshots' free text, and none reaches the public site.
 */
function databaseWithChatIds() {
  const { app } = testApp();
  const db = app.db;
  const rows = db.select().from(people).all();
  rows.forEach((person, i) => {
    const n = String(i + 1).padStart(4, '0');
    const aad = `${(i + 1).toString(16).padStart(8, '0')}-7d2c-4b1e-9a3f-${(i + 1).toString(16).padStart(12, 'a')}`;
    db.$client
      .prepare('UPDATE people SET slack_id = ?, teams_id = ? WHERE id = ?')
      .run(`U0${n}SLACK`, aad, person.id);
    const conversation = `a:1${n}PersonalChatWithTheBotXyZ`;
    db.insert(teamsConversations)
      .values({
        conversationId: conversation,
        scope: 'personal',
        personId: person.id,
        reference: {
          conversation: { id: conversation },
          user: { id: `29:1${n}TeamsUserIdAbc`, aadObjectId: aad },
        },
        updatedAt: '2026-09-01T15:00:00Z',
      })
      .run();
    db.insert(sentMessages)
      .values({
        platform: 'slack',
        conversation: `D0${n}DMCH`,
        messageId: `1757000000.00${n}`,
        kind: 'recordatorio',
        subject: '1.1',
        personId: person.id,
        sentAt: '2026-09-01T15:00:00Z',
      })
      .run();
  });
  db.insert(teamsConversations)
    .values({
      conversationId: '19:0a1b2c3d4e5f60718293a4b5c6d7e8f9@thread.tacv2',
      scope: 'channel',
      teamId: '19:ffeeddccbbaa00998877665544332211@thread.tacv2',
      name: 'Planeación MIPG',
      reference: { conversation: { id: '19:0a1b2c3d4e5f60718293a4b5c6d7e8f9@thread.tacv2' } },
      installedAt: '2026-08-01T15:00:00Z',
      updatedAt: '2026-08-01T15:00:00Z',
    })
    .run();
  return db;
}

/** Every identifier the database holds for a person or a conversation, read back from its tables. */
function identifiersIn(db: ReturnType<typeof databaseWithChatIds>): { names: string[]; ids: string[] } {
  const sqlite = db.$client;
  const column = (sql: string) =>
    (sqlite.prepare(sql).all() as { v: string | null }[]).flatMap((r) => (r.v ? [r.v] : []));
  const referenceIds = column('SELECT reference AS v FROM teams_conversations').flatMap((json) =>
    [...json.matchAll(/"(?:id|aadObjectId)":"([^"]+)"/g)].map((m) => m[1] ?? ''),
  );
  const ids = [
    ...column('SELECT email AS v FROM people'),
    ...column('SELECT slack_id AS v FROM people'),
    ...column('SELECT teams_id AS v FROM people'),
    ...column('SELECT conversation_id AS v FROM teams_conversations'),
    ...column('SELECT team_id AS v FROM teams_conversations'),
    ...column('SELECT conversation AS v FROM sent_messages'),
    ...column('SELECT conversation AS v FROM deliveries'),
    ...referenceIds,
  ];
  return { names: column('SELECT name AS v FROM people'), ids: [...new Set(ids)] };
}

describe('the public site and the bot database', () => {
  it('shows none of the e-mails, Slack ids, Teams ids or conversation ids the database holds', () => {
    const db = databaseWithChatIds();
    const secrets = identifiersIn(db);
    expect(secrets.ids.filter((v) => v.includes('@ejemplo.pasto.gov.co')).length).toBeGreaterThan(20);
    expect(secrets.ids.filter((v) => /^U0\d{4}SLACK$/.test(v)).length).toBe(secrets.names.length);
    expect(secrets.ids.filter((v) => v.startsWith('29:')).length).toBe(secrets.names.length);
    expect(secrets.ids).toContain('19:0a1b2c3d4e5f60718293a4b5c6d7e8f9@thread.tacv2');

    const site = publicSite(fixturePlan(secrets), fixtureCuts(secrets), '2026-09-07T15:30:00Z');
    const leaks: string[] = [];
    for (const [path, content] of site) {
      const body = content.toString().toLowerCase();
      for (const secret of [...secrets.ids, ...secrets.names]) {
        if (body.includes(secret.toLowerCase())) leaks.push(`${path}: ${secret}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(site.get('index.html')?.toString()).toContain(
      'Política de Planeación Institucional 2026 ([dato omitido])',
    );
  });
});
