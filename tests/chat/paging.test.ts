import { describe, expect, it } from 'vitest';
import { splitPage } from '../../commands/args.ts';
import { renderText } from '../../src/adapters/console/render.ts';
import { Pager, pagedCommand } from '../../src/chat/paging.ts';
import { listBlock, type Reply, replyText } from '../../src/chat/reply.ts';
import { DomainError } from '../../src/domain/errors.ts';

const items = (n: number, prefix = 'Persona') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);

/** A session-like reply: facts, then two lists of people paged together. */
function session(page: number): Reply {
  const pager = new Pager(page, pagedCommand('/asistencia 7'));
  return pager.reply({
    title: 'Sesión 7',
    blocks: [
      { kind: 'fields', fields: [{ label: 'En la lista', value: '40' }] },
      pager.list('Confirmaron (4)', items(4, 'Confirmó'), 15, 'Nadie todavía.'),
      pager.list('Sin respuesta (36)', items(36), 15, 'Todos respondieron.'),
      { kind: 'context', text: 'La lista se registra al terminar.' },
    ],
  });
}

describe('Pager', () => {
  it('shows page N of every list of a reply, and only the lists that go on after page 1', () => {
    expect(renderText(session(1))).toContain('Confirmaron (4):\n  • Confirmó 1');
    expect(renderText(session(1))).toContain('  … y 21 más\n  Ver más: /asistencia 7 pagina 2');
    expect(renderText(session(2))).toBe(
      [
        'Sesión 7 · página 2 de 3',
        '',
        'Sin respuesta (36):',
        ...items(15).map((p, i) => `  • ${p.replace(/\d+$/, String(16 + i))}`),
        '  … y 6 más',
        '  Ver más: /asistencia 7 pagina 3',
      ].join('\n'),
    );
    expect(session(3).blocks).toEqual([
      { kind: 'list', title: 'Sin respuesta (36)', items: items(36).slice(30), empty: 'Todos respondieron.' },
    ]);
  });

  it('says in Spanish that a page past the last does not exist, and where the first one is', () => {
    const error = (() => {
      try {
        session(4);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe('La página 4 no existe: esta lista tiene 3 páginas.');
    expect((error as DomainError).help).toEqual(['Vea la primera con /asistencia 7']);
  });

  it('keeps «y N más» without a Ver más where a list cannot page (the digest)', () => {
    const reply: Reply = { blocks: [listBlock('Sesiones de esta semana', items(10), 8)] };
    expect(reply.blocks[0]).toMatchObject({ more: { count: 2 } });
    expect(renderText(reply)).toContain('  … y 2 más');
    expect(renderText(reply)).not.toContain('Ver más');
    expect(replyText(session(1))).toContain('y 21 más\nVer más: /asistencia 7 pagina 2');
  });
});

describe('«pagina N» in typed arguments', () => {
  it('takes «pagina N» or «página N» off the end of the arguments', () => {
    expect(splitPage('3 pagina 2', 'u', 'e')).toEqual({ rest: '3', page: 2 });
    expect(splitPage('vencidas Página 12', 'u', 'e')).toEqual({ rest: 'vencidas', page: 12 });
    expect(splitPage('pagina 3', 'u', 'e')).toEqual({ rest: '', page: 3 });
    expect(splitPage('3', 'u', 'e')).toEqual({ rest: '3', page: 1 });
    expect(splitPage('pagina 2 GTH', 'u', 'e')).toEqual({ rest: 'pagina 2 GTH', page: 1 });
  });
});
