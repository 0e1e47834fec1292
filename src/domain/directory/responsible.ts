import { normalize } from '../text.ts';

/**
 * What separates the teams a QUIÉN cell names: «Equipo MIPG - Oficina de Planeación…»,
 * «Unidad de Atención al Ciudadano -Equipo MIPG», «Equipo MIPG, Líderes de proceso». A hyphen counts
 * only with a space on one side (not inside «socio-económico»), a period only at the end of a phrase.
 * «y» does not separate: «MIPG» is no phrase of its own in «Equipo Banco de Proyectos, MIPG y Plan de
 * Desarrollo», a team's name.
 */
const SEPARATOR = /\s*(?:[;/|()[\]:–—]|\s-|-\s|\.(?=\s|$))\s*|,\s*/g;

interface Span {
  name: string;
  start: number;
  end: number;
}

/** Where a phrase may begin and end: the text's edges and both sides of every separator. */
function edges(text: string): { starts: Set<number>; ends: Set<number> } {
  const starts = new Set([0]);
  const ends = new Set([text.length]);
  for (const match of text.matchAll(SEPARATOR)) {
    ends.add(match.index);
    starts.add(match.index + match[0].length);
  }
  return { starts, ends };
}

/**
 * The team names (as given) that a task's responsible text names whole: case, accents and repeated
 * spaces ignored, and only where the name stands as a phrase of its own between separators (so a team
 * called «MIPG», «Equipo» or «de» names nothing in «Equipo MIPG - Oficina de Planeación…»). When two
 * names overlap, the longer one wins («Equipo Banco de Proyectos» inside
 * «Equipo Banco de Proyectos, MIPG y Plan de Desarrollo»).
 */
export function namedTeams(responsible: string, teamNames: string[]): string[] {
  const text = normalize(responsible);
  const { starts, ends } = edges(text);
  const spans: Span[] = [];
  for (const name of teamNames) {
    const wanted = normalize(name);
    if (wanted === '') continue;
    for (let at = text.indexOf(wanted); at >= 0; at = text.indexOf(wanted, at + 1)) {
      if (starts.has(at) && ends.has(at + wanted.length)) {
        spans.push({ name, start: at, end: at + wanted.length });
      }
    }
  }
  const inside = (a: Span, b: Span) =>
    b !== a && b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start;
  const kept = spans.filter((span) => !spans.some((other) => inside(span, other)));
  return teamNames.filter((name) => kept.some((span) => span.name === name));
}
