import type { Ctx } from '../../src/chat/context.ts';
import { PAGE_WORD, Pager, pagedCommand } from '../../src/chat/paging.ts';
import type { ActionDef, Feature, ThreadReplyDef } from '../../src/chat/registry.ts';
import type { Reply } from '../../src/chat/reply.ts';
import { bogotaToday } from '../../src/domain/clock.ts';
import { DomainError } from '../../src/domain/errors.ts';
import {
  allIndicators,
  assertCanReport,
  canReport,
  indicatorsFor,
  requireIndicator,
} from '../../src/domain/indicators/catalog.ts';
import { parseMeasure } from '../../src/domain/indicators/numbers.ts';
import { allCurrentReports, recordReport } from '../../src/domain/indicators/reports.ts';
import { missingReports } from '../../src/domain/indicators/schedule.ts';
import { normalize } from '../../src/domain/text.ts';
import {
  INDICATOR_REMINDER_KIND,
  ONE_LINE_USAGE,
  reportConfirmation,
  standingLine,
} from '../../src/views/indicators.ts';
import { splitHead, splitPage } from '../args.ts';
import { reporterNames, reportForm, reportFormDef } from './indicador-form.ts';
import type { ReportTopic } from './topic.ts';

const EXAMPLE =
  '/reportar indicador GTH-01 2026-T3 45/50 https://intranet.pasto.gov.co/indicadores/gth-01.xlsx';

/** Records a typed report and confirms it; rule errors keep their detail and gain the usage line. */
function record(
  ctx: Ctx,
  code: string,
  period: string,
  measureText: string,
  link: string,
  analysis: string,
): Reply {
  try {
    const measure = parseMeasure(measureText);
    const outcome = recordReport(
      ctx.db,
      ctx.clock,
      ctx.actor,
      { code, period, measure, analysis, evidence: link },
      ctx.config.MIPG_EVIDENCIA_HOSTS,
    );
    return reportConfirmation(outcome, reporterNames(ctx));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError(error.message, ...error.help, `Uso: ${ONE_LINE_USAGE}`, `Ejemplo: ${EXAMPLE}`);
  }
}

/** The indicators the person may report, or a Spanish explanation of why there are none. */
function reportable(ctx: Ctx) {
  const mine = indicatorsFor(ctx.db, ctx.actor).filter((i) => canReport(ctx.actor, i));
  if (mine.length > 0) return mine;
  if (allIndicators(ctx.db).length === 0) {
    throw new DomainError(
      'Aún no hay indicadores en el catálogo.',
      'La coordinación MIPG los carga con: npx mipg importar indicadores <archivo.csv|xlsx>',
    );
  }
  throw new DomainError(
    'No tiene indicadores para reportar.',
    'Los reportan los líderes y delegados de cada proceso y la coordinación MIPG; si le corresponde, pida que lo registren así en el directorio.',
  );
}

const FORM_USAGE = '/reportar indicador [<código>] [pagina <n>]';

/** The form, above the periods still without a report (`pagina N` pages them, without the form). */
function openForm(ctx: Ctx, page: number, code?: string): Reply {
  const today = bogotaToday(ctx.clock);
  const choices = code ? [] : reportable(ctx);
  const fixed = code ? requireIndicator(ctx.db, code) : choices.length === 1 ? choices[0] : undefined;
  if (fixed) assertCanReport(ctx.actor, fixed);
  const missing = missingReports(fixed ? [fixed] : choices, today, allCurrentReports(ctx.db));
  const pager = new Pager(page, pagedCommand(`/reportar indicador${code ? ` ${code}` : ''}`));
  return pager.reply({
    title: 'Reportar indicador',
    blocks: [
      pager.list(
        'Periodos sin reporte',
        missing.map(standingLine),
        8,
        'No tiene periodos vencidos sin reporte.',
      ),
      { kind: 'context', text: `En una sola línea: ${ONE_LINE_USAGE}` },
    ],
    form: reportForm(today, choices, fixed),
    visibility: 'private',
  });
}

export const indicatorReport: ReportTopic = {
  name: 'indicador',
  summary: 'Reporta la medición de un indicador de su proceso (formulario o una sola línea).',
  usage: [ONE_LINE_USAGE, `${FORM_USAGE} — el formulario y los periodos sin reporte`],
  run(args, ctx) {
    const { head, rest } = splitHead(args, 4);
    // Only the form's list pages (at most a code before «pagina N»): a one-line report ends in free text.
    if (head.length <= 3 && normalize(args).split(' ').includes(PAGE_WORD)) {
      const { rest: only, page } = splitPage(args, FORM_USAGE, '/reportar indicador pagina 2');
      return openForm(ctx, page, only || undefined);
    }
    const [code, period, measure, link] = head;
    if (code === undefined) return openForm(ctx, 1);
    if (period === undefined) return openForm(ctx, 1, code);
    if (measure === undefined || link === undefined) {
      throw new DomainError(
        measure === undefined
          ? 'Faltan la medición y el enlace de la evidencia.'
          : 'Falta el enlace de la evidencia.',
        `Uso: ${ONE_LINE_USAGE}`,
        `Ejemplo: ${EXAMPLE}`,
      );
    }
    return record(ctx, code, period, measure, link, rest);
  },
};

/** «Reportar ahora» on a reminder: opens the form for that indicator and period. */
const reportNow: ActionDef = {
  id: 'indicador.reportar',
  writes: true,
  run(press, ctx) {
    const [code = '', period] = press.value.split(' ');
    const indicator = requireIndicator(ctx.db, code);
    assertCanReport(ctx.actor, indicator);
    return { form: reportForm(bogotaToday(ctx.clock), [], indicator, period) };
  },
};

/** Slack writes links as <https://…> or <https://…|text>; people paste them bare. */
function bareLink(token: string): string {
  return token.replace(/^<([^|>]+)(\|[^>]*)?>$/, '$1');
}

/**
 * A reply in a reminder's thread: the measurement (`45/50` or a value), the link and, optionally,
 * the analysis, in any order.
 */
export function parseThreadReport(text: string): { measure: string; link: string; analysis: string } {
  const tokens = text.trim().split(/\s+/).filter(Boolean).map(bareLink);
  const linkAt = tokens.findIndex((t) => /^[a-z][a-z0-9+.-]*:\/\//i.test(t));
  const measureAt = tokens.findIndex((t, i) => i !== linkAt && (/^-?\d/.test(t) || t.includes('/')));
  if (measureAt < 0) {
    throw new DomainError(
      'No encontré la medición en su respuesta.',
      'Responda con <numerador>/<denominador> (o el valor) y el enlace de la evidencia, por ejemplo: 45/50 https://intranet.pasto.gov.co/evidencia.xlsx',
    );
  }
  const analysis = tokens.filter((_, i) => i !== linkAt && i !== measureAt).join(' ');
  return { measure: tokens[measureAt] ?? '', link: linkAt < 0 ? '' : (tokens[linkAt] ?? ''), analysis };
}

const reminderReply: ThreadReplyDef = {
  kind: INDICATOR_REMINDER_KIND,
  run(subject, text, ctx) {
    const [code = '', period = ''] = subject.split(' ');
    const { measure, link, analysis } = parseThreadReport(text);
    return record(ctx, code, period, measure, link, analysis);
  },
};

/** The report form, its «Reportar ahora» button and thread replies to reminders. */
export const indicatorReportFeature: Feature = {
  actions: [reportNow],
  forms: [reportFormDef],
  threadReplies: [reminderReply],
};
