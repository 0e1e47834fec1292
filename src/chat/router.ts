import type { Person } from '../domain/directory/people.ts';
import { isReadOnly, READ_ONLY_MESSAGE, readOnlyRefusal } from '../domain/directory/roles.ts';
import { DomainError } from '../domain/errors.ts';
import type { LogFields } from '../domain/logger.ts';
import { normalize } from '../domain/text.ts';
import type { Ctx, Platform, Services } from './context.ts';
import type { MessageRef } from './messenger.ts';
import { findSentMessage } from './notifier.ts';
import { logRefusal, type RefusalReason } from './refusals.ts';
import {
  type ActionPress,
  type ActionResult,
  type CommandDef,
  commandWrites,
  type FormResult,
  type FormValues,
  type Registry,
  type ThreadRoute,
} from './registry.ts';
import { type Block, errorReply, MORE_ACTION, type Reply, textReply, userText } from './reply.ts';

export interface Incoming {
  person: Person;
  platform: Platform;
}

/** Splits "/estado tareas" (slash optional) into the command name and its arguments. */
export function splitCommand(text: string): { name: string; args: string } {
  const trimmed = text.trim().replace(/^\//, '');
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  return { name: normalize(match?.[1] ?? ''), args: (match?.[2] ?? '').trim() };
}

/** What a person is told when another process (an import) kept the database's write lock too long. */
export const BUSY_MESSAGE =
  'La base de datos está ocupada (se está importando un archivo). Intente de nuevo en unos segundos; no se guardó nada.';

/** SQLITE_BUSY or SQLITE_LOCKED (and their extended codes): the change was rolled back, not half made. */
function isDatabaseBusy(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

function reasonOf(error: unknown): RefusalReason {
  if (error instanceof DomainError) return 'rule';
  return isDatabaseBusy(error) ? 'db_busy' : 'unexpected';
}

/** The reply to a failed request, logged as a refusal of `what`. */
function failure(ctx: Ctx, what: LogFields, error: unknown): Reply {
  logRefusal(ctx, what, reasonOf(error), error);
  if (error instanceof DomainError) return errorReply(error.message, ...error.help);
  if (isDatabaseBusy(error)) return errorReply(BUSY_MESSAGE);
  return errorReply(
    'Ocurrió un error inesperado y no se guardó nada.',
    'Intente de nuevo; si se repite, avise a la coordinación MIPG.',
  );
}

/** What Control Interno hears when it tries to change something: refused before anything runs. */
function readOnlyReply(ctx: Ctx, what: LogFields): Reply {
  logRefusal(ctx, what, 'read_only');
  const refusal = readOnlyRefusal(
    'Puede consultar todo: /tareas, /estado, /pendientes, /asistencia, /riesgo <código> y /bitacora (vea /ayuda).',
  );
  return errorReply(refusal.message, ...refusal.help);
}

/**
 * The one place every platform hands what a person did: typed text, a button, a form.
 * It finds the handler in the registry, runs it with a Ctx and turns rule errors into Spanish replies.
 */
export class Router {
  constructor(
    readonly registry: Registry,
    readonly services: Services,
  ) {}

  private ctx(incoming: Incoming): Ctx {
    return {
      ...this.services,
      actor: incoming.person,
      platform: incoming.platform,
    };
  }

  /**
   * What a read-only person reads keeps only the buttons that read (Ver más, a topic of /estado): the
   * others (Marcar cumplida, Verificar…) would only be refused.
   */
  private withoutWriteButtons(reply: Reply): Reply {
    const writing = new Set(this.registry.actions.filter((a) => a.writes).map((a) => a.id));
    const blocks = reply.blocks.flatMap((block): Block[] => {
      if (block.kind !== 'actions') return [block];
      const buttons = block.buttons.filter((b) => !writing.has(b.actionId));
      return buttons.length > 0 ? [{ ...block, buttons }] : [];
    });
    return { ...reply, blocks };
  }

  /** The command a (normalised) name or alias calls, if any. */
  private commandNamed(name: string): CommandDef | undefined {
    return this.registry.commands.find((c) => c.name === name || c.aliases?.includes(name));
  }

  /** Whether the text starts with a known command name (slash optional). */
  isCommand(text: string): boolean {
    return this.commandNamed(splitCommand(text).name) !== undefined;
  }

  /**
   * Whether running the typed command may change data (see `CommandDef.writes`): what a platform must
   * not let a repeated delivery run twice. Unknown words change nothing.
   */
  writes(text: string): boolean {
    const { name, args } = splitCommand(userText(text));
    const command = this.commandNamed(name);
    return command ? commandWrites(command, args) : false;
  }

  /** Typed text: a command, or an answer in the thread of a message the bot sent. */
  async handleText(incoming: Incoming, typed: string, inReplyTo?: MessageRef): Promise<Reply> {
    const ctx = this.ctx(incoming);
    const text = userText(typed);
    // What the log names if the request is refused: the command, or the kind of message answered.
    const what: LogFields = {};
    try {
      // In a thread, words that start with a command name are that command (Teams users type them bare).
      if (inReplyTo && !text.trim().startsWith('/') && !this.isCommand(text)) {
        const answered = await this.handleThreadReply(ctx, inReplyTo, text, what);
        if (answered) return answered;
      }
      const { name, args } = splitCommand(text);
      const command = this.commandNamed(name);
      if (!command) {
        // The word is not logged: it is whatever the person wrote.
        logRefusal(ctx, {}, 'unknown_command');
        return this.unknown(ctx, name);
      }
      what.command = command.name;
      if (!isReadOnly(ctx.actor)) return await command.run(args, ctx);
      if (commandWrites(command, args)) return readOnlyReply(ctx, what);
      return this.withoutWriteButtons(await command.run(args, ctx));
    } catch (error) {
      return failure(ctx, what, error);
    }
  }

  private async handleThreadReply(
    ctx: Ctx,
    ref: MessageRef,
    text: string,
    what: LogFields,
  ): Promise<Reply | undefined> {
    const sent = findSentMessage(ctx.db, ref);
    if (!sent) return undefined;
    let route: ThreadRoute = { kind: sent.kind, subject: sent.subject, text };
    // A handler may hand the answer on once (a daily message to the item the answer names).
    for (let hops = 0; hops < 2; hops += 1) {
      const handler = this.registry.threadReplies.find((h) => h.kind === route.kind);
      if (!handler) return undefined;
      what.threadReply = route.kind;
      if (isReadOnly(ctx.actor)) return readOnlyReply(ctx, what);
      const answer = await handler.run(route.subject, route.text, ctx);
      if (!('kind' in answer && 'subject' in answer)) return answer;
      route = answer;
    }
    return undefined;
  }

  private async unknown(ctx: Ctx, name: string): Promise<Reply> {
    const help = this.registry.commands.find((c) => c.name === 'ayuda');
    const intro = name
      ? `No conozco la orden «${name}». Estas son las que entiendo:`
      : 'Escriba una orden. Estas son las que entiendo:';
    if (!help) return textReply(intro, { tone: 'warning', visibility: 'private' });
    const reply = await help.run('', ctx);
    return {
      ...reply,
      tone: 'warning',
      blocks: [{ kind: 'text', text: intro }, ...reply.blocks],
    };
  }

  /**
   * A button press. **Ver más** (one action for every cut list) runs the command its button carries
   * exactly as if the person had typed it, so their role is checked again; the page is a new reply.
   */
  async handleAction(incoming: Incoming, press: ActionPress): Promise<ActionResult> {
    if (press.actionId === MORE_ACTION) return { reply: await this.handleText(incoming, press.value) };
    const ctx = this.ctx(incoming);
    const action = this.registry.actions.find((a) => a.id === press.actionId);
    const what = { action: press.actionId };
    if (!action) {
      logRefusal(ctx, what, 'unknown_action');
      return {
        reply: errorReply('Ese botón ya no está disponible.', 'Escriba /ayuda para ver las órdenes.'),
      };
    }
    // Before the handler runs: a read-only person never gets a form opened only to be refused on submit.
    if (action.writes && isReadOnly(ctx.actor)) return { reply: readOnlyReply(ctx, what) };
    try {
      const result = await action.run(press, ctx);
      if (!isReadOnly(ctx.actor)) return result;
      return {
        ...result,
        ...(result.reply ? { reply: this.withoutWriteButtons(result.reply) } : {}),
        ...(result.update ? { update: this.withoutWriteButtons(result.update) } : {}),
      };
    } catch (error) {
      return { reply: failure(ctx, what, error) };
    }
  }

  /** A submitted form. Rule errors that belong to no field come back on the first field. */
  async handleSubmit(
    incoming: Incoming,
    formId: string,
    values: FormValues,
    metadata?: string,
  ): Promise<FormResult & { failure?: Reply }> {
    const ctx = this.ctx(incoming);
    const form = this.registry.forms.find((f) => f.id === formId);
    const what = { form: formId };
    if (!form) {
      logRefusal(ctx, what, 'unknown_form');
      return { ok: false, errors: { _: 'Este formulario ya no está disponible.' } };
    }
    if (isReadOnly(ctx.actor))
      return { ok: false, errors: { _: READ_ONLY_MESSAGE }, failure: readOnlyReply(ctx, what) };
    const typed = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, userText(value)]));
    try {
      const result = await form.submit(typed, metadata, ctx);
      if (!result.ok)
        logRefusal(ctx, { ...what, fields: Object.keys(result.errors).join(',') }, 'invalid_form');
      return result;
    } catch (error) {
      const reply = failure(ctx, what, error);
      const message =
        error instanceof DomainError
          ? error.message
          : isDatabaseBusy(error)
            ? BUSY_MESSAGE
            : 'Ocurrió un error inesperado.';
      return { ok: false, errors: { _: message }, failure: reply };
    }
  }
}
