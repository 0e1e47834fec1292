import { normalize } from '../text.ts';
import type { ImpactLevel } from './levels.ts';
import { impactLevels } from './levels.ts';
import type { Control, ControlImplementation, ControlType, RiskType } from './method.ts';

/**
 * Reading the cells of a risk register row as people write them: accents, case and spaces
 * ignored ("Catastrófico", "seguridad digital", "Preventivo / Automático"). Each reader returns
 * the value or a Spanish message saying what was expected.
 */

export type Cell<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Cell<T> => ({ ok: true, value });
const fail = <T>(message: string): Cell<T> => ({ ok: false, message });

export const riskTypes: readonly RiskType[] = ['gestion', 'corrupcion', 'seguridad_digital', 'fiscal'];
export type Treatment = 'aceptar' | 'reducir' | 'evitar' | 'compartir';
export const treatments: readonly Treatment[] = ['aceptar', 'reducir', 'evitar', 'compartir'];

/** "Seguridad digital" → "seguridad_digital". */
function key(text: string): string {
  return normalize(text).replace(/[\s-]+/g, '_');
}

export function readRiskType(text: string): Cell<RiskType> {
  const found = riskTypes.find((t) => t === key(text));
  return found ? ok(found) : fail(`«${text}» no es un tipo de riesgo; use ${riskTypes.join(', ')}.`);
}

/** The guide's other words for the same treatments. */
const treatmentAliases: Record<string, Treatment> = { mitigar: 'reducir', transferir: 'compartir' };

export function readTreatment(text: string): Cell<Treatment> {
  const found = treatments.find((t) => t === key(text)) ?? treatmentAliases[key(text)];
  return found ? ok(found) : fail(`«${text}» no es un tratamiento; use ${treatments.join(', ')}.`);
}

/** An impact level, or undefined for an empty cell. */
export function readImpact(text: string): Cell<ImpactLevel | undefined> {
  if (text.trim() === '') return ok(undefined);
  const found = impactLevels.find((l) => l === key(text));
  return found ? ok(found) : fail(`«${text}» no es un nivel de impacto; use ${impactLevels.join(', ')}.`);
}

/**
 * Times a year, written as people in Colombia do: "12", "0,5", "5.001" (dot as thousands
 * separator when followed by groups of three digits), "2.5" as a spreadsheet exports it.
 */
export function readTimesPerYear(text: string): Cell<number> {
  const compact = text.replace(/\s/g, '');
  let value: number | undefined;
  if (/^\d{1,3}(\.\d{3})+$/.test(compact)) value = Number(compact.replace(/\./g, ''));
  else if (/^\d+([.,]\d+)?$/.test(compact)) value = Number(compact.replace(',', '.'));
  if (value === undefined || !Number.isFinite(value)) {
    return fail(`«${text}» no es un número de veces al año; escriba un número como 12 o 5.001.`);
  }
  return ok(value);
}

export interface ControlDraft extends Control {
  description: string;
}

const controlTypes: readonly ControlType[] = ['preventivo', 'detectivo', 'correctivo'];
const implementations: readonly ControlImplementation[] = ['automatico', 'manual'];

function readControl(text: string, position: number): Cell<ControlDraft> {
  const colon = text.indexOf(':');
  const head = colon >= 0 ? text.slice(0, colon) : text;
  const description = colon >= 0 ? text.slice(colon + 1).trim() : '';
  const [typeText = '', implementationText = '', ...extra] = head.split('/').map(key);
  const type = controlTypes.find((t) => t === typeText);
  const implementation = implementations.find((i) => i === implementationText);
  if (!type || !implementation || extra.length > 0) {
    return fail(
      `el control ${position} («${text.trim()}») debe ser tipo/implementación: ` +
        `${controlTypes.join(', ')} / ${implementations.join(', ')}, p. ej. preventivo/manual: revisión mensual.`,
    );
  }
  return ok({ type, implementation, description });
}

/** "preventivo/manual: revisión mensual; detectivo/automatico" → controls in the order written. */
export function readControls(text: string): Cell<ControlDraft[]> {
  const parts = text
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const controls: ControlDraft[] = [];
  for (const [index, part] of parts.entries()) {
    const control = readControl(part, index + 1);
    if (!control.ok) return fail(control.message);
    controls.push(control.value);
  }
  return ok(controls);
}

/** Codes travel as one word in chat (`/reportar riesgo materializado R-GTH-01 …`). */
export function readRiskCode(text: string): Cell<string> {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9._-]{0,29}$/.test(code)) {
    return fail(
      `«${text}» no es un código de riesgo: use letras, números, punto o guion, sin espacios (p. ej. R-GTH-01).`,
    );
  }
  return ok(code);
}

/** The controls written back as the import reads them: "preventivo/manual: revisión; detectivo/automatico". */
export function controlsText(controls: readonly ControlDraft[]): string {
  return controls
    .map((c) => `${c.type}/${c.implementation}${c.description ? `: ${c.description}` : ''}`)
    .join('; ');
}
