import { coordinators } from '../../src/domain/directory/people.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { findProcess, ownProcess } from '../../src/domain/risks/access.ts';
import { reportMaterialized } from '../../src/domain/risks/materialized.ts';
import { isHttpUrl } from '../../src/domain/text.ts';
import { materializedNotice } from '../../src/views/risk-notices.ts';
import { tokenize } from '../args.ts';
import { missedBlocks, submitMatrixReport, tellEach } from '../riesgos-ciclo.ts';
import type { ReportTopic } from './topic.ts';

const matrixUsage = '/reportar riesgos [<proceso>] <enlace> [nota]';

/** `/reportar riesgos [<proceso>] <enlace> [nota]`: the process defaults to the person's own. */
export const riskMatrixReport: ReportTopic = {
  name: 'riesgos',
  summary: 'El líder reporta actualizada la matriz de riesgos de su proceso, con el enlace.',
  usage: matrixUsage,
  async run(args, ctx) {
    const words = tokenize(args);
    const at = words.findIndex(isHttpUrl);
    if (at < 0) {
      throw new DomainError(
        'Falta el enlace http(s) de la matriz de riesgos actualizada.',
        `Uso: ${matrixUsage}`,
        'Ejemplo: /reportar riesgos https://intranet.pasto.gov.co/riesgos/gth-2026.xlsx Incluye riesgos fiscales',
      );
    }
    const processText = words.slice(0, at).join(' ');
    const process = processText ? findProcess(ctx.db, processText) : ownProcess(ctx.db, ctx.actor);
    if (!process) {
      throw new DomainError(
        'No tiene un proceso asignado: indique de qué proceso es la matriz.',
        `Uso: ${matrixUsage}`,
      );
    }
    const note = words.slice(at + 1).join(' ');
    return submitMatrixReport(ctx, process, words[at] ?? '', note || undefined);
  },
};

const materializedUsage = '/reportar riesgo materializado <código> <descripción> [enlace]';

/** `/reportar riesgo materializado <código> <descripción> [enlace]`: every coordinator is told at once. */
export const materializedReport: ReportTopic = {
  name: 'riesgo materializado',
  summary:
    'Reporta que un riesgo de su proceso se materializó; la coordinación recibe el aviso de inmediato.',
  usage: materializedUsage,
  async run(args, ctx) {
    const words = tokenize(args);
    const [code = '', ...rest] = words;
    const last = rest[rest.length - 1];
    const url = last !== undefined && isHttpUrl(last) ? last : undefined;
    const description = (url ? rest.slice(0, -1) : rest).join(' ');
    if (!code) {
      throw new DomainError(
        'Falta el código del riesgo.',
        `Uso: ${materializedUsage}`,
        'Ejemplo: /reportar riesgo materializado R-GTH-01 Se liquidó mal la nómina de agosto https://intranet.pasto.gov.co/acta.pdf',
      );
    }
    const hosts = ctx.config.MIPG_EVIDENCIA_HOSTS;
    const report = reportMaterialized(ctx.db, ctx.clock, ctx.actor, code, description, url, hosts);
    const missed = await tellEach(ctx, coordinators(ctx.db), materializedNotice(report, ctx.actor), {
      kind: 'riesgo.materializado',
      subject: `${report.row.year}/${report.risk.code}`,
    });
    const told = missed.length === 0 ? ' La coordinación MIPG ya fue avisada.' : '';
    return {
      title: `Riesgo materializado · ${report.risk.code}`,
      tone: 'success',
      visibility: 'private',
      blocks: [
        { kind: 'text', text: `Quedó registrado que el riesgo *${report.risk.code}* se materializó.${told}` },
        ...missedBlocks(missed),
      ],
    };
  },
};
