import { TeamsInfo, type TurnContext } from 'botbuilder';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { people } from '../../../db/schema/index.ts';
import { audit, reachAuthor } from '../../domain/audit/log.ts';
import type { Clock } from '../../domain/clock.ts';
import { type Person, personByEmail, personByTeamsId } from '../../domain/directory/people.ts';
import { errorFields, type Logger } from '../../domain/logger.ts';

export interface IdentityOptions {
  db: Db;
  clock: Clock;
  log: Logger;
  /** Local trials only (no app id): who speaks when the client cannot say, such as the Emulator. */
  fallbackEmail?: string;
}

interface Member {
  email?: string;
  userPrincipalName?: string;
  aadObjectId?: string;
  objectId?: string;
}

/** The member profile Teams keeps for the speaker (its e-mail above all); undefined if it cannot say. */
async function memberOf(context: TurnContext, log: Logger): Promise<Member | undefined> {
  const from = context.activity.from;
  if (!from?.id) return undefined;
  try {
    return (await TeamsInfo.getMember(context, from.id)) as Member;
  } catch (error) {
    log.warn(`Teams no dio el perfil de ${from.id}: ${(error as Error).message}`, {
      teamsUserId: from.id,
      ...errorFields(error),
    });
    return undefined;
  }
}

/** Records the person's Teams (Entra) id the first time they are recognised by e-mail. */
function linkTeamsId(db: Db, clock: Clock, person: Person, teamsId: string): Person {
  if (person.teamsId || personByTeamsId(db, teamsId)) return person;
  db.transaction((tx) => {
    tx.update(people).set({ teamsId }).where(eq(people.id, person.id)).run();
    audit(tx, clock, reachAuthor(person), {
      action: 'persona.vincular_teams',
      entity: 'persona',
      entityId: person.id,
      before: { teamsId: null },
      after: { teamsId },
    });
  });
  return { ...person, teamsId };
}

/**
 * The directory person behind a Teams activity: by the Entra object id first, then by the e-mail
 * Teams reports for the member (linking the id for next time). Inactive people are not recognised.
 */
export async function identify(context: TurnContext, options: IdentityOptions): Promise<Person | undefined> {
  const { db, clock, log } = options;
  const aadObjectId = context.activity.from?.aadObjectId;
  if (aadObjectId) {
    const known = personByTeamsId(db, aadObjectId);
    if (known) return known.active ? known : undefined;
  }
  const member = await memberOf(context, log);
  const teamsId = member?.aadObjectId ?? member?.objectId ?? aadObjectId;
  for (const email of [member?.email, member?.userPrincipalName]) {
    const person = email ? personByEmail(db, email) : undefined;
    if (!person?.active) continue;
    return teamsId ? linkTeamsId(db, clock, person, teamsId) : person;
  }
  if (options.fallbackEmail) {
    const person = personByEmail(db, options.fallbackEmail);
    if (person?.active) {
      log.warn(`Prueba local: el cliente no identificó a quien escribe; se atiende como ${person.email}.`, {
        personId: person.id,
      });
      return person;
    }
  }
  return undefined;
}
