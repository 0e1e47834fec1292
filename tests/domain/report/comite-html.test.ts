import { describe, expect, it } from 'vitest';
import { comiteHtml } from '../../../src/domain/report/comite-html.ts';
import { cut, FORMULA_TITLE } from './fixture.ts';

const html = comiteHtml(cut);
const EVIDENCE = [
  'https://intranet.pasto.gov.co/caracterizacion-gth.pdf',
  'https://intranet.pasto.gov.co/caracterizacion-ac.pdf',
];

/** What a person reads in a piece of HTML: cells and lines apart, without tags. */
function textOf(fragment: string): string {
  return fragment
    .replace(/<\/t[hd]>|<br>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The table row (`<tr>…</tr>`) that contains a text. */
function rowWith(text: string): string {
  const found = html.match(/<tr>[\s\S]*?<\/tr>/g)?.find((tr) => tr.includes(text));
  if (!found) throw new Error(`no row with ${text}`);
  return found;
}

describe('the printable Comité page', () => {
  it('is a Spanish page with a title and a heading per section', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="es">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(
      '<title>Informe de seguimiento al Plan de Acción · corte 2026-T3 · Alcaldía de Pasto</title>',
    );
    expect(html).toContain('<h1>Informe de seguimiento al Plan de Acción · corte 2026-T3</h1>');
    expect(html).toContain(
      'Plan de Acción Institucional 2026 · Corte trimestral 2026-T3, al 30 de septiembre de 2026 · Comité Institucional de Gestión y Desempeño',
    );
    const headings = [...html.matchAll(/<h2[^>]*>(.*?)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual([
      'Resumen',
      'Actividades',
      'Tareas y evidencias',
      'Indicadores',
      'Riesgos',
      'Asistencia',
    ]);
    const subheadings = [...html.matchAll(/<h3>(.*?)<\/h3>/g)].map((m) => m[1]);
    expect(subheadings).toEqual([
      'Correcciones desde el corte anterior',
      '1. Levantar la información de los grupos de valor',
      '2. Formular las estrategias del PTEP',
      'Mediciones reportadas',
    ]);
  });

  it('runs nothing and loads nothing: no script, no outside address but the evidence links', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).not.toMatch(/\ssrc=/i);
    const addresses = [...html.matchAll(/https?:\/\/[^\s"<]+/g)].map((m) => m[0]);
    expect(new Set(addresses)).toEqual(new Set(EVIDENCE));
    const hrefs = [...html.matchAll(/<a href="([^"]*)">/g)].map((m) => m[1]);
    expect(hrefs).toEqual(EVIDENCE);
  });

  it('prints one section per page, the chart inline as SVG with its accessible title', () => {
    expect(html).toContain('@media print');
    expect(html).toMatch(/main > section \{ break-before: page; \}/);
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toMatch(/<svg [^>]*role="img"/);
    expect(html).toContain(
      '<title id="progress-title">Avance programado y ejecutado por actividad · corte 2026-T3</title>',
    );
  });

  it('heads columns and rows with th scope', () => {
    expect(html).toContain('<th scope="col">% programado</th>');
    expect(html).toContain('<th scope="row">Entidad</th><td>Alcaldía de Pasto</td>');
    expect(html.match(/<th scope="col">/g)?.length).toBeGreaterThan(40);
    expect(html).not.toMatch(/<th>/);
  });

  it('shows the summary as a person reads it: Spanish dates, Bogotá times, % with a comma', () => {
    expect(textOf(rowWith('Fecha de corte'))).toBe('Fecha de corte 30 de septiembre de 2026');
    expect(textOf(rowWith('Corte creado el'))).toBe(
      'Corte creado el (hora de Bogotá) 1 de octubre de 2026, 08:15',
    );
    expect(textOf(rowWith('Avance ejecutado del plan'))).toBe('Avance ejecutado del plan 37,1 %');
    expect(textOf(rowWith('Vigencia'))).toBe('Vigencia 2026');
    expect(textOf(rowWith('La evidencia estaba incompleta'))).toBe(
      '1.3 2026-T2 Cumplida En curso 5 de agosto de 2026, 15:30 La evidencia estaba incompleta',
    );
    expect(textOf(rowWith('Levantar la información de los grupos de valor</td><td class="num">2'))).toBe(
      '1 Levantar la información de los grupos de valor 2 1 0 1 87,5 % 74,2 %',
    );
  });

  it('gives each task its state, parts with who still owes, and its evidence links with who and when', () => {
    expect(textOf(rowWith('>1.1<'))).toBe(
      '1.1 Solicitar el inventario de partes interesadas Equipo MIPG Del 1 de julio de 2026 al 31 de octubre de 2026 En curso 75 % 48,3 % 14 de 29 Faltan: P15, P16, P17, P18, P19, P20, P21, P22, P23, P24, P25, P26, P27, P28, P29',
    );
    const late = rowWith('>1.2<');
    expect(late).toContain('<td class="late">Cumplida fuera de plazo (12 días)</td>');
    expect(late).toContain(
      'Cumplida el 12 de septiembre de 2026, 16:30<br>Verificada el 15 de septiembre de 2026, 09:05',
    );
    expect(late).toContain(
      `<li><a href="${EVIDENCE[0]}">${EVIDENCE[0]}</a><br>Caracterización de GTH<br><span class="who">Registrada por Andrés Muñoz el 10 de septiembre de 2026, 11:00</span></li>`,
    );
    expect(late).toContain(
      `<li><a href="${EVIDENCE[1]}">${EVIDENCE[1]}</a><br><span class="who">Registrada por Laura Gómez el 12 de septiembre de 2026, 16:30</span></li>`,
    );
    expect(rowWith('>2.1<')).toContain('<td class="late">Vencida</td>');
    expect(rowWith('>2.2<')).toContain(`<td>${FORMULA_TITLE}</td>`);
  });

  it('escapes what people wrote', () => {
    expect(html).toContain('<td>Revisar el &lt;b&gt;PTEP&lt;/b&gt; &amp; sus &quot;anexos&quot;</td>');
    expect(html).not.toContain('<b>');
  });

  it('shows indicators, risks and attendance', () => {
    expect(textOf(rowWith('Mediciones sin reportar'))).toBe('Mediciones sin reportar 1');
    expect(textOf(rowWith('GTH-01'))).toBe(
      'GTH-01 Cumplimiento del plan de capacitación GTH 2026-T3 96 % 95 % Porcentaje Satisfactorio 101,1 % 5 de octubre de 2026, 10:00 Andrés Muñoz 0',
    );
    expect(textOf(rowWith('AC-02'))).toContain('AC 2026-T3 12 20 Número Crítico 60 %');
    expect(textOf(rowWith('Devuelta con observaciones'))).toBe(
      'Matrices por estado Devuelta con observaciones 1',
    );
    expect(textOf(rowWith('Zona residual</th><td>Extremo'))).toBe('Zona residual Extremo 2');
    expect(textOf(rowWith('Capacitación en indicadores'))).toBe(
      'Capacitación en indicadores 10 de septiembre de 2026, 09:00 Sala de juntas 3.3 12 10 1 9 75 %',
    );
  });

  it('says so when a section is empty, and links only http(s) addresses', () => {
    const bare = comiteHtml({
      ...cut,
      corrections: [],
      attendance: [],
      indicators: { ...cut.indicators, lines: [] },
      tasks: cut.tasks.map((t) => ({
        ...t,
        evidence: t.evidence.map((e) => ({ ...e, url: 'javascript:alert(1)' })),
      })),
    });
    expect(bare).toContain('<p>No hubo correcciones desde el corte anterior.</p>');
    expect(bare).toContain('<p>No hay sesiones con lista de asistencia en este corte.</p>');
    expect(bare).toContain('<p>No hay mediciones reportadas de los periodos de este corte.</p>');
    expect(bare).not.toContain('<a ');
    expect(bare).toContain('<li>javascript:alert(1)<br>');
  });
});
