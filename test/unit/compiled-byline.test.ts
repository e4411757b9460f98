import { describe, expect, it } from 'vitest';
import type { Entry, PartyStatus } from '../../src/domain/entry.js';
import { meetingOfWeek } from '../../src/domain/schedule.js';
import { givenAt, renderCompiledPicture } from '../../src/slack/compiled.js';
import { FRIDAY_SCHEDULE } from '../support/schedule.js';

/** Each entry of the compiled picture says who gave it (a name, never a mention) and when. */
describe('the compiled picture’s bylines', () => {
  const meeting = meetingOfWeek('2026-W50', FRIDAY_SCHEDULE);
  const statuses: PartyStatus[] = [
    {
      partyKey: 'polisen',
      partyName: 'Polisen',
      entryCount: 2,
      nothingToReport: false,
      assessment: null,
      submitted: true,
    },
  ];
  const entry = (id: number, author: string, createdAt: string): Entry => ({
    id,
    meetingWeek: '2026-W50',
    partyKey: 'polisen',
    areaKey: 'trafik',
    text: `iakttagelse ${id}`,
    place: null,
    when: null,
    trend: null,
    authorUserId: author,
    source: 'kommando',
    createdAt: new Date(createdAt),
    updatedAt: new Date(createdAt),
  });
  const render = (names: ReadonlyMap<string, string>) =>
    JSON.stringify(
      renderCompiledPicture({
        meeting,
        timezone: 'Europe/Stockholm',
        statuses,
        entries: [
          entry(1, 'U0ANNA001', '2026-12-10T13:12:00Z'),
          entry(2, 'U0OKAND01', '2026-12-09T07:05:00Z'),
        ],
        areaNames: new Map([['trafik', 'Trafikbrott']]),
        authorNames: names,
      }),
    );

  it('formats the time as the meeting’s people read it, in its time zone', () => {
    expect(givenAt(new Date('2026-12-10T13:12:00Z'), 'Europe/Stockholm')).toBe('tors 10 dec. kl. 14:12');
  });

  it('names the author by name, escaped, and shows only the time when the name is not known', () => {
    const text = render(new Map([['U0ANNA001', 'Anna <@U0ANNA001> & co']]));
    expect(text).toContain('• iakttagelse 1 — _Anna &lt;@U0ANNA001&gt; &amp; co, tors 10 dec. kl. 14:12_');
    expect(text).toContain('• iakttagelse 2 — _ons 9 dec. kl. 08:05_');
    expect(text).not.toContain('<@');
  });
});
