import type { Ctx } from '../src/chat/context.ts';
import type { ActionDef, CommandDef, Feature, FormDef, ThreadReplyDef } from '../src/chat/registry.ts';
import { type Block, type Form, type Reply, textReply } from '../src/chat/reply.ts';
import { personAuthor } from '../src/domain/audit/log.ts';
import { bogotaToday } from '../src/domain/clock.ts';
import { isAuditor } from '../src/domain/directory/roles.ts';
import { DomainError } from '../src/domain/errors.ts';
import { evidenceLinkProblem } from '../src/domain/links.ts';
import {
  answersForProcess,
  findProcess,
  ownProcess,
  riskYear,
  seesAllProcesses,
} from '../src/domain/risks/access.ts';
import { readTreatment } from '../src/domain/risks/cells.ts';
import { matrixDeadline } from '../src/domain/risks/deadline.ts';
import { matricesOf, matrixOf, mayReportMatrix, mayReviewMatrix } from '../src/domain/risks/matrix.ts';
import { assertTreatmentAllowed } from '../src/domain/risks/register-rows.ts';
import { riskByCode, setTreatment } from '../src/domain/risks/register-store.ts';
import { isHttpUrl, normalize } from '../src/domain/text.ts';
import { riskDetail } from '../src/views/risk-detail.ts';
import { deadlineText, matrixButtons, matrixLine } from '../src/views/risks.ts';
import { splitHead, tokenize } from './args.ts';
import type { PendingSection } from './pending-section.ts';
import { applyReturn, applyVerify, submitMatrixReport } from './riesgos-ciclo.ts';

const usage = ['/riesgo <código>', '/riesgo <código> tratamiento <aceptar|reducir|evitar|compartir>'];

function requireRisk(ctx: Ctx, code: string) {
  const year = riskYear(ctx.db, ctx.clock);
  const risk = riskByCode(ctx.db, year, code);
  if (!risk) {
    throw new DomainError(
      `No existe el riesgo ${code.toUpperCase()} en la matriz ${year}.`,
      'Vea los códigos con /estado riesgos.',
    );
  }
  if (!seesAllProcesses(ctx.actor) && ctx.actor.processId !== risk.processId) {
    throw new DomainError(
      `El riesgo ${risk.code} es del proceso ${risk.processCode}: solo su proceso, la coordinación, el Equipo MIPG y la Oficina de Control Interno lo ven.`,
    );
  }
  return risk;
}

/** Changes a risk's treatment; a risk is accepted only within the risk appetite, corruption never. */
function changeTreatment(ctx: Ctx, code: string, text: string): Reply {
  const risk = requireRisk(ctx, code);
  const treatment = readTreatment(text);
  if (!treatment.ok) throw new DomainError(treatment.message, `Uso: ${usage[1]}`);
  if (!answersForProcess(ctx.actor, risk.processId)) {
    throw new DomainError(
      `Solo el líder del proceso ${risk.processCode}, sus delegados o la coordinación MIPG cambian el tratamiento del riesgo ${risk.code}.`,
    );
  }
  assertTreatmentAllowed(
    risk.type,
    treatment.value,
    risk.residualZone,
    ctx.config.MIPG_RISK_ACCEPTABLE_ZONES,
  );
  setTreatment(ctx.db, ctx.clock, personAuthor(ctx.actor), risk, treatment.value);
  return textReply(
    `El tratamiento del riesgo *${risk.code}* quedó en «${treatment.value}» (antes «${risk.treatment}»).`,
    {
      tone: 'success',
      visibility: 'private',
    },
  );
}

/** `/riesgo <código>`: how the bot computed the risk; `… tratamiento <t>` changes its treatment. */
const riesgo: CommandDef = {
  name: 'riesgo',
  summary: 'Muestra un riesgo con su cálculo DAFP (controles, residual) o cambia su tratamiento.',
  usage,
  writes: (args) => normalize(splitHead(args, 2).head[1] ?? '') === 'tratamiento',
  run(args, ctx) {
    const { head, rest } = splitHead(args, 2);
    const code = head[0] ?? '';
    if (!code)
      throw new DomainError(
        'Falta el código del riesgo.',
        `Uso: ${usage.join(' · ')}`,
        'Ejemplo: /riesgo R-GTH-01',
      );
    if (head[1] === undefined) return riskDetail(requireRisk(ctx, code));
    if (normalize(head[1]) !== 'tratamiento') {
      throw new DomainError(`No entiendo «${head[1]}».`, `Uso: ${usage.join(' · ')}`);
    }
    return changeTreatment(ctx, code, rest);
  },
};

function matrixForm(processCode: string): Form {
  return {
    id: 'riesgos.reportar',
    title: `Matriz de riesgos ${processCode}`,
    submitLabel: 'Reportar',
    metadata: processCode,
    command: `/reportar riesgos ${processCode} <enlace> [nota]`,
    fields: [
      {
        id: 'enlace',
        label: 'Enlace de la matriz actualizada',
        kind: 'url',
        required: true,
        placeholder: 'https://intranet.pasto.gov.co/…',
      },
      { id: 'nota', label: 'Nota (opcional)', kind: 'textarea' },
    ],
  };
}

