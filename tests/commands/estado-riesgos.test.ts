import { describe, expect, it } from 'vitest';
import { renderMessages } from '../../src/adapters/slack/pages.ts';
import { replyCard } from '../../src/adapters/teams/cards.ts';
import type { Block } from '../../src/chat/reply.ts';
import { heatMapSvg, MAX_PNG_BYTES, riskHeatMapPng } from '../../src/domain/risks/heatmap-png.ts';
import { impactLevels, probabilityLevels } from '../../src/domain/risks/levels.ts';
import { heatCounts } from '../../src/domain/risks/overview.ts';
import type { RiskView } from '../../src/domain/risks/register-store.ts';
import { cardProblems } from '../adapters/teams/validate-card.ts';
import { COORDINATOR, snapshot } from '../helpers/app.ts';
import { LEADER_GF, LEADER_GTH, MATRIX_URL, MIPG_MEMBER, riskApp } from './riesgos-helpers.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('/estado riesgos for the coordinator', () => {
  it('gives the overview as text in the terminal, with the heat map as a grid', async () => {
    const { sayText } = riskApp();
    const text = await sayText(COORDINATOR, '/estado riesgos');
    expect(text).toContain('Riesgos · vigencia 2026');
    expect(text).toContain('Procesos: 29\nMatrices pendientes: 29\nActualizadas (por verificar): 0');
    expect(text).toContain('Riesgos registrados: 11');
    expect(text).toContain('Matrices por actualizar:\n  • AC · Atención al Ciudadano (ejemplo)');
    expect(text).toContain('… y 14 más');
    expect(text).toMatch(/🔴 Extremo +3 +2\n🟠 Alto +5 +4\n🟡 Moderado +2 +4\n🟢 Bajo +1 +1/);
    // A long example description is cut, but keeps its «(ejemplo)» mark.
    expect(text).toContain(
      'Riesgos residuales extremos y altos:\n  • 🔴 *R-GC-01* · GC · Direccionamiento de procesos contractuales para favorecer a… (ejemplo) · residual Extremo',
    );
    expect(text).toContain('Riesgos de corrupción:');
    expect(text).toContain(
      '🟠 *R-AC-02* · AC · Cobro indebido por agilizar trámites (ejemplo) · residual Alto',
    );
    expect(text).toContain('No se han reportado riesgos materializados.');
    // The grid: rows from muy alta down, each cell its zone letter and inherent → residual counts.
    expect(text).toMatch(/Muy alta +A · +A · +A 1 → 0 +A 1 → 0 +E ·\n/);
    expect(text).toMatch(/Baja +B · +M · +M 0 → 4 +A 2 → 3 +E 1 → 2\n/);
    expect(text).toMatch(/Muy baja +B · +B 1 → 1 +M · +A 0 → 1 +E ·\n/);
    expect(text).not.toContain('imagen');
  });

  it('sends a PNG heat map on Slack and Teams instead of the grid, within their limits', async () => {
    const { say } = riskApp();
    const reply = await say(COORDINATOR, '/estado riesgos', 'slack');
    const images = reply.blocks.filter((b): b is Extract<Block, { kind: 'image' }> => b.kind === 'image');
    expect(images).toHaveLength(1);
    const png = images[0]?.png ?? new Uint8Array();
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.byteLength).toBeLessThan(MAX_PNG_BYTES);
    expect(reply.blocks.some((b) => b.kind === 'table' && b.title?.startsWith('Mapa de calor'))).toBe(false);

    const slack = renderMessages(reply);
    const slackText = JSON.stringify(slack);
    expect(slackText).toContain('Mapa de calor de riesgos 2026');
    expect(slackText).toContain('R-GC-01');

    const card = replyCard(reply, () => undefined);
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('data:image/png;base64,');
  });

  it('lists every residual extreme risk with its treatment and who answers for it', async () => {
    const { sayText } = riskApp();
    const text = await sayText(COORDINATOR, '/estado riesgos extremos');
    expect(text).toContain('Riesgos residuales extremos de todos los procesos · 2026');
    expect(text).toContain('🔴 *R-GC-01* · GC ·');
    expect(text).toContain('· reducir · Líder de Gestión del Talento Humano (ejemplo)');
    expect(text).toContain('3 riesgos estaban en zona extrema antes de controles; 2 siguen en ella.');
  });

  it('drills into one process by code or by part of its name', async () => {
    const { sayText } = riskApp();
    const byName = await sayText(COORDINATOR, '/estado riesgos talento humano');
    expect(byName).toContain('Riesgos de GTH · Gestión del Talento Humano (ejemplo) · 2026');
    expect(byName).toContain('Matriz de riesgos: Pendiente');
    expect(byName).toContain(
      '🔴 *R-GTH-02* · Vinculación de personal sin cumplir requisitos a… (ejemplo) · Extremo → Extremo',
    );
    expect(byName).toContain(
      '🟢 *R-GTH-03* · Pérdida de historias laborales en papel (ejemplo) · Bajo → Bajo · aceptar',
    );
    expect(byName).toMatch(/Baja +B · +M · +M · +A 1 → 0 +E 1 → 1/);
    const empty = await sayText(COORDINATOR, '/estado riesgos CI');
    expect(empty).toContain('El proceso CI no tiene riesgos cargados para 2026.');
    expect(await sayText(COORDINATOR, '/estado riesgos gestion')).toContain('coincide con varios procesos');
    expect(await sayText(COORDINATOR, '/estado riesgos XYZ')).toContain('No conozco el proceso «XYZ».');
  });

  it('shows the MIPG team the same overview as the coordinator', async () => {
    const { sayText } = riskApp();
    expect(await sayText(MIPG_MEMBER, '/estado riesgos')).toContain('Riesgos · vigencia 2026');
  });
});

