import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BuiltDataset, buildDataset, type DatasetSize, leaderEmail } from '../../bench/dataset.ts';
import { benchApp, speakersOf } from '../../bench/operations.ts';
import type { App } from '../../src/app.ts';
import type { Block, Reply } from '../../src/chat/reply.ts';

/**
 * The scale data set's generator at a CI size, checked against counts worked out by hand from its rules
 * (written out again here, not imported): a fast but wrong path in /estado tareas or /pendientes fails.
 *
 * Rules, for task index i (0-based, over all five plans): it ends on the 28th of month (i mod 12) + 1 of
 * 2026 and starts on the 1st; every hundredth from 7 on (i mod 100 = 7) is shared, one part per process,
 * and names the coordination's team; the others name «Equipo P00k» with k = i mod processes, and every
 * tenth from 5 on (i mod 10 = 5) names the next process's team too; a task is done when i mod 5 = 0 and it
 * ends by September (never a shared one). The bench looks at 7 September 2026.
 */
const SIZE: DatasetSize = { tasks: 240, processes: 7, people: 60, indicators: 14, risks: 21 };

let built: BuiltDataset;
let app: App;

beforeAll(async () => {
  built = await buildDataset(SIZE);
  built.db.$client.close();
  app = benchApp(built.file);
}, 60_000);

afterAll(() => app?.db.$client.close());

function fields(reply: Reply): Record<string, string> {
  const block = reply.blocks.find((b): b is Extract<Block, { kind: 'fields' }> => b.kind === 'fields');
  return Object.fromEntries((block?.fields ?? []).map((f) => [f.label, f.value]));
}

function list(reply: Reply, title: string) {
  const block = reply.blocks.find(
    (b): b is Extract<Block, { kind: 'list' }> => b.kind === 'list' && b.title === title,
  );
  if (!block) throw new Error(`no list «${title}»`);
  return block;
}

/** The task labels (`2.3`, `PTH 1.4`) of every page of one list of a command's reply. */
async function labelsOf(say: (text: string) => Promise<Reply>, command: string, title: string) {
  const labels: string[] = [];
  for (let page = 1; ; page += 1) {
    const block = list(await say(page === 1 ? command : `${command} pagina ${page}`), title);
    labels.push(...block.items.map((item) => /\*([^*]+)\*/.exec(item)?.[1] ?? item));
    if (!block.more) return labels;
  }
}

/** The plan and code of task i: 60 % in the PPI, then 10 % in each of PTH, PAA, PETI, PINAR; 50 per activity. */
function labelOf(i: number): string {
  const plans = [
    ['PPI', 144],
    ['PTH', 24],
    ['PAA', 24],
    ['PETI', 24],
    ['PINAR', 24],
  ] as const;
  let first = 0;
  for (const [code, count] of plans) {
    if (i < first + count) {
      const local = i - first;
      const task = `${Math.floor(local / 50) + 1}.${(local % 50) + 1}`;
      return code === 'PPI' ? task : `${code} ${task}`;
    }
    first += count;
  }
  throw new Error(`task ${i}`);
}

describe('the scale data set at 240 tasks', () => {
  it('has the states the rules give: 128 overdue, 16 under way, 60 not started, 36 done', async () => {
    // By hand: ending by August is i mod 12 < 8 (160 tasks), of which i mod 5 = 0 are done (8 in every 60:
    // 32); September (i mod 12 = 8) has 20, 4 of them done; October on has 60; done: 32 + 4.
    expect(built.counts.done).toBe(36);
    const { coordinator } = speakersOf(app.db, true);
    const reply = await app.router.handleText({ person: coordinator, platform: 'console' }, 'estado tareas');
    expect(fields(reply)).toMatchObject({
      Vencidas: '128',
      'En curso': '16',
      Pendientes: '60',
      Cumplidas: '36 de 240 (15 %)',
    });
    const say = (text: string) => app.router.handleText({ person: coordinator, platform: 'console' }, text);
    const overdue = await labelsOf(say, 'estado tareas', 'Tareas vencidas');
    const expected = [...Array(240).keys()].filter((i) => i % 12 < 8 && i % 5 !== 0).map(labelOf);
    expect(overdue.sort()).toEqual(expected.sort());
  });

  it("lists a leader's open tasks: those naming their team, plus the shared ones whose part they owe", async () => {
    const { leader } = speakersOf(app.db, true);
    expect(leader.email).toBe(leaderEmail(0));
    const say = (text: string) => app.router.handleText({ person: leader, platform: 'console' }, text);
    const pending = await labelsOf(say, 'pendientes', 'Tareas abiertas de sus equipos');
    // Equipo P001 is named by i mod 7 = 0, and as the second team by i mod 10 = 5 with i mod 7 = 6;
    // i = 7 is shared (the coordination's), so not one of them; open means not (i mod 5 = 0 and i mod 12 < 9).
    const own = [...Array(240).keys()].filter(
      (i) => i % 100 !== 7 && (i % 7 === 0 || (i % 10 === 5 && i % 7 === 6)) && !(i % 5 === 0 && i % 12 < 9),
    );
    const shared = [7, 107, 207];
    expect(own.length + shared.length).toBe(33);
    expect(pending.sort()).toEqual([...own, ...shared].map(labelOf).sort());
  });
});
