import { bogotaDateTime, longDate, percent } from './format.ts';

/** Building blocks of the public pages: escaping, the page frame, tables and progress bars. */

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for HTML content and attribute values. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

export type Section = 'plan' | 'cortes' | 'datos';

export interface PageFrame {
  /** The `<title>` and the page's single h1. */
  heading: string;
  /** Which entry of the navigation is this page (or one of its children). */
  section: Section;
  /** The page is that entry itself (aria-current="page"), not a child of it. */
  isSectionHome?: boolean;
  planTitle: string;
  dataDate: string;
  publishedAt: string;
  body: string;
}

const NAV: { section: Section; href: string; label: string }[] = [
  { section: 'plan', href: 'index.html', label: 'Plan de acción' },
  { section: 'cortes', href: 'cortes.html', label: 'Cortes de seguimiento' },
  { section: 'datos', href: 'datos.html', label: 'Datos abiertos' },
];

/**
 * No script, no inline style, nothing from another site: the policy lets the page load its own
 * stylesheet and nothing else, so a stray value could never run or call out.
 */
const POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

function nav(frame: PageFrame): string {
  const items = NAV.map(({ section, href, label }) => {
    const current =
      section === frame.section ? (frame.isSectionHome ? ' aria-current="page"' : ' class="activa"') : '';
    return `<li><a href="${href}"${current}>${esc(label)}</a></li>`;
  });
  return `<nav aria-label="Secciones del sitio"><ul>${items.join('')}</ul></nav>`;
}

/** A whole page: language, viewport, the skip link, header with navigation, main content and footer. */
export function page(frame: PageFrame): string {
  return `<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="referrer" content="no-referrer">
<title>${esc(frame.heading)} · Alcaldía de Pasto</title>
<link rel="stylesheet" href="estilo.css">
</head>
<body>
<a class="saltar" href="#contenido">Saltar al contenido</a>
<header class="encabezado">
<p class="entidad">Alcaldía de Pasto · ${esc(frame.planTitle)}</p>
${nav(frame)}
</header>
<main id="contenido" tabindex="-1">
<h1>${esc(frame.heading)}</h1>
${frame.body}
</main>
<footer class="pie">
<p>Publicado el ${esc(bogotaDateTime(frame.publishedAt))} (hora de Bogotá) con los datos del plan al ${esc(longDate(frame.dataDate))}.</p>
<p>Publicación de transparencia y acceso a la información pública (Ley 1712 de 2014) y del plan de acción institucional (Ley 1474 de 2011, artículo 74).</p>
</footer>
</body>
</html>
`;
}

export interface TableSpec {
  /** Unique in the page: names the caption so the scrolling region can be labelled by it. */
  id: string;
  caption: string;
  /** Header cells, already HTML. */
  head: string[];
  /** Body rows; the first cell of each is its row header. Cells are already HTML. */
  rows: string[][];
  /** Shown instead of an empty table. */
  empty?: string;
  /** Extra class on the table (column widths). */
  className?: string;
  /** A table of two or three short columns: as wide as its content, it never needs to scroll. */
  narrow?: boolean;
}

/** A table with its caption and scoped headers, inside a region that scrolls sideways on a phone. */
export function table(spec: TableSpec): string {
  if (spec.rows.length === 0) return `<p class="vacio">${esc(spec.empty ?? 'No hay datos.')}</p>`;
  const head = spec.head.map((cell) => `<th scope="col">${cell}</th>`).join('');
  const body = spec.rows
    .map(
      ([first = '', ...rest]) =>
        `<tr><th scope="row">${first}</th>${rest.map((c) => `<td>${c}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const classes = [spec.className, spec.narrow ? 'compacta' : undefined].filter(Boolean).join(' ');
  const className = classes ? ` class="${esc(classes)}"` : '';
  const hint = spec.narrow
    ? ''
    : '<p class="pista">Deslice la tabla hacia los lados para ver todas sus columnas.</p>\n';
  return `${hint}<div class="tabla" role="region" aria-labelledby="${esc(spec.id)}" tabindex="0">
<table${className}>
<caption id="${esc(spec.id)}"><span>${esc(spec.caption)}</span></caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>`;
}

/** Percentages of the bars are drawn by classes (`ancho-0` … `ancho-100`), so no inline style is needed. */
function widthClass(value: number): string {
  return `ancho-${Math.max(0, Math.min(100, Math.round(value)))}`;
}

/**
 * A horizontal bar with its number beside it. The bar is decoration (hidden from screen readers);
 * the number, and the column or label it sits under, say everything.
 */
export function bar(value: number, kind: 'programado' | 'ejecutado'): string {
  return `<span class="medida"><span class="barra barra-${kind}" aria-hidden="true"><span class="relleno ${widthClass(value)}"></span></span><span class="cifra">${esc(percent(value))}</span></span>`;
}

/** Scheduled and executed side by side, with words, for a summary box. */
export function progressSummary(scheduled: number, executed: number, when: string): string {
  return `<dl class="avance">
<div><dt>Programado ${esc(when)}</dt><dd>${bar(scheduled, 'programado')}</dd></div>
<div><dt>Ejecutado ${esc(when)}</dt><dd>${bar(executed, 'ejecutado')}</dd></div>
</dl>`;
}

/** A link inside the site (paths are the site's own, relative). */
export function link(href: string, text: string): string {
  return `<a href="${esc(href)}">${esc(text)}</a>`;
}
