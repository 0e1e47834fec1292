import { describe, expect, it } from 'vitest';
import { newSessionForm } from '../../commands/asistencia-acciones.ts';
import { replyBlocks } from '../../src/adapters/slack/blocks.ts';
import { renderModal } from '../../src/adapters/slack/modal.ts';
import { formCard, replyCard } from '../../src/adapters/teams/cards.ts';
import { declineForm, invitationReply } from '../../src/views/attendance.ts';
import { cardProblems } from '../adapters/teams/validate-card.ts';
import { attendanceApp } from '../domain/attendance/helpers.ts';

function invitation() {
  const t = attendanceApp();
  const session = t.create();
  return { t, session, reply: invitationReply(session) };
}

describe('the invitation on Slack and Teams', () => {
  it('is Block Kit with the session fields, the caller mentioned and the three routable buttons', () => {
    const { t, reply } = invitation();
    const blocks = replyBlocks(reply, (id) =>
      id === t.coordinator.id ? { name: t.coordinator.name, slackId: 'U01COORD' } : undefined,
    );
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Invitación: Capacitación en indicadores de gestión', emoji: true },
    });
    expect(blocks[2]).toMatchObject({
      type: 'section',
      fields: [
        { text: '*Cuándo*\njueves 10 de septiembre de 2026, 09:00 – 11:00 (hora de Bogotá)' },
        { text: '*Dónde*\nSala de juntas, Alcaldía de Pasto' },
        { text: expect.stringMatching(/^\*Tarea del plan\*\n3\.3 Impartir directrices/) },
        { text: '*Convoca*\n<@U01COORD>' },
      ],
    });
    const button = (text: string, action: string, style?: string) => ({
      type: 'button',
      text: { type: 'plain_text', text, emoji: true },
      action_id: action,
      value: '1',
      ...(style ? { style } : {}),
    });
    expect(blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [
        button('Confirmo asistencia', 'asistencia.confirmar#1', 'primary'),
        button('No podré asistir', 'asistencia.declinar#2', 'danger'),
        button('Estoy presente', 'asistencia.presente#3'),
      ],
    });
  });

  it('is a valid Adaptive Card 1.5 whose buttons carry the action and the session', () => {
    const { reply } = invitation();
    const card = replyCard(reply, () => ({ name: 'Coordinación MIPG (ejemplo)', teamsId: null }));
    expect(cardProblems(card)).toEqual([]);
    const actions = (card.body.at(-1) as { actions: { title: string; style?: string; data: unknown }[] })
      .actions;
    expect(actions.map((a) => [a.title, a.style, a.data])).toEqual([
      [
        'Confirmo asistencia',
        'positive',
        { mipg: { kind: 'button', actionId: 'asistencia.confirmar', value: '1' } },
      ],
      [
        'No podré asistir',
        'destructive',
        { mipg: { kind: 'button', actionId: 'asistencia.declinar', value: '1' } },
      ],
      [
        'Estoy presente',
        undefined,
        { mipg: { kind: 'button', actionId: 'asistencia.presente', value: '1' } },
      ],
    ]);
  });

  it('opens its forms as a Slack modal and a valid Teams card', () => {
    const { t, session } = invitation();
    const decline = renderModal(declineForm(session));
    expect(decline.title).toEqual({ type: 'plain_text', text: 'No podré asistir', emoji: true });
    expect(cardProblems(formCard(declineForm(session)))).toEqual([]);
    const create = renderModal(newSessionForm(t.app));
    expect(create.blocks.map((b) => ('element' in b ? b.element.type : b.type))).toEqual([
      'plain_text_input',
      'datetimepicker',
      'datetimepicker',
      'plain_text_input',
      'plain_text_input',
      'static_select',
      'plain_text_input',
    ]);
    expect(cardProblems(formCard(newSessionForm(t.app)))).toEqual([]);
  });
});
