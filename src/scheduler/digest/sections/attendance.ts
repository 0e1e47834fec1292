import { attendeesOf, countAttendance, sessionsStartingBetween } from '../../../domain/attendance/store.ts';
import { bogotaWallClock } from '../../../domain/attendance/time.ts';
import { addCalendarDays, bogotaInstant } from '../../../domain/clock.ts';
import { weekSessionsBlocks } from '../../../views/attendance.ts';
import type { DigestSection } from '../section.ts';

/** «Sesiones de esta semana»: sessions starting from D to D + 6 (Bogotá), with their confirmations. */
export const weekSessionsSection: DigestSection = {
  id: 'sesiones',
  build({ db, date, weekEnd }) {
    const from = bogotaInstant(date).toISOString();
    const to = bogotaInstant(addCalendarDays(weekEnd, 1)).toISOString();
    const sessions = sessionsStartingBetween(db, from, to).map((session) => ({
      session,
      counts: countAttendance(attendeesOf(db, session.id)),
    }));
    return {
      json: {
        sessionsThisWeek: sessions.map(({ session, counts }) => ({
          id: session.id,
          title: session.title,
          start: bogotaWallClock(session.startsAt),
          end: bogotaWallClock(session.endsAt),
          place: session.place,
          task: session.taskCode,
          counts,
        })),
      },
      blocks: weekSessionsBlocks(sessions),
      due: false,
    };
  },
};
