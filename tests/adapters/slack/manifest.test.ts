import { readFileSync } from 'node:fs';
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

describe('the Slack app manifest an IT person installs', () => {
  it('declares a slash command for every command of the bot', () => {
    const declared = new Set(commands.map((c) => c.command));
    const missing = registry.commands.map((c) => `/${c.name}`).filter((name) => !declared.has(name));
    expect(missing).toEqual([]);
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
});
