import type { Store } from '../../../db/client.ts';
import type { Block } from '../../chat/reply.ts';
import type { PlanRow, TaskView } from '../../domain/tasks/store.ts';

/** What every section of the weekly digest gets for digest date D (a Bogotá date). */
export interface DigestInput {
  db: Store;
  /** D, `YYYY-MM-DD`. */
  date: string;
  /** D + 6: "this week" is D to D + 6 inclusive. */
  weekEnd: string;
  /** The main plan in force (the PPI), or the plan of a plan's own digest. */
  plan: PlanRow;
  /** The plans the digest covers: every plan in force, PPI first, or the one of a plan's own digest. */
  plans: PlanRow[];
  /** Their tasks, plan after plan, in document order, with their state on D. */
  tasks: TaskView[];
}

/** One section's share of the digest. */
export interface DigestPart {
  /** Keys merged into the digest's JSON (`npx mipg resumen --formato json`). */
  json: Record<string, unknown>;
  /** Neutral blocks shown in the posted digest; empty when the section has nothing to say. */
  blocks: Block[];
  /** Something needs attention now (overdue, due this week): the digest is not "todo al día". */
  due: boolean;
}

/**
 * A section of the weekly digest. A feature adds one (reports missing for the current period,
 * sessions this week, matrices pending…) with one small file and one line in `sections/index.ts`.
 * Keep `blocks` short: the whole digest must fit Slack's 50 blocks and about 12,000 characters,
 * so long lists show their first items and "y N más" (see `groupedTaskBlocks` in
 * src/views/digest.ts for tasks, or `listBlock` in src/chat/reply.ts).
 */
export interface DigestSection {
  id: string;
  build(input: DigestInput): DigestPart;
}
