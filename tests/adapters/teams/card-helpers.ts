import type { FakeConnector } from './fake-connector.ts';

export type Card = ReturnType<typeof FakeConnector.card>;

/** Fails the test with a clear message when something expected is missing. */
export function defined<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`missing: ${what}`);
  return value;
}

/** Every text a person reads on a card, in order (TextBlocks, facts, cells, labels, button titles). */
export function texts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (typeof node !== 'object' || node === null) return [];
  const record = node as Record<string, unknown>;
  const own = ['text', 'title', 'value'].flatMap((k) =>
    typeof record[k] === 'string' ? [record[k] as string] : [],
  );
  const nested = Object.entries(record).flatMap(([k, v]) =>
    k === 'data' || k === 'fallback' ? [] : texts(v),
  );
  return [...own, ...nested];
}

function executeAction(card: Card, title: string): Record<string, unknown> {
  const search = (node: unknown): Record<string, unknown> | undefined => {
    if (Array.isArray(node)) return node.map(search).find(Boolean);
    if (typeof node !== 'object' || node === null) return undefined;
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute' && record.title === title) return record;
    return Object.values(record).map(search).find(Boolean);
  };
  return defined(search(card), `action «${title}»`);
}

/** The verb and data of the Action.Execute titled `title` anywhere in a card. */
export function findAction(card: Card, title: string): { verb: string; data: Record<string, unknown> } {
  const found = executeAction(card, title);
  return { verb: String(found.verb), data: found.data as Record<string, unknown> };
}

/** The data of the Action.Submit a client without Action.Execute falls back to. */
export function findFallbackData(card: Card, title: string): Record<string, unknown> {
  const fallback = defined(
    executeAction(card, title).fallback as Record<string, unknown>,
    `fallback of «${title}»`,
  );
  return fallback.data as Record<string, unknown>;
}
