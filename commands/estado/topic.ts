import type { Ctx } from '../../src/chat/context.ts';
import type { Reply } from '../../src/chat/reply.ts';

/** One subject of /estado: `tareas`, `indicadores`, `riesgos`… */
export interface StatusTopic {
  name: string;
  summary: string;
  usage: string;
  run(args: string, ctx: Ctx): Promise<Reply> | Reply;
}
