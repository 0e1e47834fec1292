import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { errorFields, type Logger } from '../../domain/logger.ts';
import type { InboxContext, SlackInbox, UnfinishedRequest } from './inbox.ts';
import { type MessageEvent, mayAnswer } from './listeners/events.ts';

/** A message event (in Slack's Events API envelope) that the bot will not answer. */
function ignoredMessage(body: Record<string, unknown>): boolean {
  if (body.type !== 'event_callback') return false;
  const event = body.event as (Partial<MessageEvent> & { type?: string }) | undefined;
  return event?.type === 'message' && !mayAnswer(event as MessageEvent);
}

/**
 * Bolt's receiver (HTTP or Socket Mode) with the inbox in front of the app: a request whose ack goes out
 * with work left is written down just before the ack and removed when the listeners are done. Slack never
 * resends a request it got an ack for, so this is what lets a request survive a stop between the ack and
 * the answer (see `finish`). A request answered in its ack (the listener says so: `complete`) has nothing
 * left once the ack is sent and is not written. Transport only: the listeners do the work.
 */
export class DurableReceiver implements Receiver {
  private app: App | undefined;
  /** Requests being answered (and left-over ones being finished): what `stop` waits for. */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    /** Bolt's own receiver, which speaks HTTP or Socket Mode. */
    readonly inner: Receiver,
    private readonly inbox: SlackInbox,
    private readonly log: Logger,
  ) {}

  init(app: App): void {
    this.app = app;
    // Bolt's receivers only call processEvent on the app they are given.
    const durable = { processEvent: (event: ReceiverEvent) => this.track(this.process(app, event)) };
    this.inner.init(durable as unknown as App);
  }

  start(...args: unknown[]): Promise<unknown> {
    return this.inner.start(...args);
  }

  /**
   * Stops taking requests (closes the HTTP server or the socket), then waits for the ones being
   * answered. One the process cannot wait for stays in the inbox and is finished on the next start.
   */
  async stop(...args: unknown[]): Promise<unknown> {
    const stopped = await this.inner.stop(...args);
    if (this.inFlight.size > 0) {
      this.log.info('Slack: se espera a que terminen las solicitudes en curso.', {
        inFlight: this.inFlight.size,
      });
    }
    await Promise.allSettled([...this.inFlight]);
    return stopped;
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const done = () => this.inFlight.delete(work);
    work.then(done, done);
    return work;
  }

  private async process(app: App, event: ReceiverEvent): Promise<void> {
    // Channel chatter the bot ignores is not written down: nothing before the ack touches the database.
    if (ignoredMessage(event.body)) return app.processEvent(event);
    const inbox: InboxContext = { receivedAt: this.inbox.now() };
    const ack = event.ack;
    try {
      await app.processEvent({
        ...event,
        ack: async (response?: unknown) => {
          // Written before the ack is sent: a stop in between answers once more rather than never.
          if (!inbox.complete) {
            inbox.inboxId = this.inbox.acknowledged(event.body, inbox.receivedAt ?? '', inbox.outcome);
          }
          await ack(response as never);
        },
        customProperties: { ...event.customProperties, inbox },
      });
    } finally {
      if (inbox.inboxId !== undefined) this.inbox.finish(inbox.inboxId);
    }
  }

  /**
   * Finishes requests a stopped run acknowledged and left unanswered, through the same listeners, which
   * see `context.replay`: the trigger has expired (no modal can open), the response URL answers for 30
   * minutes after the request and a direct message after that, and an answer already worked out is sent
   * as it was instead of redoing the work. Each request is finished once, then removed.
   */
  finish(requests: UnfinishedRequest[]): Promise<void> {
    return this.track(this.finishAll(requests));
  }

  private async finishAll(requests: UnfinishedRequest[]): Promise<void> {
    const app = this.app;
    if (!app || requests.length === 0) return;
    this.log.info(
      `Slack: se terminan ${requests.length} solicitudes que quedaron sin respuesta al detenerse el bot.`,
      { unfinished: requests.length },
    );
    for (const request of requests) {
      try {
        await app.processEvent({
          body: request.body,
          ack: async () => {},
          customProperties: {
            inbox: {
              inboxId: request.id,
              receivedAt: request.receivedAt,
              replay: true,
            } satisfies InboxContext,
          },
        });
      } catch (error) {
        this.log.warn(`Slack: no se pudo terminar una solicitud pendiente: ${(error as Error).message}`, {
          inboxId: request.id,
          ...errorFields(error),
        });
      } finally {
        this.inbox.finish(request.id);
      }
    }
  }
}
