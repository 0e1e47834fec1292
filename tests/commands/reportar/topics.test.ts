import { afterEach, describe, expect, it } from 'vitest';
import { matchReportTopic, type ReportTopic, reportTopics } from '../../../commands/reportar/index.ts';
import { textReply } from '../../../src/chat/reply.ts';

const topic = (name: string): ReportTopic => ({
  name,
  summary: name,
  usage: `/reportar ${name}`,
  run: (args) => textReply(`${name}|${args}`),
});

describe('the /reportar topics registry', () => {
  const original = [...reportTopics];
  afterEach(() => {
    reportTopics.splice(0, reportTopics.length, ...original);
  });

  it('matches the longest topic name, ignoring case and accents, and keeps the rest as typed', () => {
    reportTopics.push(topic('riesgo'), topic('riesgo materializado'));
    expect(matchReportTopic('Riesgo Materializado GTH-R1 Se perdió el expediente')).toMatchObject({
      topic: { name: 'riesgo materializado' },
      rest: 'GTH-R1 Se perdió el expediente',
    });
    expect(matchReportTopic('riesgo GTH-R1')).toMatchObject({ topic: { name: 'riesgo' }, rest: 'GTH-R1' });
    expect(matchReportTopic('INDICADOR GTH-01 2026-T3')).toMatchObject({
      topic: { name: 'indicador' },
      rest: 'GTH-01 2026-T3',
    });
    expect(matchReportTopic('indicadores')).toBeUndefined();
    expect(matchReportTopic('riesgomaterializado')).toBeUndefined();
  });
});
