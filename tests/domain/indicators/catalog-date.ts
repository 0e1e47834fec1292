import type { Store } from '../../../db/client.ts';
import { indicators } from '../../../db/schema/index.ts';
import { bogotaInstant } from '../../../src/domain/clock.ts';

/**
 * Dates the whole catalog as loaded on `date` (Bogotá): reports are expected only for periods
 * ending on or after it, so tests about a year of reporting load it on 1 January.
 */
export function catalogLoadedOn(db: Store, date = '2026-01-01'): void {
  db.update(indicators)
    .set({ createdAt: bogotaInstant(date, '08:00').toISOString() })
    .run();
}
