import { createRequire } from 'node:module';

type AdaptiveCardsModule = typeof import('adaptivecards');

// The package's ESM entry needs a browser; its UMD build parses and validates in plain Node.
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

/** Every parse event and validation failure the official SDK reports for a card at version 1.5. */
export function cardProblems(card: unknown): string[] {
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i += 1) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents)
    problems.push(`validate: ${event.message}`);
  if (parsed.version?.toString() !== '1.5') problems.push(`version: ${parsed.version?.toString()}`);
  return problems;
}
