import { openMigratedDatabase } from '../../../db/client.ts';
import { startTeams, type TeamsServer } from '../../../src/adapters/teams/server.ts';
import { type App, createApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { type Logger, silentLogger } from '../../../src/domain/logger.ts';
import { TestClock } from '../../helpers/app.ts';
import { loggerInto } from '../../helpers/logs.ts';
import { TENANT, type TeamsUser } from './activities.ts';
import { FakeConnector } from './fake-connector.ts';

export interface Harness {
  app: App;
  clock: TestClock;
  connector: FakeConnector;
  teams: TeamsServer;
  logs: string[];
  /** Posts an activity to `/api/messages` as Teams would; returns the status and the parsed body. */
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown }>;
  /** A Teams user whose member profile (e-mail) the fake connector knows. */
  user(email: string, aadObjectId: string, name?: string): TeamsUser;
  stop(): Promise<void>;
}

/** The bot on loopback (port 0) with its replies going to a fake Bot Connector. */
export async function teamsHarness(
  options: {
    file?: string;
    env?: NodeJS.ProcessEnv;
    connector?: FakeConnector;
    /** With credentials: where the token signing keys are fetched (default: the fake connector). */
    authKeysUrl?: string;
    /** The bot's log (default: one that keeps each message in `logs`). */
    log?: Logger;
  } = {},
): Promise<Harness> {
  const connector = options.connector ?? (await FakeConnector.start());
  const clock = new TestClock('2026-09-07');
  const config = loadConfig({ TEAMS_ENABLED: 'true', ...options.env });
  const app = createApp(config, clock, silentLogger, openMigratedDatabase(options.file ?? ':memory:'));
  const logs: string[] = [];
  // With credentials, tokens are checked against the keys the fake connector publishes, never the internet.
  const botFrameworkAuth = config.TEAMS_APP_ID
    ? {
        ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
        ToChannelFromBotOAuthScope: 'https://api.botframework.com',
        ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
        OAuthUrl: 'https://api.botframework.com',
        ToBotFromChannelOpenIdMetadataUrl: options.authKeysUrl ?? connector.authKeysUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: options.authKeysUrl ?? connector.authKeysUrl,
        CallerId: 'urn:botframework:azure',
      }
    : undefined;
  const teams = await startTeams({
    app,
    config,
    log: options.log ?? loggerInto(logs),
    port: 0,
    ...(botFrameworkAuth ? { botFrameworkAuth } : {}),
  });
  app.messengers.push(teams.messenger);
  return {
    app,
    clock,
    connector,
    teams,
    logs,
    async post(activity, headers = {}) {
      const response = await fetch(`http://127.0.0.1:${teams.port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // Not JSON (an error text): keep it as is.
      }
      return { status: response.status, body };
    },
    user(email, aadObjectId, name = email) {
      const id = `29:1${aadObjectId.replace(/-/g, '')}`;
      connector.members.set(id, {
        id,
        name,
        aadObjectId,
        email,
        userPrincipalName: email,
        tenantId: TENANT,
        userRole: 'user',
      });
      return { id, name, aadObjectId };
    },
    async stop() {
      await teams.stop();
      app.db.$client.close();
      if (!options.connector) await connector.stop();
    },
  };
}
