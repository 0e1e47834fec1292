import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call as the fake received it: `blocks`, `view` and other JSON fields already parsed. */
export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
}

type Handler = (args: Record<string, unknown>) => Record<string, unknown>;

function parseBody(raw: string, type: string | undefined): Record<string, unknown> {
  if (type?.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A small Slack Web API on loopback: records every call and answers like Slack does. Response URLs
 * (`/response/<id>`) and file uploads land here too. `rateLimit` makes chosen calls answer 429.
 */
export class FakeSlack {
  readonly calls: ApiCall[] = [];
  /**
   * Answers to requests that carry a response URL: posted to it, or (`inAck`) given in the HTTP response
   * to the request itself, as a slash command may be answered (the test harness records those).
   */
  readonly responses: { id: string; body: Record<string, unknown>; inAck?: true }[] = [];
  /** Slack users by id: their e-mail, for users.info and users.lookupByEmail. */
  readonly users = new Map<string, string>();
  /** Seconds of Retry-After to answer a call with 429, or undefined to serve it. */
  rateLimit: (method: string) => number | undefined = () => undefined;
  rateLimited = 0;
  /** Milliseconds a call waits before it is answered (a slow Slack). */
  latency: (method: string) => number = () => 0;
  /** Paths (`/api/<method>`, `/response/<id>`) whose connection is cut with no answer, as a blocked network. */
  refuse: (path: string) => boolean = () => false;
  /** Paths left hanging, never answered (a Slack that stopped responding). */
  stall: (path: string) => boolean = () => false;
  /** The paths of the requests left hanging so far. */
  readonly stalled: string[] = [];
  private server: Server | undefined;
  private ts = 0;
  private readonly handlers: Record<string, Handler> = {
    'auth.test': () => ({ user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0PASTO', user: 'mipg' }),
    'chat.postMessage': (a) => {
      const channel = String(a.channel);
      return { channel: channel.startsWith('U') ? `D${channel.slice(1)}` : channel, ts: this.nextTs() };
    },
    'chat.postEphemeral': () => ({ message_ts: this.nextTs() }),
    'chat.update': (a) => ({ channel: a.channel, ts: a.ts }),
    'views.open': () => ({ view: { id: 'V0MODAL' } }),
    'views.publish': () => ({ view: { id: 'V0HOME' } }),
    'conversations.open': (a) => ({ channel: { id: `D${String(a.users).slice(1)}` } }),
    'users.info': (a) => {
      const email = this.users.get(String(a.user));
      return email ? { user: { id: a.user, profile: { email } } } : { ok: false, error: 'user_not_found' };
    },
    'users.lookupByEmail': (a) => {
      const id = [...this.users].find(([, email]) => email === a.email)?.[0];
      return id ? { user: { id } } : { ok: false, error: 'users_not_found' };
    },
    'files.getUploadURLExternal': () => ({ upload_url: `${this.base}/upload/F0FILE`, file_id: 'F0FILE' }),
    'files.completeUploadExternal': () => ({ files: [{ id: 'F0FILE' }] }),
  };

  get base(): string {
    const port = (this.server?.address() as AddressInfo | undefined)?.port;
    return `http://127.0.0.1:${port}`;
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.base}/response/${id}`;
  }

  /** The id of one of this fake's response URLs, or undefined for another URL. */
  responseId(url: string | null): string | undefined {
    const prefix = `${this.base}/response/`;
    return url?.startsWith(prefix) ? url.slice(prefix.length) : undefined;
  }

  /** Replaces how the fake answers one method (e.g. `auth.test` with `{ ok: false, error: 'invalid_auth' }`). */
  answer(method: string, handler: Handler): void {
    this.handlers[method] = handler;
  }

  /** Calls of one method, in order. */
  called(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  private nextTs(): string {
    this.ts += 1;
    return `1790000000.${String(this.ts).padStart(6, '0')}`;
  }

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const raw = await readBody(req);
      const path = req.url ?? '';
      if (this.refuse(path)) return req.socket.destroy();
      if (this.stall(path)) {
        this.stalled.push(path);
        return;
      }
      const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (path.startsWith('/response/')) {
        this.responses.push({ id: path.slice('/response/'.length), body: JSON.parse(raw) });
        return reply(200, { ok: true });
      }
      if (path.startsWith('/upload/')) return reply(200, { ok: true });
      const method = path.replace(/^\/api\//, '');
      const retryAfter = this.rateLimit(method);
      if (retryAfter !== undefined) {
        this.rateLimited += 1;
        return reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
      }
      const args = parseBody(raw, req.headers['content-type']);
      this.calls.push({ method, args });
      const wait = this.latency(method);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const handler = this.handlers[method];
      reply(200, handler ? { ok: true, ...handler(args) } : { ok: true });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
