import type { DigestSection } from '../section.ts';
import { weekSessionsSection } from './attendance.ts';
import { helpRequestsSection } from './help-requests.ts';
import { indicatorReportsSection } from './indicator-reports.ts';
import { progressSection } from './progress.ts';
import { riskMatricesSection } from './risk-matrices.ts';
import { taskListsSection } from './tasks.ts';

/** The digest's sections, in the order they are shown. A feature adds its section with one line. */
export const digestSections: DigestSection[] = [
  taskListsSection,
  helpRequestsSection,
  progressSection,
  riskMatricesSection,
  indicatorReportsSection,
  weekSessionsSection,
];

/** A plan's own digest (its leader's channel) keeps only what is about its tasks: the lists and the progress. */
export function planDigestSections(sections: DigestSection[]): DigestSection[] {
  return sections.filter((s) => s.id === taskListsSection.id || s.id === progressSection.id);
}
