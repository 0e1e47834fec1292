import type { Ctx } from '../../src/chat/context.ts';
import type { Reply } from '../../src/chat/reply.ts';

/** One subject of /reportar: `indicador`, `riesgos`, `riesgo materializado`… (names may have several words). */
export interface ReportTopic {
  name: string;
  summary: string;
  /** One usage line, or several. */
  usage: string | string[];
  run(args: string, ctx: Ctx): Promise<Reply> | Reply;
}