function returnForm(processCode: string): Form {
  return {
    id: 'riesgos.devolver',
    title: `Devolver matriz ${processCode}`,
    submitLabel: 'Devolver',
    metadata: processCode,
    command: `/verificar riesgos ${processCode} devolver <observaciones>`,
    fields: [{ id: 'observaciones', label: 'Observaciones para el líder', kind: 'textarea', required: true }],
  };
}

const actions: ActionDef[] = [
  { id: 'riesgos.reportar', writes: true, run: (press) => ({ form: matrixForm(press.value) }) },
  { id: 'riesgos.devolver', writes: true, run: (press) => ({ form: returnForm(press.value) }) },
  {
    id: 'riesgos.verificar',
    writes: true,
    async run(press, ctx) {
      const done = await applyVerify(ctx, findProcess(ctx.db, press.value));
      return { update: done };
    },
  },
];

const forms: FormDef[] = [
  {
    id: 'riesgos.reportar',
    async submit(values, metadata, ctx) {
      const url = (values.enlace ?? '').trim();
      if (!isHttpUrl(url)) {
        return {
          ok: false,
          errors: {
            enlace: 'Escriba un enlace http(s), por ejemplo https://intranet.pasto.gov.co/riesgos.xlsx',
          },
        };
      }
      const refused = evidenceLinkProblem(url, ctx.config.MIPG_EVIDENCIA_HOSTS);
      if (refused !== undefined) return { ok: false, errors: { enlace: refused } };
      const process = findProcess(ctx.db, metadata ?? '');
      return {
        ok: true,
        reply: await submitMatrixReport(ctx, process, url, (values.nota ?? '').trim() || undefined),
      };
    },
  },
  {
    id: 'riesgos.devolver',
    async submit(values, metadata, ctx) {
      const observations = (values.observaciones ?? '').trim();
      if (!observations)
        return { ok: false, errors: { observaciones: 'Escriba qué debe corregir el líder.' } };
      const reply = await applyReturn(ctx, findProcess(ctx.db, metadata ?? ''), observations);
      return { ok: true, reply, update: reply };
    },
  },
];

/** A reply in the thread of a returned matrix: the link of the corrected matrix reports it again. */
const matrixThread: ThreadReplyDef = {
  kind: 'riesgos.matriz',
  async run(subject, text, ctx) {
    const words = tokenize(text);
    const at = words.findIndex(isHttpUrl);
    if (at < 0) {
      return textReply(
        'Para reportar la matriz corregida responda con su enlace http(s) y, si quiere, una nota. No se guardó nada.',
        { tone: 'warning', visibility: 'private' },
      );
    }
    const note = [...words.slice(0, at), ...words.slice(at + 1)].join(' ');
    return submitMatrixReport(ctx, findProcess(ctx.db, subject), words[at] ?? '', note || undefined);
  },
};

export const risksFeature: Feature = { commands: [riesgo], actions, forms, threadReplies: [matrixThread] };

/**
 * "Mis pendientes": the leader's matrix while pending or returned; the matrices waiting for the
 * coordinator's verification (Control Interno sees them too, without the order to verify).
 */
export const matrixPendingSection: PendingSection = {
  id: 'riesgos',
  build(ctx, pager) {
    const year = riskYear(ctx.db, ctx.clock);
    const blocks: Block[] = [];
    const own = ownProcess(ctx.db, ctx.actor);
    if (own && mayReportMatrix(ctx.actor, own)) {
      const matrix = matrixOf(ctx.db, year, own);
      if (matrix.state === 'pendiente' || matrix.state === 'devuelta') {
        const deadline = deadlineText(matrixDeadline(ctx.db, bogotaToday(ctx.clock)));
        const why = matrix.state === 'devuelta' ? `devuelta: ${matrix.row?.observations ?? ''}` : 'pendiente';
        blocks.push(
          pager.list('Matriz de riesgos de su proceso', [`${own.code} · ${why} · repórtela ${deadline}`]),
          { kind: 'actions', buttons: matrixButtons(matrix, true, false) },
        );
      }
    }
    const reviews = mayReviewMatrix(ctx.actor);
    if (reviews || isAuditor(ctx.actor)) {
      const toVerify = matricesOf(ctx.db, year).filter((m) => m.state === 'actualizada');
      if (toVerify.length > 0) {
        blocks.push(
          pager.list(
            reviews
              ? 'Matrices de riesgos por verificar'
              : 'Matrices de riesgos que la coordinación no ha verificado',
            toVerify.map((m) =>
              reviews ? `${matrixLine(m)} · /verificar riesgos ${m.process.code}` : matrixLine(m),
            ),
            10,
          ),
        );
      }
    }
    return blocks;
  },
};
