import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCircles, importMap, importsOf, listSources, roomOf, wrongWayImports } from './import-map.ts';

const root = join(import.meta.dirname, '..');
const core = ['commands', 'src/domain', 'src/chat', 'src/scheduler'];
const sdk =
  /from\s+['"](@slack\/|@microsoft\/|botbuilder|botframework)|import\(\s*['"](@slack\/|@microsoft\/|botbuilder)/;

const sources = (dir: string) => listSources(root, dir).map((file) => join(root, file));

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

describe('the import map: data flows one way', () => {
  const map = importMap(root);

  it('covers every room', () => {
    const seen = new Set([...map.keys()].map(roomOf));
    for (const room of [
      'db',
      'domain',
      'chat',
      'views',
      'seed',
      'scheduler',
      'commands',
      'adapters',
      'cli',
    ]) {
      expect(seen.has(room as ReturnType<typeof roomOf>), room).toBe(true);
    }
  });

  it('db imports nothing from src/ or commands/', () => {
    const up = [...map].flatMap(([file, targets]) =>
      file.startsWith('db/') ? targets.filter((t) => !t.startsWith('db/')).map((t) => `${file} → ${t}`) : [],
    );
    expect(up).toEqual([]);
  });

  it('the domain imports nothing from commands, the views, the scheduler or the adapters', () => {
    const up = [...map].flatMap(([file, targets]) =>
      roomOf(file) === 'domain'
        ? targets
            .filter((t) => !['domain', 'db', 'config'].includes(roomOf(t) ?? ''))
            .map((t) => `${file} → ${t}`)
        : [],
    );
    expect(up).toEqual([]);
  });

  it('no file imports a room above its own', () => {
    expect(wrongWayImports(map)).toEqual([]);
  });

  it('has no import circle', () => {
    expect(importCircles(map)).toEqual([]);
  });

  it('would catch a wrong-way import and a circle', () => {
    const bad = new Map([
      ['src/domain/a.ts', ['src/views/b.ts']],
      ['src/views/b.ts', ['src/domain/a.ts']],
      ['db/c.ts', ['src/domain/a.ts']],
    ]);
    expect(wrongWayImports(bad)).toEqual(['db/c.ts → src/domain/a.ts', 'src/domain/a.ts → src/views/b.ts']);
    expect(importCircles(bad)).toEqual([['src/domain/a.ts', 'src/views/b.ts']]);
    expect(
      importsOf(
        'commands/x.ts',
        "import type { A } from '../src/chat/reply.ts';\nexport { b } from './y.ts';\nawait import('../db/z.ts');",
      ),
    ).toEqual(['src/chat/reply.ts', 'commands/y.ts', 'db/z.ts']);
  });
});
