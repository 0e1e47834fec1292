import { DomainError } from '../domain/errors.ts';
import type { Block, ListBlock, Reply } from './reply.ts';

/** The Spanish word that asks for a page: `/tareas 3 pagina 2` (typed «página» is read the same). */
export const PAGE_WORD = 'pagina';

/** `/tareas 3` → `/tareas 3 pagina N` (and the bare command for page 1). */
export function pagedCommand(base: string): (page: number) => string {
  return (page) => (page > 1 ? `${base} ${PAGE_WORD} ${page}` : base);
}

/**
 * Cuts the lists of one reply at one page. Every list it makes shows items `(page-1)·max + 1` to
 * `page·max` and, when more remain, the command that shows the next page (a **Ver más** button).
 * «pagina N» of a reply is page N of each of its lists, so a reply with several long lists (a
 * session's invitees by answer) pages them together.
 */
export class Pager {
  private lastPage = 1;
  private readonly made = new WeakSet<Block>();

  constructor(
    readonly page: number,
    private readonly commandFor: (page: number) => string,
  ) {}

  /** This page of a list; `commandFor` points its Ver más somewhere narrower than the reply's (one activity). */
  list(
    title: string | undefined,
    items: string[],
    max = 15,
    empty?: string,
    commandFor: (page: number) => string = this.commandFor,
  ): ListBlock {
    this.lastPage = Math.max(this.lastPage, Math.ceil(items.length / max));
    const start = (this.page - 1) * max;
    const block: ListBlock = { kind: 'list', items: items.slice(start, start + max) };
    if (title !== undefined) block.title = title;
    const rest = items.length - start - max;
    if (rest > 0) block.more = { count: rest, command: commandFor(this.page + 1) };
    if (empty !== undefined) block.empty = empty;
    this.made.add(block);
    return block;
  }

  /** Like `list`, rendering only the items this page shows (long lists of tasks are not formatted whole). */
  listOf<T>(
    title: string | undefined,
    items: readonly T[],
    render: (item: T) => string,
    max = 15,
    empty?: string,
  ): ListBlock {
    const start = (this.page - 1) * max;
    const shown = items.slice(start, start + max).map(render);
    return this.window(title, shown, items.length, max, empty);
  }

  /**
   * Like `list`, for a list the store already cut to this page (a query with LIMIT/OFFSET): `items`
   * are this page's, at most `max`, and `total` counts the whole list.
   */
  window(title: string | undefined, items: string[], total: number, max = 15, empty?: string): ListBlock {
    this.lastPage = Math.max(this.lastPage, Math.ceil(total / max));
    const block: ListBlock = { kind: 'list', items: items.slice(0, max) };
    if (title !== undefined) block.title = title;
    const rest = total - this.page * max;
    if (rest > 0) block.more = { count: rest, command: this.commandFor(this.page + 1) };
    if (empty !== undefined) block.empty = empty;
    this.made.add(block);
    return block;
  }

  /**
   * The reply for this page. Page 1 is the reply as built. A later page shows only the lists that go on
   * that far, under the title with «página N de M»; a page past the last is a Spanish error.
   */
  reply(built: Reply): Reply {
    if (this.page === 1) return built;
    if (this.page > this.lastPage) {
      const pages = this.lastPage === 1 ? '1 página' : `${this.lastPage} páginas`;
      throw new DomainError(
        `La página ${this.page} no existe: esta lista tiene ${pages}.`,
        `Vea la primera con ${this.commandFor(1)}`,
      );
    }
    const blocks = built.blocks.filter((b) => b.kind === 'list' && this.made.has(b) && b.items.length > 0);
    const where = `página ${this.page} de ${this.lastPage}`;
    const { form: _form, ...rest } = built;
    return { ...rest, title: built.title ? `${built.title} · ${where}` : `P${where.slice(1)}`, blocks };
  }
}
