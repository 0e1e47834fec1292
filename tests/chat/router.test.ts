import { describe, expect, it } from 'vitest';
import { openMigratedDatabase } from '../../db/client.ts';
import { people } from '../../db/schema/index.ts';
import { renderText } from '../../src/adapters/console/render.ts';
import { rememberMessage } from '../../src/chat/notifier.ts';
import { combine } from '../../src/chat/registry.ts';
import { mention, replyText, textReply } from '../../src/chat/reply.ts';
import { Router, splitCommand } from '../../src/chat/router.ts';
import { loadConfig } from '../../src/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { personById } from '../../src/domain/directory/people.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { silentLogger } from '../../src/domain/logger.ts';

function routerWith() {
  const db = openMigratedDatabase(':memory:');
  const clock = fixedClock('2026-09-07T15:00:00Z');
  const id = db
    .insert(people)
    .values({ name: 'Ana Pérez', email: 'ana@pasto.gov.co', role: 'integrante' })
    .returning()
    .get().id;
  const person = personById(db, id);
  if (!person) throw new Error('person not stored');
  const heard: string[] = [];
  const registry = combine([
    {
      commands: [
        {
          name: 'eco',
          summary: 'Repite',
          usage: ['/eco <texto>'],
          writes: false,
          run: (args) => textReply(`eco: ${args}`),
        },
        {
          name: 'guarda',
          summary: 'Guarda lo escrito',
          usage: ['/guarda [texto]'],
          writes: (args) => args !== '',
          run: (args) => textReply(`guardado: ${args}`),
        },
        {
          name: 'falla',
          summary: 'Falla',
          usage: ['/falla'],
          writes: false,
          run: () => {
            throw new DomainError('No se puede.', 'Ejemplo: /eco hola');
          },
        },
        {
          name: 'rompe',
          summary: 'Rompe',
          usage: ['/rompe'],
          writes: false,
          run: () => {
            throw new Error('boom');
          },
        },
      ],
      threadReplies: [
        {
          kind: 'recordatorio.prueba',
          run: (subject, text) => {
            heard.push(`${subject}:${text}`);
            return textReply(`respuesta a ${subject}`);
          },
        },
      ],
    },
  ]);
  const notify = { toPerson: async () => [], toChannel: async () => [] };
  const router = new Router(registry, { db, clock, config: loadConfig({}), notify, log: silentLogger });
  return { db, clock, router, person, heard };
}

describe('the router', () => {
  it('splits a command with or without slash, ignoring accents and case', () => {
    expect(splitCommand('/Estado  tareas ya')).toEqual({ name: 'estado', args: 'tareas ya' });
    expect(splitCommand('ÉCO hola')).toEqual({ name: 'eco', args: 'hola' });
    expect(splitCommand('   ')).toEqual({ name: '', args: '' });
  });

  it('tells which typed commands may write, by what each command declares for its words', () => {
    const { router } = routerWith();
    expect(router.writes('/eco hola')).toBe(false);
    expect(router.writes('/guarda algo')).toBe(true);
    expect(router.writes('/guarda')).toBe(false);
    expect(router.writes('/inexistente')).toBe(false);
  });

  it('runs commands and turns rule errors into Spanish replies', async () => {
    const { router, person } = routerWith();
    const incoming = { person, platform: 'console' as const };
    expect(replyText(await router.handleText(incoming, 'eco hola'))).toBe('eco: hola');
    const failed = await router.handleText(incoming, '/falla');
    expect(failed.tone).toBe('error');
    expect(replyText(failed)).toBe('No se pudo completar\nNo se puede.\nEjemplo: /eco hola');
    const broken = await router.handleText(incoming, '/rompe');
    expect(replyText(broken)).toContain('Ocurrió un error inesperado y no se guardó nada.');
  });

  it('hands a reply in the thread of a remembered message to its handler', async () => {
    const { db, clock, router, person, heard } = routerWith();
    const ref = { platform: 'slack' as const, conversation: 'D1', messageId: '1700000000.000100' };
    rememberMessage(db, clock, ref, { kind: 'recordatorio.prueba', subject: '2.3' }, person.id);
    const reply = await router.handleText({ person, platform: 'slack' }, 'https://x.gov.co/a.pdf', ref);
    expect(replyText(reply)).toBe('respuesta a 2.3');
    expect(heard).toEqual(['2.3:https://x.gov.co/a.pdf']);

    // A command in the thread, with or without the slash, is a command; an unknown thread is ordinary text.
    expect(replyText(await router.handleText({ person, platform: 'slack' }, 'eco sin barra', ref))).toBe(
      'eco: sin barra',
    );
    expect(heard).toEqual(['2.3:https://x.gov.co/a.pdf']);
    expect(replyText(await router.handleText({ person, platform: 'slack' }, '/eco hola', ref))).toBe(
      'eco: hola',
    );
    const other = { ...ref, messageId: '1700000000.000999' };
    expect(replyText(await router.handleText({ person, platform: 'slack' }, 'hola', other))).toContain(
      'No conozco la orden «hola»',
    );
  });

  it('answers unknown buttons and forms in Spanish', async () => {
    const { router, person } = routerWith();
    const incoming = { person, platform: 'console' as const };
    const press = await router.handleAction(incoming, { actionId: 'nada', value: '' });
    expect(replyText(press.reply ?? textReply(''))).toContain('Ese botón ya no está disponible.');
    expect(await router.handleSubmit(incoming, 'nada', {})).toEqual({
      ok: false,
      errors: { _: 'Este formulario ya no está disponible.' },
    });
  });

  it('renders mentions as names in the terminal', () => {
    const text = renderText(textReply(`Responsable: ${mention(7)}`), (id) => (id === 7 ? 'Ana Pérez' : '?'));
    expect(text).toBe('Responsable: @Ana Pérez');
  });
});
