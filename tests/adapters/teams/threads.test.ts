import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../src/adapters/teams/threads.ts';

describe('typed text from Teams', () => {
  it('drops a bot mention Teams left in, and decodes the HTML entities Teams writes', () => {
    expect(cleanText('<at>Planeación MIPG</at>&nbsp;estado riesgos')).toBe('estado riesgos');
    expect(cleanText('  <at>Planeación MIPG</at> <at>Otro</at> tareas  ')).toBe('tareas');
    expect(cleanText('cumplida 2.3 https://x.gov.co/a?b=1&amp;c=2 &quot;acta&quot; &lt;firmada&gt;')).toBe(
      'cumplida 2.3 https://x.gov.co/a?b=1&c=2 "acta" <firmada>',
    );
    expect(cleanText('tarea 2.3 con <at>Ana</at>')).toBe('tarea 2.3 con <at>Ana</at>');
  });
});
