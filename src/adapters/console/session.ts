import type { FormValues } from '../../chat/registry.ts';
import type { Form, Reply } from '../../chat/reply.ts';
import type { Router } from '../../chat/router.ts';
import type { Person } from '../../domain/directory/people.ts';
import { activePeople } from '../../domain/directory/people.ts';
import { terminalText } from './render.ts';

/** Asks one question and returns the typed answer (readline in the terminal, a script in tests). */
export type Ask = (question: string) => Promise<string>;

/**
 * One person talking to the bot in a terminal: typed text goes to the router, replies are rendered
 * as text, and a form is filled field by field when there is a way to ask.
 */
export class ConsoleSession {
  constructor(
    private readonly router: Router,
    readonly person: Person,
    private readonly ask?: Ask,
    /** Prints at once (the terminal): a reply that opens a form shows its text before the questions. */
    private readonly print?: (text: string) => void,
  ) {}

  nameOf = (personId: number): string =>
    activePeople(this.router.services.db).find((p) => p.id === personId)?.name ?? `persona ${personId}`;

  render(reply: Reply): string {
    if (reply.form && this.ask) return terminalText({ ...reply, form: undefined }, this.nameOf);
    return terminalText(reply, this.nameOf);
  }

  /** Handles one typed line and returns everything printed for it. */
  async handleLine(line: string): Promise<string> {
    const reply = await this.router.handleText({ person: this.person, platform: 'console' }, line);
    const printed = [this.render(reply)];
    if (reply.form && this.ask) {
      if (this.print) this.print(printed.splice(0).join(''));
      printed.push(await this.fillForm(reply.form));
    }
    return printed.filter((p) => p.trim() !== '').join('\n\n');
  }

  /**
   * Prompts each field (again for those with errors) and submits. An empty answer to a required field
   * with no default cancels the form.
   */
  async fillForm(form: Form): Promise<string> {
    const ask = this.ask;
    if (!ask) return '';
    const values: FormValues = {};
    let pending = form.fields;
    let prefix = `${form.title} (deje vacío un campo obligatorio para cancelar)\n`;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      for (const field of pending) {
        const options = field.options?.length ? ` [${field.options.map((o) => o.value).join(' | ')}]` : '';
        const initial = field.initial ? ` (Enter = ${field.initial})` : '';
        const answer = (await ask(`${prefix}${field.label}${options}${initial}: `)).trim();
        prefix = '';
        if (answer === '' && field.required && !field.initial)
          return 'Formulario cancelado; no se guardó nada.';
        values[field.id] = answer === '' ? (field.initial ?? '') : answer;
      }
      const result = await this.router.handleSubmit(
        { person: this.person, platform: 'console' },
        form.id,
        values,
        form.metadata,
      );
      if (result.ok) return this.render(result.reply);
      const problems = Object.entries(result.errors).map(([id, message]) => {
        const label = form.fields.find((f) => f.id === id)?.label;
        return label ? `- ${label}: ${message}` : `- ${message}`;
      });
      prefix = `No se guardó nada; corrija:\n${problems.join('\n')}\n`;
      pending = form.fields.filter((f) => f.id in result.errors);
      if (pending.length === 0) return `No se guardó nada:\n${problems.join('\n')}`;
    }
    return 'Demasiados intentos; no se guardó nada.';
  }
}
