import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES } from '../../../src/adapters/teams/cards.ts';
import { personByEmail } from '../../../src/domain/directory/people.ts';
import { personalMessage, type TeamsUser } from './activities.ts';
import { defined, texts } from './card-helpers.ts';
import { FakeConnector } from './fake-connector.ts';
import { type Harness, teamsHarness } from './harness.ts';
import { cardProblems } from './validate-card.ts';

const LEADER = 'lider.gth@ejemplo.pasto.gov.co';
const LEADER_AAD = '0c000000-0000-4000-8000-00000000c0a1';
const LINK = 'https://intranet.pasto.gov.co/indicadores/gth-03.xlsx';

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('Teams: indicator trend charts', () => {
  let h: Harness;
  let leader: TeamsUser;

  beforeEach(async () => {
    h = await teamsHarness();
    leader = h.user(LEADER, LEADER_AAD, 'Líder de Gestión del Talento Humano (ejemplo)');
  });
  afterEach(() => h.stop());

  it('shows the trend of a monthly indicator with eight months of reports as an image on the card', async () => {
    const person = defined(personByEmail(h.app.db, LEADER), 'leader');
    const months = ['01', '02', '03', '04', '05', '06', '07', '08'];
    for (const [i, month] of months.entries()) {
      const reply = await h.app.router.handleText(
        { person, platform: 'console' },
        `/reportar indicador GTH-03 2026-${month} ${(i * 7) % 5}/100 ${LINK}`,
      );
      expect(reply.tone).not.toBe('error');
    }
    await h.post(personalMessage(h.connector.url, leader, 'estado indicadores GTH-03'));
    const card = FakeConnector.card(h.connector.messages().at(-1));
    expect(cardProblems(card)).toEqual([]);
    expect(texts(card).join('\n')).not.toContain('demasiado grande');
    const image = defined(
      card.body.find((e) => e.type === 'Image'),
      'the chart',
    ) as { url: string; altText: string };
    expect(image.altText).toMatch(/^Resultados de GTH-03: 2026-01 .*2026-08 /);
    const png = Buffer.from(image.url.replace(/^data:image\/png;base64,/, ''), 'base64');
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.byteLength).toBeLessThanOrEqual(MAX_IMAGE_BYTES);
    // Drawn narrower to fit, but still wide enough to read.
    expect(pngSize(png).width).toBeGreaterThanOrEqual(320);
  });
});
