import type { Ctx } from '../../src/chat/context.ts';
import { Pager, pagedCommand } from '../../src/chat/paging.ts';
import type { Block, Reply } from '../../src/chat/reply.ts';
import { bogotaToday } from '../../src/domain/clock.ts';
import { DomainError } from '../../src/domain/errors.ts';
import {
  findProcess,
  ownProcess,
  type ProcessRow,
  riskYear,
  seesAllProcesses,
} from '../../src/domain/risks/access.ts';
import { materializedOf } from '../../src/domain/risks/materialized.ts';
import { matricesOf, matrixOf, mayReportMatrix, mayReviewMatrix } from '../../src/domain/risks/matrix.ts';
import { bySeverity, heatCounts } from '../../src/domain/risks/overview.ts';
import { type RiskView, risksOf } from '../../src/domain/risks/register-store.ts';
import { normalize } from '../../src/domain/text.ts';
import { longDate } from '../../src/views/dates.ts';
import {
  heatBlocks,
  materializedBlock,
  matrixButtons,
  matrixFields,
  matrixLine,
  riskChangeLine,
  riskLine,
  zoneTable,
} from '../../src/views/risks.ts';
import { splitPage } from '../args.ts';
import type { StatusTopic } from './topic.ts';

const usage = '/estado riesgos [extremos | <proceso>] [pagina <n>]';

const noRisks = (year: number) =>
  `Todavía no hay riesgos cargados para ${year}. Se cargan con: npx mipg importar riesgos <archivo.csv|xlsx>`;

function cutoff(ctx: Ctx): Block {
  return {
    kind: 'context',
    text: `Corte: ${longDate(bogotaToday(ctx.clock))} (hora de Bogotá) · Metodología DAFP ${ctx.config.MIPG_RISK_METHOD}.`,
  };
}

/** The coordinator's overview: matrices, zones, the worst risks, corruption, materialised, heat map. */
function overview(ctx: Ctx, pager: Pager): Reply {
  const year = riskYear(ctx.db, ctx.clock);
  const matrices = matricesOf(ctx.db, year);
  const count = (state: string) => matrices.filter((m) => m.state === state).length;
  const risks = risksOf(ctx.db, year).sort(bySeverity);
  const worst = risks.filter((r) => r.residualZone === 'extremo' || r.residualZone === 'alto');
  const corruption = risks.filter((r) => r.type === 'corrupcion');
  const blocks: Block[] = [
    cutoff(ctx),
    {
      kind: 'fields',
      fields: [
        { label: 'Procesos', value: String(matrices.length) },
        { label: 'Matrices pendientes', value: String(count('pendiente')) },
        { label: 'Actualizadas (por verificar)', value: String(count('actualizada')) },
        { label: 'Verificadas', value: String(count('verificada')) },
        { label: 'Devueltas', value: String(count('devuelta')) },
        { label: 'Riesgos registrados', value: String(risks.length) },
      ],
    },
    pager.list(
      'Matrices por actualizar',
      matrices.filter((m) => m.state === 'pendiente' || m.state === 'devuelta').map(matrixLine),
      15,
      'Todos los procesos reportaron su matriz. 🎉',
    ),
  ];
  if (risks.length === 0) {
    blocks.push({ kind: 'text', text: noRisks(year) });
  } else {
    blocks.push(
      zoneTable(risks),
      pager.list(
        'Riesgos residuales extremos y altos',
        worst.map((r) => riskLine(r)),
        12,
        'Ningún riesgo residual extremo o alto.',
      ),
      pager.list(
        'Riesgos de corrupción',
        corruption.map((r) => riskLine(r)),
        10,
        'No hay riesgos de corrupción registrados.',
      ),
    );
  }
  blocks.push(materializedBlock(materializedOf(ctx.db, year), year, pager));
  // Later pages keep only the lists that continue: the heat map is drawn for the first one alone.
  if (risks.length > 0 && pager.page === 1)
    blocks.push(...heatBlocks(heatCounts(risks), ctx.platform, `Mapa de calor de riesgos ${year}`));
  blocks.push({
    kind: 'context',
    text: 'Un proceso: /estado riesgos <proceso> · Extremos: /estado riesgos extremos · Mapa integral: npx mipg exportar riesgos --formato xlsx --salida mapa.xlsx',
  });
  return pager.reply({ title: `Riesgos · vigencia ${year}`, blocks, visibility: 'private' });
}

