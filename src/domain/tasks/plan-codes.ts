import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { DEFAULT_PLAN_CODE, people, teams } from '../../../db/schema/index.ts';
import { DomainError } from '../errors.ts';
import { normalize } from '../text.ts';

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

/** How a task or activity code is shown: `2.3` in the PPI (or with no plan), `PTH 2.3` in another plan. */
export function qualifiedCode(plan: string | undefined, code: string): string {
  return plan === undefined || plan === DEFAULT_PLAN_CODE ? code : `${plan} ${code}`;
}

/** Whether a word looks like a plan code (`PTH`, `peti`), as opposed to a task code or a filter. */
export function looksLikePlanCode(word: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]{1,7}$/.test(word.trim());
}

/** The owner team as the directory names it, and the leader's id: Spanish errors when unknown. */
export function planOwnership(
  db: Db,
  identity: { ownerTeam?: string; leaderEmail?: string },
): { ownerTeam?: string; leaderId?: number } {
  const found: { ownerTeam?: string; leaderId?: number } = {};
  if (identity.ownerTeam?.trim()) {
    const wanted = normalize(identity.ownerTeam);
    const all = db.select({ name: teams.name }).from(teams).all();
    const team = all.find((t) => normalize(t.name) === wanted);
    if (!team) {
      throw new DomainError(
        `No hay un equipo «${identity.ownerTeam}» en el directorio.`,
        `Equipos: ${all.map((t) => t.name).join(', ')}.`,
      );
    }
    found.ownerTeam = team.name;
  }
  if (identity.leaderEmail?.trim()) {
    const email = identity.leaderEmail.trim().toLowerCase();
    const leader = db.select({ id: people.id }).from(people).where(eq(people.email, email)).get();
    if (!leader) throw new DomainError(`No hay nadie con el correo ${email} en el directorio.`);
    found.leaderId = leader.id;
  }
  return found;
}
