import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { activities, people, tasks, teamMembers, teams } from '../../db/schema/index.ts';

/**
 * Grows one activity of the loaded 2026 plan to `total` tasks, as a bigger plan would have: codes
 * continue its numbering (3.6, 3.7…), each titled «Tarea de prueba 3.N», overdue by September 2026.
 */
export function fillActivity(db: Db, number: number, total: number, responsible = 'Equipo MIPG'): void {
  const activity = db.select().from(activities).where(eq(activities.number, number)).get();
  if (!activity) throw new Error(`no activity ${number} in the test plan`);
  const existing = db.select().from(tasks).where(eq(tasks.activityId, activity.id)).all();
  const last = Math.max(
    0,
    ...db
      .select({ position: tasks.position })
      .from(tasks)
      .all()
      .map((t) => t.position),
  );
  for (let n = existing.length + 1; n <= total; n += 1) {
    db.insert(tasks)
      .values({
        planId: activity.planId,
        activityId: activity.id,
        code: `${number}.${n}`,
        position: last + n,
        what: 'Fortalecer la planeación institucional',
        title: `Tarea de prueba ${number}.${n}`,
        responsible,
        startDate: '2026-02-01',
        endDate: '2026-03-31',
        evidenceExpected: '(1) acta',
      })
      .run();
  }
}

/** Adds `count` active people to the directory (persona001@…), members of `team` when given. */
export function addPeople(db: Db, count: number, team?: string): string[] {
  const teamId = team ? db.select().from(teams).where(eq(teams.name, team)).get()?.id : undefined;
  const emails: string[] = [];
  for (let i = 1; i <= count; i += 1) {
    const n = String(i).padStart(3, '0');
    const email = `persona${n}@prueba.pasto.gov.co`;
    const person = db
      .insert(people)
      .values({ name: `Persona de prueba ${n}`, email, role: 'integrante' })
      .returning()
      .get();
    if (teamId !== undefined) db.insert(teamMembers).values({ teamId, personId: person.id }).run();
    emails.push(email);
  }
  return emails;
}
