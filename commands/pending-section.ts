import type { Ctx } from '../src/chat/context.ts';
import type { Block } from '../src/chat/reply.ts';

/** One part of "Mis pendientes": open tasks now; due reports and sessions plug in from their features. */
export interface PendingSection {
  id: string;
  build(ctx: Ctx): Block[];
}
