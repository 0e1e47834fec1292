import type { MenuTopic } from '../topic-menu.ts';

/** One subject of /estado: `tareas`, `indicadores`, `riesgos`… (one usage line each). */
export type StatusTopic = MenuTopic & { usage: string };
