import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/database.js';
import { addMember } from '../../src/db/members.repository.js';
import { ADMIN, startTestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { slashCommand } from '../support/payloads.js';

describe('stopping the app', () => {
  it('finishes storing submissions it has already acked before it closes the database', async () => {
    const clock = new ManualClock('2026-12-01T09:00:00Z');
    const t = await startTestApp({ clock });
    const db = createDatabase(t.databaseUrl);
    try {
      await addMember(db, { userId: 'U0POLIS01', partyKey: 'polisen' }, ADMIN);
      // A burst of one-liners, each acked at once; their storing runs after the ack.
      const acks = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t.send(
            slashCommand({
              command: '/lagesbild',
              text: `trafik: kontroll nummer ${i} vid E22`,
              userId: 'U0POLIS01',
              responseUrl: t.slack.responseUrl(),
            }),
          ),
        ),
      );
      expect(acks.map((res) => res.status)).toEqual(Array(20).fill(200));

      await t.stop();

      const stored = await db
        .selectFrom('entries')
        .select('text')
        .where('meeting_week', '=', '2026-W49')
        .execute();
      expect(stored).toHaveLength(20);
      expect(t.slack.responses).toHaveLength(20);
    } finally {
      await db.destroy();
      await t.stop();
    }
  });
});