/** One process: its matrix state and buttons, its risks before and after controls, its heat map. */
function processDetail(ctx: Ctx, pager: Pager, process: ProcessRow): Reply {
  const year = riskYear(ctx.db, ctx.clock);
  const matrix = matrixOf(ctx.db, year, process);
  const risks = risksOf(ctx.db, year, process.id).sort(bySeverity);
  const canReport = mayReportMatrix(ctx.actor, process);
  const blocks: Block[] = [cutoff(ctx), { kind: 'fields', fields: matrixFields(matrix) }];
  const buttons = matrixButtons(matrix, canReport, mayReviewMatrix(ctx.actor));
  if (buttons.length > 0) blocks.push({ kind: 'actions', buttons });
  if (risks.length === 0) {
    blocks.push({ kind: 'text', text: `El proceso ${process.code} no tiene riesgos cargados para ${year}.` });
  } else {
    blocks.push(
      zoneTable(risks),
      pager.list('Riesgos (zona inherente → residual · tratamiento)', risks.map(riskChangeLine), 20),
    );
  }
  blocks.push(materializedBlock(materializedOf(ctx.db, year, process.id), year, pager));
  if (risks.length > 0 && pager.page === 1) {
    blocks.push(...heatBlocks(heatCounts(risks), ctx.platform, `Mapa de calor · ${process.code} · ${year}`));
  }
  blocks.push({
    kind: 'context',
    text: 'Detalle de un riesgo: /riesgo <código> · Materializado: /reportar riesgo materializado <código> <descripción> [enlace]',
  });
  return pager.reply({
    title: `Riesgos de ${process.code} · ${process.name} · ${year}`,
    blocks,
    visibility: 'private',
  });
}

/** Every risk whose residual zone is extreme (only the person's own process for a leader). */
function extremes(ctx: Ctx, pager: Pager, own: ProcessRow | undefined): Reply {
  const year = riskYear(ctx.db, ctx.clock);
  const all = risksOf(ctx.db, year, own?.id).sort(bySeverity);
  const extreme = all.filter((r) => r.residualZone === 'extremo');
  const inherent = all.filter((r) => r.inherentZone === 'extremo').length;
  const scope = own ? `del proceso ${own.code}` : 'de todos los procesos';
  const line = (r: RiskView) => `${riskLine(r, !own)} · ${r.treatment} · ${r.responsible}`;
  return pager.reply({
    title: `Riesgos residuales extremos ${scope} · ${year}`,
    blocks: [
      cutoff(ctx),
      pager.list(
        undefined,
        extreme.map(line),
        25,
        all.length === 0 ? noRisks(year) : 'No hay riesgos residuales extremos.',
      ),
      {
        kind: 'context',
        text: `${inherent} riesgos estaban en zona extrema antes de controles; ${extreme.length} siguen en ella. Detalle: /riesgo <código>`,
      },
    ],
    visibility: 'private',
  });
}

function requireOwnProcess(ctx: Ctx): ProcessRow {
  const own = ownProcess(ctx.db, ctx.actor);
  if (!own) {
    throw new DomainError(
      'Usted no tiene un proceso asignado en el directorio, así que no hay matriz de riesgos que mostrarle.',
      'Pida a la coordinación MIPG que lo asocie a su proceso.',
    );
  }
  return own;
}

/** /estado riesgos [extremos | <proceso>]: all processes for the second line of defence, one's own otherwise. */
export const risksStatus: StatusTopic = {
  name: 'riesgos',
  summary: 'Matrices de riesgos por proceso, zonas, extremos, corrupción, materializados y mapa de calor.',
  usage,
  run(args, ctx): Reply {
    const { rest, page } = splitPage(args, usage, '/estado riesgos extremos pagina 2');
    const pager = new Pager(page, pagedCommand(`/estado riesgos${rest ? ` ${rest}` : ''}`));
    const wanted = normalize(rest);
    const all = seesAllProcesses(ctx.actor);
    if (wanted === 'extremos') return extremes(ctx, pager, all ? undefined : requireOwnProcess(ctx));
    if (wanted === '') return all ? overview(ctx, pager) : processDetail(ctx, pager, requireOwnProcess(ctx));
    const process = findProcess(ctx.db, rest);
    if (!all && ctx.actor.processId !== process.id) {
      throw new DomainError(
        `Solo la coordinación y el Equipo MIPG ven la matriz de riesgos de otros procesos (${process.code}).`,
        'Consulte la de su proceso con /estado riesgos',
      );
    }
    return processDetail(ctx, pager, process);
  },
};
