import type { MenuTopic } from '../topic-menu.ts';

/** One subject of /reportar: `indicador`, `riesgos`, `riesgo materializado`… (names may have several words). */
export type ReportTopic = MenuTopic;
