import { createHmac } from 'node:crypto';
import { LogLevel } from '@slack/bolt';
import { eq } from 'drizzle-orm';
import { registry } from '../../../commands/index.ts';
import { people } from '../../../db/schema/index.ts';
import { createSlackBot, type SlackBotOptions } from '../../../src/adapters/slack/bot.ts';
import { combine, type Feature } from '../../../src/chat/registry.ts';
import { Router } from '../../../src/chat/router.ts';
import { silentLogger } from '../../../src/domain/logger.ts';
import { testApp } from '../../helpers/app.ts';
import { loggerInto } from '../../helpers/logs.ts';
import { FakeSlack } from './fake-slack.ts';

export const SECRET = 'pruebas-secreto-de-firma-0123456789';
export const DIGEST_CHANNEL = 'C0DIGEST';

/** Signs a body as Slack does: `v0=` + HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  secret?: string;
  timestamp?: number;
  retryNum?: number;
}

/**
 * The bot on the example directory and 2026 plan, served by the real Bolt app over HTTP on loopback,
 * talking to a fake Slack Web API. `extra` adds test-only features to the real registry.
 */
export async function startSlack(
  options: {
    date?: string;
    time?: string;
    extra?: Feature;
    bot?: Partial<SlackBotOptions>;
    /** Settings on top of the test ones (other credentials…); requests are signed with its signing secret. */
    env?: NodeJS.ProcessEnv;
  } = {},
) {
  const fake = await new FakeSlack().start();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-pruebas',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_DIGEST_CHANNEL: DIGEST_CHANNEL,
    SLACK_API_URL: fake.apiUrl,
    ...options.env,
  };
  const secret = env.SLACK_SIGNING_SECRET ?? SECRET;
  const { app, clock, person } = testApp(
    options.date ?? '2026-09-07',
    options.time ?? '10:00',
    env,
    options.bot?.log ?? silentLogger,
  );
  const router = options.extra ? new Router(combine([registry, options.extra]), app.services) : app.router;
  const logs: string[] = [];
  const newBot = (extra: Partial<SlackBotOptions> = {}) =>
    createSlackBot({ db: app.db, router }, app.services.config, {
      http: { port: 0, processBeforeResponse: true },
      clientOptions: { retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
      logLevel: LogLevel.ERROR,
      linkDirectory: false,
      log: loggerInto(logs),
      ...options.bot,
      ...extra,
    });
  let bot = newBot();
  let url = `http://127.0.0.1:${(await bot.start()).port}/slack/events`;
  app.messengers.push(bot.messenger);

  /**
   * Stops the bot as a crash would (work in flight never finishes: its promises are left hanging) and
   * starts another one on the same database, as the next run of the process.
   */
  const restart = async (extra?: Partial<SlackBotOptions>) => {
    // Only the transport stops: a clean stop would wait for the work in flight, a crash does not.
    await bot.receiver.inner.stop();
    app.messengers.splice(app.messengers.indexOf(bot.messenger), 1);
    bot = newBot(extra);
    app.messengers.push(bot.messenger);
    url = `http://127.0.0.1:${(await bot.start()).port}/slack/events`;
  };

  /** Posts a signed request to /slack/events (urlencoded or JSON) and returns the HTTP response. */
  const send = async (body: string, type: string, opts: SendOptions = {}) => {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': type,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature(opts.secret ?? secret, timestamp, body),
    };
    if (opts.retryNum) {
      headers['x-slack-retry-num'] = String(opts.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    const res = await fetch(url, { method: 'POST', headers, body });
    // A slash command answered in its ack: recorded with the answers that reach its response URL.
    const id = type.startsWith('application/x-www-form-urlencoded')
      ? fake.responseId(new URLSearchParams(body).get('response_url'))
      : undefined;
    const text = id && res.status === 200 ? await res.clone().text() : '';
    if (id && text) {
      const answer = JSON.parse(text) as Record<string, unknown>;
      if (answer.text !== undefined || answer.blocks !== undefined) {
        fake.responses.push({ id, body: answer, inAck: true });
      }
    }
    return res;
  };
  const sendForm = (fields: Record<string, string>, opts?: SendOptions) =>
    send(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts);
  const sendJson = (payload: unknown, opts?: SendOptions) =>
    send(JSON.stringify(payload), 'application/json', opts);

  /** Gives a person of the directory a Slack id, as if they had been linked before. */
  const link = (email: string, slackId: string) => {
    app.db.update(people).set({ slackId }).where(eq(people.email, email)).run();
    fake.users.set(slackId, email);
  };

  return {
    fake,
    app,
    router,
    clock,
    person,
    get bot() {
      return bot;
    },
    logs,
    get url() {
      return url;
    },
    restart,
    send,
    sendForm,
    sendJson,
    link,
    async close() {
      // As before clean stops existed: work some tests leave hanging on purpose is not waited for.
      await bot.receiver.inner.stop();
      await fake.stop();
      app.db.$client.close();
    },
  };
}

export type SlackTest = Awaited<ReturnType<typeof startSlack>>;
