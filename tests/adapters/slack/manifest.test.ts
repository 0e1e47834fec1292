import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registry } from '../../../commands/index.ts';

interface Manifest {
  display_information: { name: string; description: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    slash_commands: { command: string; description: string; usage_hint?: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[] };
    interactivity: { is_enabled: boolean };
    socket_mode_enabled: boolean;
  };
}

const manifest = JSON.parse(
  readFileSync(new URL('../../../slack/manifest.json', import.meta.url), 'utf8'),
) as Manifest;
const commands = manifest.features.slash_commands;
const root = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const slackSection = readme.slice(readme.indexOf('## Slack'), readme.indexOf('## Microsoft Teams'));

/**
 * The words that pick a topic in a command's usage lines: those right after the command, before the
 * first placeholder (`/estado indicadores [periodo]` → indicadores), and the literal choices of a
 * leading `[a|b|<c>]` (→ a, b).
 */
function topics(name: string, usage: string[]): string[] {
  const words: string[] = [];
  for (const part of usage.flatMap((line) => line.split(' · '))) {
    const rest = part.replace(`/${name}`, '').split('—')[0]?.trim() ?? '';
    const choices = /^\[([^\]]*)\]/.exec(rest)?.[1] ?? '';
    words.push(...choices.split('|').filter((w) => /^[a-z]+$/.test(w)));
    for (const token of rest.split(/\s+/)) {
      if (!/^[a-záéíóúñ-]+$/.test(token)) break;
      words.push(token);
    }
  }
  return [...new Set(words)];
}

/** Every Web API method the Slack adapter calls, read from its sources. */
function apiMethodsUsed(): string[] {
  const dir = join(root, 'src/adapters/slack');
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const methods = files.flatMap((f) =>
    [...readFileSync(join(dir, f), 'utf8').matchAll(/\bclient\.([a-zA-Z.]+[a-zA-Z0-9])\(/g)].map(
      (m) => m[1] ?? '',
    ),
  );
  return [...new Set(methods)].sort();
}

/** The bot scopes each method needs (Slack's method reference pages); the app token opens Socket Mode. */
const SCOPES_OF: Record<string, string[]> = {
  'apps.connections.open': [],
  'auth.test': [],
  'chat.postEphemeral': ['chat:write'],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'conversations.open': ['im:write'],
  filesUploadV2: ['files:write'],
  'users.info': ['users:read'],
  'users.lookupByEmail': ['users:read.email'],
  'views.open': [],
  'views.publish': [],
};

/** The scope each subscribed event needs. */
const EVENT_SCOPE: Record<string, string | undefined> = {
  app_home_opened: undefined,
  'message.im': 'im:history',
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
};

describe('the Slack app manifest an IT person installs', () => {
  it('declares a slash command for every command of the bot', () => {
    const declared = new Set(commands.map((c) => c.command));
    const missing = registry.commands.map((c) => `/${c.name}`).filter((name) => !declared.has(name));
    expect(missing).toEqual([]);
  });

  it('hints every topic of each command, as its usage lines name them', () => {
    const missing = registry.commands.flatMap((c) => {
      const hint = commands.find((d) => d.command === `/${c.name}`)?.usage_hint ?? '';
      return topics(c.name, c.usage)
        .filter((word) => !new RegExp(`(^|[^a-záéíóúñ])${word}($|[^a-záéíóúñ])`).test(hint))
        .map((word) => `/${c.name} ${word}`);
    });
    expect(missing).toEqual([]);
    expect(topics('estado', registry.commands.find((c) => c.name === 'estado')?.usage ?? [])).toEqual([
      'tareas',
      'plan',
      'indicadores',
      'riesgos',
      'alcance',
    ]);
  });

  it('keeps slash commands within Slack’s rules', () => {
    for (const c of commands) {
      expect(c.command).toMatch(/^\/[a-z0-9_-]{1,31}$/);
      expect(c.description.length).toBeGreaterThan(0);
      expect((c.usage_hint ?? '').length).toBeLessThanOrEqual(1000);
    }
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
  });

  it('asks for what the adapter uses: Socket Mode, interactivity, App Home, DMs and e-mail lookups', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_home_opened', 'message.im']),
    );
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining([
        'commands',
        'chat:write',
        'im:write',
        'im:history',
        'users:read',
        'users:read.email',
        'files:write',
      ]),
    );
  });

  it('asks for the scopes of every Web API method the adapter calls, none of them channels:history', () => {
    const used = apiMethodsUsed();
    expect(used.filter((m) => !(m in SCOPES_OF))).toEqual([]);
    const needed = new Set(used.flatMap((m) => SCOPES_OF[m] ?? []));
    expect([...needed].filter((scope) => !manifest.oauth_config.scopes.bot.includes(scope))).toEqual([]);
    expect(needed.has('channels:history') || needed.has('groups:history')).toBe(false);
  });

  it('says in the README why each scope is asked for, and how to do without channels:history', () => {
    for (const scope of manifest.oauth_config.scopes.bot) {
      expect(slackSection, scope).toMatch(new RegExp(`\\| \`${scope.replace('.', '\\.')}\` \\| .{20,}`));
    }
    expect(slackSection).toContain('Sin `channels:history`');
    // The README's recipe: drop those scopes and their events; every event left still has its scope.
    const scopes = manifest.oauth_config.scopes.bot.filter((s) => !/^(channels|groups):history$/.test(s));
    const events = manifest.settings.event_subscriptions.bot_events.filter(
      (e) => e !== 'message.channels' && e !== 'message.groups',
    );
    for (const event of manifest.settings.event_subscriptions.bot_events) {
      expect(EVENT_SCOPE, event).toHaveProperty(event);
    }
    expect(events.filter((e) => EVENT_SCOPE[e] && !scopes.includes(EVENT_SCOPE[e] ?? ''))).toEqual([]);
    expect(events).toEqual(expect.arrayContaining(['app_home_opened', 'message.im']));
  });
});
