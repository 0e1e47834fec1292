import { describe, expect, it } from 'vitest';
import { cleanText, quotedMessageId } from '../../../src/adapters/teams/threads.ts';

describe('typed text from Teams', () => {
  it('drops a bot mention Teams left in, and decodes the HTML entities Teams writes', () => {
    expect(cleanText('<at>Planeación MIPG</at>&nbsp;estado riesgos')).toBe('estado riesgos');
    expect(cleanText('  <at>Planeación MIPG</at> <at>Otro</at> tareas  ')).toBe('tareas');
    expect(cleanText('cumplida 2.3 https://x.gov.co/a?b=1&amp;c=2 &quot;acta&quot; &lt;firmada&gt;')).toBe(
      'cumplida 2.3 https://x.gov.co/a?b=1&c=2 "acta" <firmada>',
    );
    expect(cleanText('tarea 2.3 con <at>Ana</at>')).toBe('tarea 2.3 con <at>Ana</at>');
  });

  it('drops the placeholder of a quoted message, so a quoted command is still a command', () => {
    expect(cleanText('<quoted messageId="1757260800123"/> cumplida 1.1 https://x.gov.co/a.pdf')).toBe(
      'cumplida 1.1 https://x.gov.co/a.pdf',
    );
  });
});

describe('the message a person quoted with «Responder»', () => {
  it('comes from the quotedReply entity current clients send', () => {
    const entities = [
      { type: 'clientInfo', locale: 'es-CO' },
      { type: 'quotedReply', quotedReply: { messageId: '1757260800123', senderName: 'Planeación MIPG' } },
    ];
    expect(quotedMessageId({ entities })).toBe('1757260800123');
  });

  it('comes from the reply blockquote of older clients’ HTML attachment', () => {
    const content =
      '<blockquote itemscope="" itemtype="http://schema.skype.com/Reply" itemid="1757260800456">' +
      '<strong>Planeación MIPG</strong><p>Recordatorio · Tarea 1.1</p></blockquote><p>https://x.gov.co/a.pdf</p>';
    expect(quotedMessageId({ attachments: [{ contentType: 'text/html', content }] })).toBe('1757260800456');
  });

  it('is none for a plain message', () => {
    expect(
      quotedMessageId({
        entities: [{ type: 'clientInfo' }],
        attachments: [{ contentType: 'text/html', content: '<p>hola</p>' }],
      }),
    ).toBeUndefined();
  });
});
