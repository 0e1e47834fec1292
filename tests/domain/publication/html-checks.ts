/** Checks of a public page's HTML that a reader with a screen reader or a phone depends on. */

export interface PageProblems {
  file: string;
  problems: string[];
}

/** The visible text of an HTML fragment: tags dropped, entities decoded, spaces collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export function accessibilityProblems(file: string, html: string): string[] {
  const problems: string[] = [];
  const expect = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  expect(html.startsWith('<!DOCTYPE html>'), 'sin <!DOCTYPE html>');
  expect(/<html lang="es">/.test(html), 'sin lang="es"');
  expect(/<meta name="viewport" content="width=device-width, initial-scale=1">/.test(html), 'sin viewport');
  expect((html.match(/<h1[\s>]/g) ?? []).length === 1, 'no tiene exactamente un h1');
  let level = 0;
  for (const [, n] of html.matchAll(/<h([1-6])[\s>]/g)) {
    const next = Number(n);
    expect(next <= level + 1, `salta de h${level} a h${next}`);
    level = next;
  }
  expect(/<a class="saltar" href="#contenido">/.test(html), 'sin enlace para saltar al contenido');
  expect(/<main id="contenido"/.test(html), 'sin <main id="contenido">');
  expect(/<nav aria-label="[^"]+">/.test(html), 'sin <nav> con nombre');
  const tables = html.match(/<table[\s>][\s\S]*?<\/table>/g) ?? [];
  for (const table of tables) {
    expect(/<caption[\s>]/.test(table), 'una tabla sin <caption>');
    const ths = table.match(/<th[\s>]/g) ?? [];
    const scoped = table.match(/<th scope="(col|row)"/g) ?? [];
    expect(ths.length === scoped.length, 'un <th> sin scope');
  }
  expect(!/<script/i.test(html), 'tiene <script>');
  expect(!/\son[a-z]+\s*=/i.test(html), 'tiene un manejador de eventos en línea');
  expect(!/\sstyle\s*=/i.test(html), 'tiene estilos en línea');
  expect(!/<(img|iframe|object|embed|video|audio|source)[\s>]/i.test(html), 'carga un recurso incrustado');
  for (const [, href] of html.matchAll(/<link[^>]*href="([^"]+)"/g)) {
    expect(!/^(https?:)?\/\//.test(href ?? ''), `carga ${href} de otro sitio`);
  }
  expect(!/@import|url\(/.test(html), 'importa recursos desde CSS');
  return problems.map((p) => `${file}: ${p}`);
}

/** WCAG relative luminance contrast between two `#rrggbb` colours. */
export function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b2] = [1, 3, 5].map((i) => {
      const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b2 ?? 0);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}
