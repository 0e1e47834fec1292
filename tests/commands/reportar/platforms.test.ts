import { describe, expect, it } from 'vitest';
import { renderModal } from '../../../src/adapters/slack/modal.ts';
import { renderMessages } from '../../../src/adapters/slack/pages.ts';
import { formCard, replyCard } from '../../../src/adapters/teams/cards.ts';
import { cardProblems } from '../../adapters/teams/validate-card.ts';
import { COORDINATOR, testApp } from '../../helpers/app.ts';

const LEADER = 'lider.gth@ejemplo.pasto.gov.co';

describe('indicator replies and forms as Slack and Teams show them', () => {
  it('opens the form as a Slack modal with the periods as a select and numbers as number inputs', async () => {
    const { say } = testApp('2026-10-20');
    const reply = await say(LEADER, '/reportar indicador GTH-01', 'slack');
    if (!reply.form) throw new Error('no form');
    const modal = renderModal(reply.form);
    expect(modal.callback_id).toBe('indicador.reportar');
    expect(JSON.parse(modal.private_metadata ?? '{}')).toEqual({ form: 'GTH-01' });
    const [period, numerator] = modal.blocks as {
      element: { type: string; initial_option?: { value: string }; options?: unknown[] };
    }[];
    expect(period?.element).toMatchObject({ type: 'static_select', initial_option: { value: '2026-T3' } });
    expect(numerator?.element.type).toBe('number_input');
    expect(cardProblems(formCard(reply.form))).toEqual([]);
  });

  it('keeps the coordinator’s form and the status replies within Slack limits and valid as Teams cards', async () => {
    const { say } = testApp('2026-10-20');
    await say(LEADER, '/reportar indicador GTH-01 2026-T3 45/50 https://intranet.pasto.gov.co/x.xlsx');
    const form = (await say(COORDINATOR, '/reportar indicador', 'slack')).form;
    if (!form) throw new Error('no form');
    const select = renderModal(form).blocks[0] as { element: { options: unknown[] } };
    expect(select.element.options).toHaveLength(61);
    for (const command of ['/estado indicadores', '/estado indicadores GTH-01', '/pendientes']) {
      const reply = await say(COORDINATOR, command, 'teams');
      const messages = renderMessages(reply);
      expect(messages, command).toHaveLength(1);
      expect(messages[0]?.blocks?.length ?? 0, command).toBeLessThanOrEqual(50);
      expect(JSON.stringify(messages[0]?.blocks).length, command).toBeLessThan(12_000);
      expect(cardProblems(replyCard(reply, () => undefined)), command).toEqual([]);
    }
  });
});
