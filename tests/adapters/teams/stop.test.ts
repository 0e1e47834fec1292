import { afterEach, describe, expect, it, vi } from 'vitest';
import { COORDINATOR } from '../../helpers/app.ts';
import { personalMessage } from './activities.ts';
import { FakeConnector } from './fake-connector.ts';
import { type Harness, teamsHarness } from './harness.ts';

let h: Harness;
afterEach(async () => h.stop());

describe('stopping the Teams endpoint', () => {
  it('takes no new request, answers the one in progress, then closes', async () => {
    h = await teamsHarness();
    const user = h.user(COORDINATOR, '0c000000-0000-4000-8000-00000000c001');
    h.connector.latency = (call) => (call.path.includes('/activities') ? 1000 : 0);
    const answering = h.post(personalMessage(h.connector.url, user, 'tareas'));
    await vi.waitFor(() => expect(h.connector.calls.some((c) => c.path.includes('/activities'))).toBe(true));

    const stopping = h.teams.stop();
    await expect(h.post(personalMessage(h.connector.url, user, 'pendientes'))).rejects.toThrow();
    expect((await answering).status).toBe(200);
    await stopping;
    const [reply] = h.connector.messages();
    expect(reply?.sentId).toBe('respuesta-1');
    expect(FakeConnector.card(reply).body.length).toBeGreaterThan(0);
    expect(h.connector.messages()).toHaveLength(1);
  });
});
