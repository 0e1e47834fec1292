import type { Ctx } from './context.ts';
import type { MessageRef } from './messenger.ts';
import type { Form, Reply } from './reply.ts';

/** A chat command (`/tareas`, `/estado`…): parses its words, checks the role, calls the domain. */
export interface CommandDef {
  name: string;
  aliases?: string[];
  /** One Spanish line for /ayuda. */
  summary: string;
  /** Spanish usage lines, e.g. `/tarea <código>`. */
  usage: string[];
  /**
   * Whether these words change data or open a form that would (`/cumplida`, `/asistencia nueva`):
   * a read-only person (Control Interno) is refused before the command runs. A function when only
   * some words write (`/riesgo <código>` reads, `/riesgo <código> tratamiento …` writes).
   */
  writes: boolean | ((args: string) => boolean);
  run(args: string, ctx: Ctx): Promise<Reply> | Reply;
}

/** Whether running the command with these words changes data (see `CommandDef.writes`). */
export function commandWrites(command: Pick<CommandDef, 'writes'>, args: string): boolean {
  return typeof command.writes === 'function' ? command.writes(args) : command.writes;
}

/** A button press coming back from a platform. */
export interface ActionPress {
  actionId: string;
  value: string;
  /** The message holding the button, when the platform says. */
  message?: MessageRef;
}

export interface ActionResult {
  /** Replaces the message that held the button (in place). */
  update?: Reply;
  /** A new answer to the person who pressed. */
  reply?: Reply;
  /** A form to open (modal, card, prompts). */
  form?: Form;
}

/** Handles presses of buttons whose action id is `id`. */
export interface ActionDef {
  id: string;
  /** Whether the press changes data or opens a form that would: a read-only person is refused first. */
  writes: boolean;
  run(press: ActionPress, ctx: Ctx): Promise<ActionResult> | ActionResult;
}

export type FormValues = Record<string, string>;

export type FormResult =
  | { ok: true; reply: Reply; update?: Reply }
  | { ok: false; errors: Record<string, string> };

/**
 * Handles the submission of forms whose id is `id`. Errors are shown on the fields. A form records
 * something, so a read-only person's submission is refused before it runs.
 */
export interface FormDef {
  id: string;
  submit(values: FormValues, metadata: string | undefined, ctx: Ctx): Promise<FormResult> | FormResult;
}

/** Where an answer in a thread really goes: another message kind and subject (an item of a daily message). */
export interface ThreadRoute {
  kind: string;
  subject: string;
  text: string;
}

/**
 * Handles a reply written in the thread of a message the bot sent about `kind` (see sent_messages).
 * An answer in a thread records something (evidence, a report), so a read-only person's is refused.
 */
export interface ThreadReplyDef {
  kind: string;
  /** Answers it, or hands it to the handler of another kind (a message that gathers several items). */
  run(subject: string, text: string, ctx: Ctx): Promise<Reply | ThreadRoute> | Reply | ThreadRoute;
}

/** What one feature adds to the bot. */
export interface Feature {
  commands?: CommandDef[];
  actions?: ActionDef[];
  forms?: FormDef[];
  threadReplies?: ThreadReplyDef[];
}

export interface Registry {
  commands: CommandDef[];
  actions: ActionDef[];
  forms: FormDef[];
  threadReplies: ThreadReplyDef[];
}

export function combine(features: Feature[]): Registry {
  return {
    commands: features.flatMap((f) => f.commands ?? []),
    actions: features.flatMap((f) => f.actions ?? []),
    forms: features.flatMap((f) => f.forms ?? []),
    threadReplies: features.flatMap((f) => f.threadReplies ?? []),
  };
}
