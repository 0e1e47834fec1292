import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../db/client.ts';
import { processes, slackInbox } from '../../db/schema/index.ts';
import { cachedView } from '../../src/domain/view-cache.ts';

/** A view that counts how often it is worked out: the processes' codes. */
function codesView() {
  let computed = 0;
  const view = (db: Parameters<typeof cachedView>[0]) =>
    cachedView(db, 'codes', () => {
      computed += 1;
      return db
        .select({ code: processes.code })
        .from(processes)
        .all()
        .map((p) => p.code);
    });
  return { view, computed: () => computed };
}

describe('views kept until the data changes', () => {
  it('works a view out once, again after a write to the data, and not after the bot’s bookkeeping', () => {
    const db = openMigratedDatabase(':memory:');
    const { view, computed } = codesView();
    expect(view(db)).toEqual([]);
    expect(view(db)).toEqual([]);
    expect(computed()).toBe(1);
    db.insert(slackInbox)
      .values({ key: 'trigger:1', body: '{}', receivedAt: '2026-09-07T15:00:00.000Z' })
      .run();
    expect(view(db)).toEqual([]);
    expect(computed()).toBe(1);
    db.insert(processes).values({ code: 'GTH', name: 'Gestión del talento humano', type: 'apoyo' }).run();
    expect(view(db)).toEqual(['GTH']);
    db.update(processes).set({ code: 'TH' }).where(eq(processes.code, 'GTH')).run();
    expect(view(db)).toEqual(['TH']);
    expect(computed()).toBe(3);
  });

  it('sees what another connection (an import from the terminal) committed, from its next turn', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mipg-vistas-')), 'mipg.db');
    const bot = openMigratedDatabase(file);
    const terminal = openMigratedDatabase(file);
    const { view } = codesView();
    expect(view(bot)).toEqual([]);
    terminal.insert(processes).values({ code: 'GF', name: 'Gestión financiera', type: 'apoyo' }).run();
    // Code running without a pause reads the data as it was when it began, as a read transaction would.
    expect(view(bot)).toEqual([]);
    await Promise.resolve();
    expect(view(bot)).toEqual(['GF']);
    bot.$client.close();
    terminal.$client.close();
  });

  it('neither keeps nor serves a view inside a transaction, whose writes may roll back', () => {
    const db = openMigratedDatabase(':memory:');
    const { view, computed } = codesView();
    expect(view(db)).toEqual([]);
    expect(() =>
      db.transaction((tx) => {
        tx.insert(processes).values({ code: 'GJ', name: 'Gestión jurídica', type: 'apoyo' }).run();
        expect(view(db)).toEqual(['GJ']);
        throw new Error('se deshace');
      }),
    ).toThrow('se deshace');
    expect(view(db)).toEqual([]);
    expect(computed()).toBe(3);
  });

  it('freezes what it keeps under the test runner, so a caller that alters a shared view fails', () => {
    const db = openMigratedDatabase(':memory:');
    db.insert(processes).values({ code: 'GD', name: 'Gestión documental', type: 'apoyo' }).run();
    const codes = cachedView(db, 'frozen', () => [{ code: 'GD' }]);
    expect(() => {
      (codes[0] as { code: string }).code = 'otro';
    }).toThrow(TypeError);
  });
});
