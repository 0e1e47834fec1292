import type { Ctx } from '../src/chat/context.ts';
import type { Pager } from '../src/chat/paging.ts';
import type { Block } from '../src/chat/reply.ts';

/**
 * One part of "Mis pendientes": open tasks now; due reports and sessions plug in from their features.
 * Its lists come from `pager`, so `/pendientes pagina 2` shows the next page of each.
 */
export interface PendingSection {
  id: string;
  build(ctx: Ctx, pager: Pager): Block[];
}