describe('the risk vigencia follows the plan in force', () => {
  it('keeps the 2026 matrices in January 2027 while no 2027 plan is loaded', async () => {
    const { app, clock, sayText } = riskApp('2026-12-01');
    await sayText(LEADER_GTH, `/reportar riesgos ${MATRIX_URL}`);
    clock.set('2027-01-15');
    const overview = await sayText(COORDINATOR, '/estado riesgos');
    expect(overview).toContain('Riesgos · vigencia 2026');
    expect(overview).toContain('Riesgos registrados: 11');
    expect(overview).toContain('Actualizadas (por verificar): 1');
    expect(await sayText(LEADER_GTH, '/riesgo R-GTH-01')).toContain('R-GTH-01');
    expect(await sayText(COORDINATOR, '/verificar riesgos GTH')).toContain('quedó *verificada*');
    const matrices = app.db.$client.prepare('SELECT year, state FROM risk_matrices').all();
    expect(matrices).toEqual([{ year: 2026, state: 'verificada' }]);
  });
});

describe('/estado riesgos for a leader', () => {
  it('shows only their own process, and refuses another one without storing anything', async () => {
    const { app, sayText } = riskApp();
    const own = await sayText(LEADER_GTH, '/estado riesgos');
    expect(own).toContain('Riesgos de GTH · Gestión del Talento Humano (ejemplo) · 2026');
    expect(own).toContain('[Reportar matriz actualizada] → /reportar riesgos GTH <enlace> [nota]');
    expect(own).not.toContain('[Verificar]');

    const extremes = await sayText(LEADER_GTH, '/estado riesgos extremos');
    expect(extremes).toContain('Riesgos residuales extremos del proceso GTH');
    expect(extremes).toContain('R-GTH-02');
    expect(extremes).not.toContain('R-GC-01');

    const before = snapshot(app);
    const other = await sayText(LEADER_GTH, '/estado riesgos GF');
    expect(other).toContain(
      'Solo la coordinación y el Equipo MIPG ven la matriz de riesgos de otros procesos (GF).',
    );
    expect(snapshot(app)).toEqual(before);
    expect(await sayText(LEADER_GF, '/estado riesgos')).toContain('Riesgos de GF');
  });
});

describe('the heat map picture', () => {
  it('draws every cell in its zone colour with the counts before and after controls', () => {
    const risks = [
      {
        inherentProbability: 'alta',
        inherentImpact: 'catastrofico',
        residualProbability: 'baja',
        residualImpact: 'mayor',
      },
      {
        inherentProbability: 'alta',
        inherentImpact: 'catastrofico',
        residualProbability: 'alta',
        residualImpact: 'mayor',
      },
    ] as RiskView[];
    const svg = heatMapSvg(heatCounts(risks));
    expect(svg.match(/<rect x=/g)).toHaveLength(25);
    expect(svg.match(/fill="#e0483e"/g)).toHaveLength(5); // the catastrophic column is extreme
    expect(svg.match(/fill="#7cc47f"/g)).toHaveLength(3); // bajo: muy baja × leve/menor, baja × leve
    expect(svg).toContain('>2 → 0<');
    expect(svg).toContain('>0 → 1<');
    expect(svg.match(/ → /g)).toHaveLength(4);
  });

  it('stays small enough for a Teams card with two-digit counts in every cell', () => {
    const risks: RiskView[] = [];
    for (const p of probabilityLevels)
      for (const i of impactLevels)
        for (let k = 0; k < 12; k += 1)
          risks.push({
            inherentProbability: p,
            inherentImpact: i,
            residualProbability: p,
            residualImpact: i,
          } as RiskView);
    expect(riskHeatMapPng(heatCounts(risks)).byteLength).toBeLessThan(MAX_PNG_BYTES);
  });
});
