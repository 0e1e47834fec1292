import type { CommandDef, Feature } from '../../src/chat/registry.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { normalize } from '../../src/domain/text.ts';
import { splitHead } from '../args.ts';
import { topicAction, topicMenu } from '../topic-menu.ts';
import { indicatorReport } from './indicador.ts';
import { materializedReport, riskMatrixReport } from './riesgos.ts';
import type { ReportTopic } from './topic.ts';

export type { ReportTopic } from './topic.ts';

/** Each feature adds its topic here. */
export const reportTopics: ReportTopic[] = [indicatorReport, riskMatrixReport, materializedReport];

const wordCount = (text: string) => text.split(' ').length;

/**
 * The topic whose name starts the arguments, trying longer names first so that
 * «riesgo materializado» wins over a shorter «riesgo»; the rest keeps its original case.
 */
export function matchReportTopic(args: string): { topic: ReportTopic; rest: string } | undefined {
  const typed = normalize(args);
  const byLength = [...reportTopics].sort((a, b) => wordCount(b.name) - wordCount(a.name));
  for (const topic of byLength) {
    const name = normalize(topic.name);
    if (typed === name || typed.startsWith(`${name} `)) {
      return { topic, rest: splitHead(args, wordCount(name)).rest };
    }
  }
  return undefined;
}

/** Bare «reportar» (Teams' command menu sends it so) offers the topics. */
const reportMenu = {
  command: 'reportar',
  title: 'Reportar · ¿qué quiere reportar?',
  actionId: 'reportar.tema',
};

const reportar: CommandDef = {
  name: 'reportar',
  get summary() {
    return `Reporta lo que le corresponde a su proceso: ${reportTopics.map((t) => t.name).join(', ')}.`;
  },
  get usage() {
    return reportTopics.flatMap((t) => t.usage);
  },
  /** Every topic reports something, and the bare menu offers only those buttons. */
  writes: true,
  run(args, ctx) {
    const match = matchReportTopic(args);
    if (!match) {
      const typed = splitHead(args, 1).head[0] ?? '';
      // Only the indicator report starts without more words: its form asks for the rest.
      if (!typed) return topicMenu({ ...reportMenu, topics: reportTopics, pressable: [indicatorReport] });
      throw new DomainError(
        `No conozco el tema «${typed}» de /reportar.`,
        `Temas: ${reportTopics.map((t) => t.name).join(', ')}.`,
        `Ejemplo: /reportar ${reportTopics[0]?.name ?? 'indicador'}`,
      );
    }
    return match.topic.run(match.rest, ctx);
  },
};

export const reportFeature: Feature = {
  commands: [reportar],
  actions: [topicAction(reportMenu.actionId, reportTopics, true)],
};
