import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHANNEL_ISSUER, publishedKeys } from './tokens.ts';

/** One request the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  /** The path with the conversation and activity ids decoded. */
  path: string;
  conversation: string;
  /** The activity id in the path: what a reply answers or an update replaces. */
  activityId?: string;
  body: Record<string, unknown>;
  /** The id the connector gave a sent message (what the bot stores as its message id). */
  sentId?: string;
}

/** A Teams member profile, as `GET /v3/conversations/{id}/members/{userId}` returns it. */
export interface TeamsMember {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
  userPrincipalName: string;
  tenantId: string;
  userRole: 'user';
}

async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** The Bot Connector's error body (`ErrorResponse`) for the statuses the tests use. */
function errorBody(status: number): { error: { code: string; message: string } } {
  if (status === 404) return { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } };
  if (status === 413) return { error: { code: 'MessageSizeTooBig', message: 'Message size too large.' } };
  return { error: { code: 'ServiceError', message: 'Bad gateway' } };
}

const OPENID_PATH = '/v1/.well-known/openidconfiguration';

function hasCard(body: Record<string, unknown>): boolean {
  const attachments = body.attachments as { contentType?: string }[] | undefined;
  return Boolean(attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive'));
}

/**
 * A small stand-in for the Bot Connector on loopback: it records every call, answers sends with an
 * id and answers member lookups from `members`. Activities point their `serviceUrl` at `url`.
 */
export class FakeConnector {
  readonly calls: ConnectorCall[] = [];
  readonly members = new Map<string, TeamsMember>();
  /** Conversations whose new messages the connector refuses, with the HTTP status it answers. */
  private readonly refusals = new Map<string, number>();
  /** The HTTP status every message holding an Adaptive Card gets, when cards are refused. */
  private cardRefusal: number | undefined;
  private count = 0;
  /** Milliseconds before a message is answered (a slow Bot Connector). */
  latency: (call: ConnectorCall) => number = () => 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeConnector> {
    let connector: FakeConnector | undefined;
    const server = createServer((req, res) => {
      void connector?.handle(req).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    connector = new FakeConnector(server, `http://127.0.0.1:${port}/`);
    return connector;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    // Where the Bot Framework publishes the keys its tokens are signed with (see authKeysUrl).
    if (path === OPENID_PATH)
      return { status: 200, body: { issuer: CHANNEL_ISSUER, jwks_uri: `${this.url}v1/keys` } };
    if (path === '/v1/keys') return { status: 200, body: publishedKeys() };
    const parts = path.split('/').map(decodeURIComponent);
    // ['', 'v3', 'conversations', <conversation>, 'activities' | 'members', <id>?]
    const [, , , conversation = '', kind, id] = parts;
    const body = await bodyOf(req);
    const method = req.method ?? 'GET';
    const call: ConnectorCall = {
      method,
      path: parts.join('/'),
      conversation,
      ...(id ? { activityId: id } : {}),
      body,
    };
    this.calls.push(call);
    if (kind === 'members' && id) {
      const member = this.members.get(id);
      return member
        ? { status: 200, body: member }
        : { status: 404, body: { error: { code: 'MemberNotFoundInConversation', message: 'Not found' } } };
    }
    const refusal = this.refusals.get(conversation) ?? this.refusals.get('*');
    if (kind === 'activities' && method === 'POST' && !id && refusal) {
      return { status: refusal, body: errorBody(refusal) };
    }
    if (kind === 'activities' && this.cardRefusal && hasCard(body)) {
      return { status: this.cardRefusal, body: errorBody(this.cardRefusal) };
    }
    if (kind === 'activities') {
      const wait = this.latency(call);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.count += 1;
      call.sentId = method === 'PUT' && id ? id : `respuesta-${this.count}`;
      return { status: 200, body: { id: call.sentId } };
    }
    return { status: 404, body: { error: { code: 'NotFound', message: 'Unknown path' } } };
  }

  /** The OpenID metadata that names the keys of tests/adapters/teams/tokens.ts, as login.botframework.com does. */
  get authKeysUrl(): string {
    return `${this.url}${OPENID_PATH.slice(1)}`;
  }

  /** Messages the bot sent or updated (replies, proactive sends, in-place updates). */
  messages(): ConnectorCall[] {
    return this.calls.filter((c) => c.path.includes('/activities') && c.body.type === 'message');
  }

  /** The Adaptive Card of a sent message. */
  static card(
    call: ConnectorCall | undefined,
  ): Record<string, unknown> & { body: Record<string, unknown>[] } {
    const attachments = call?.body.attachments as { contentType: string; content: unknown }[] | undefined;
    const card = attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    if (!card) throw new Error(`no Adaptive Card in ${JSON.stringify(call?.body)}`);
    return card.content as Record<string, unknown> & { body: Record<string, unknown>[] };
  }

  /**
   * Makes the connector refuse new messages (proactive sends, not replies to a person's message) in
   * one conversation, or in every one, with an HTTP error as the Bot Connector answers it.
   */
  refuseNewMessages(status: number, conversation = '*'): void {
    this.refusals.set(conversation, status);
  }

  acceptNewMessages(): void {
    this.refusals.clear();
  }

  /** Makes the connector refuse every message that holds an Adaptive Card (as a too large one is). */
  refuseCards(status: number): void {
    this.cardRefusal = status;
  }

  clear(): void {
    this.calls.length = 0;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}
