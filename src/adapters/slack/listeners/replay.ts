import type { RespondFn } from '@slack/bolt';
import type { Reply } from '../../../chat/reply.ts';
import type { SlackDeps } from '../deps.ts';
import type { InboxContext } from '../inbox.ts';
import { responderFor } from '../send.ts';

/** Slack takes answers on a response URL for 30 minutes; a minute is left for the answer to get there. */
const RESPONSE_URL_MS = 29 * 60 * 1000;

/**
 * The outcome of a request, worked out once: it is kept in the inbox before it is sent, and a request
 * finished after a restart sends the kept one instead of doing the work (recording, notifying) again.
 */
export async function once<T>(deps: SlackDeps, inbox: InboxContext, work: () => Promise<T>): Promise<T> {
  const kept = inbox.replay ? deps.inbox.kept<T>(inbox.inboxId) : undefined;
  if (kept !== undefined) return kept;
  const outcome = await work();
  deps.inbox.keep(inbox.inboxId, outcome);
  return outcome;
}

/**
 * How to answer on the request's response URL: Bolt's `respond` while the request is live; after a
 * restart, the URL while Slack still takes it, else nothing (the caller then writes by direct message).
 */
export function responder(
  deps: SlackDeps,
  inbox: InboxContext,
  url: string | undefined,
  live: RespondFn | undefined,
): RespondFn | undefined {
  if (!inbox.replay) return url ? live : undefined;
  if (!url || !inbox.receivedAt) return undefined;
  const age = deps.clock.now().getTime() - new Date(inbox.receivedAt).getTime();
  return age < RESPONSE_URL_MS ? responderFor(url) : undefined;
}

/**
 * A reply whose form cannot be opened (a text answer has no trigger; a request finished after a
 * restart has an expired one) says how to do the same another way.
 */
export function withoutForm(reply: Reply, otherwise = 'use el botón del mensaje'): Reply {
  if (!reply.form) return reply;
  const how = reply.form.command ? `escriba ${reply.form.command}` : otherwise;
  return {
    ...reply,
    form: undefined,
    blocks: [...reply.blocks, { kind: 'context', text: `Para «${reply.form.title}», ${how}.` }],
  };
}
