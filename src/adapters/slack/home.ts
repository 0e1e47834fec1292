import { pendingFor } from '../../../commands/pendientes.ts';
import { type Button, errorReply, MORE_ACTION, type Reply } from '../../chat/reply.ts';
import type { Person } from '../../domain/directory/people.ts';
import { DomainError } from '../../domain/errors.ts';
import type { SlackDeps } from './deps.ts';
import { unknownPersonReply } from './identity.ts';
import { renderHome } from './pages.ts';

/** The command whose answer the App Home shows: its Ver más buttons ask for `/pendientes pagina N`. */
const HOME_COMMAND = '/pendientes';

/** On a later page of the Home, the way back to its first page (a press like Ver más, to page 1). */
const backButton: Button = {
  label: 'Volver al inicio de Mis pendientes',
  actionId: MORE_ACTION,
  value: HOME_COMMAND,
  command: HOME_COMMAND,
};

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

/**
 * A Ver más pressed on the App Home: the Home itself shows the page the router answered for
 * `command` (a later page of «Mis pendientes»), with a button back to the first page. Nothing goes
 * to the person's DM: the Home is a view, and paging it in place is what a tab does.
 */
export async function publishHomePage(
  deps: SlackDeps,
  userId: string,
  page: Reply,
  command: string,
): Promise<void> {
  const first = command.trim() === HOME_COMMAND;
  const reply = first
    ? page
    : { ...page, blocks: [...page.blocks, { kind: 'actions' as const, buttons: [backButton] }] };
  await deps.sender.client.views.publish({ user_id: userId, view: renderHome(reply, deps.sender.mentions) });
}
