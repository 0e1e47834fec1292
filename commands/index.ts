import { combine, type Feature, type Registry } from '../src/chat/registry.ts';
import { attendanceFeature } from './asistencia.ts';
import { helpFeature } from './ayuda.ts';
import { auditFeature } from './bitacora.ts';
import { cutFeature } from './corte.ts';
import { evidenceFeature } from './cumplida.ts';
import { statusFeature } from './estado/index.ts';
import { pendingFeature } from './pendientes.ts';
import { remindersFeature } from './recordatorios.ts';
import { reportFeature } from './reportar/index.ts';
import { indicatorReportFeature } from './reportar/indicador.ts';
import { risksFeature } from './riesgos.ts';
import { tasksFeature } from './tareas.ts';

/** Every feature of the bot. A new feature adds one line here. */
const features: Feature[] = [
  tasksFeature,
  evidenceFeature,
  statusFeature,
  cutFeature,
  pendingFeature,
  risksFeature,
  reportFeature,
  indicatorReportFeature,
  attendanceFeature,
  remindersFeature,
  auditFeature,
  helpFeature(() => registry),
];

export const registry: Registry = combine(features);
