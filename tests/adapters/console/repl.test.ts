import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runConsole } from '../../../src/adapters/console/repl.ts';
import { COORDINATOR, testApp } from '../../helpers/app.ts';

/** Runs the terminal on the given input, written all at once (as a pipe does), and returns what it printed. */
async function piped(input: string): Promise<string> {
  const { app, person } = testApp('2026-10-15');
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  let printed = '';
  stdout.on('data', (chunk: Buffer) => {
    printed += chunk.toString('utf8');
  });
  stdin.end(input);
  await runConsole(app, person(COORDINATOR), stdin, stdout);
  app.db.$client.close();
  return printed;
}

describe('the terminal', () => {
  it('answers every line piped at once, in order, then ends with the input', async () => {
    const printed = await piped('/estado tareas\n/tarea 2.3\n/ayuda\n');
    const estado = printed.indexOf('Estado de las tareas · Plan 2026');
    const tarea = printed.indexOf('Tarea 2.3');
    const ayuda = printed.indexOf('/reportar');
    expect(estado).toBeGreaterThan(0);
    expect(tarea).toBeGreaterThan(estado);
    expect(ayuda).toBeGreaterThan(tarea);
  });

  it('takes a form’s answers from the lines that follow the command', async () => {
    const link = 'https://intranet.pasto.gov.co/gth/t3.pdf';
    const printed = await piped(
      `/reportar indicador\nGTH-01\n2026-T3\n45\n50\n${link}\nSegún lo previsto\n/ayuda\n`,
    );
    expect(printed).toContain('Reporte de GTH-01 para 2026-T3 (3.er trimestre de 2026) registrado.');
    expect(printed).toContain('Resultado: 90 % (45/50)');
    expect(printed.lastIndexOf('/reportar')).toBeGreaterThan(printed.indexOf('registrado.'));
  });
});
