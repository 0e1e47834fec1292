import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const core = ['commands', 'src/domain', 'src/chat', 'src/scheduler'];
const sdk =
  /from\s+['"](@slack\/|@microsoft\/|botbuilder|botframework)|import\(\s*['"](@slack\/|@microsoft\/|botbuilder)/;

function sources(dir: string): string[] {
  const full = join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(full);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(full, name);
    if (statSync(path).isDirectory()) return sources(relative(root, path));
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('the platform-neutral core', () => {
  it('has sources to check', () => {
    expect(sources('commands').length).toBeGreaterThan(3);
    expect(sources('src/domain').length).toBeGreaterThan(3);
  });

  it('imports no Slack, Teams or Bot Framework SDK', () => {
    const leaks = core
      .flatMap(sources)
      .filter((file) => sdk.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(leaks).toEqual([]);
  });

  it('would catch an SDK import', () => {
    expect(sdk.test("import { App } from '@slack/bolt';")).toBe(true);
    expect(sdk.test("import { TurnContext } from 'botbuilder';")).toBe(true);
    expect(sdk.test("import { Application } from '@microsoft/teams-ai';")).toBe(true);
    expect(sdk.test("import { z } from 'zod/v4';")).toBe(false);
  });

  it('never reads the wall clock in the core, except the system clock itself', () => {
    const offenders = ['commands', 'src/domain', 'src/chat', 'src/scheduler']
      .flatMap(sources)
      .filter((file) => relative(root, file) !== join('src', 'domain', 'clock.ts'))
      .filter((file) => /new Date\(\)|Date\.now\(\)/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });
});
