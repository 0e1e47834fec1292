import { pendingFor } from '../../../commands/pendientes.ts';
import { errorReply, type Reply } from '../../chat/reply.ts';
import type { Person } from '../../domain/directory/people.ts';
import { DomainError } from '../../domain/errors.ts';
import type { SlackDeps } from './deps.ts';
import { unknownPersonReply } from './identity.ts';
import { renderHome } from './pages.ts';

function homeReply(deps: SlackDeps, person: Person | undefined): Reply {
  if (!person) return unknownPersonReply(deps.db);
  try {
    return pendingFor({ ...deps.router.services, actor: person, platform: 'slack' });
  } catch (error) {
    if (error instanceof DomainError) return errorReply(error.message, ...error.help);
    throw error;
  }
}

/** Draws the person's App Home tab, "Mis pendientes", fresh from the database. */
export async function publishHome(deps: SlackDeps, userId: string, person?: Person): Promise<void> {
  const who = person ?? (await deps.identity.personFor(userId));
  const view = renderHome(homeReply(deps, who), deps.sender.mentions);
  await deps.sender.client.views.publish({ user_id: userId, view });
}
