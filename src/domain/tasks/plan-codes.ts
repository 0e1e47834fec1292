import { DEFAULT_PLAN_CODE } from '../../../db/schema/index.ts';
import { DomainError } from '../errors.ts';

/**
 * A plan's short code as people write it (`pth`, `PTH`): 2 to 8 letters or digits, starting with a letter,
 * kept in capitals. `PPI` is the Política de Planeación Institucional.
 */
export function checkedPlanCode(text: string): string {
  const code = text.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9]{1,7}$/.test(code)) {
    throw new DomainError(
      `«${text}» no es un código de plan válido.`,
      `Use de 2 a 8 letras o números, empezando por una letra: ${DEFAULT_PLAN_CODE}, PTH, PIC, PETI…`,
    );
  }
  return code;
}

/** Whether a word looks like a plan code (`PTH`, `peti`), as opposed to a task code or a filter. */
export function looksLikePlanCode(word: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]{1,7}$/.test(word.trim());
}
