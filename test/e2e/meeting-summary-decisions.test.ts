/**
 * "Beslut och uppföljning" after the meeting: what was agreed and completed at it, shown once.
 */

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPriority } from '../../src/db/priority-changes.repository.js';
import type { MeetingSchedule } from '../../src/domain/schedule.js';
import { MEETING_CHANNEL, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { meeting, plus, postsTo, startCycleApps, textOf, tickAt } from '../support/cycle.js';
import { blockAction, type ViewState, viewSubmission } from '../support/payloads.js';
import type { SlackFake } from '../support/slack-fake.js';

/**
 * "Beslut och uppföljning" tells each priority once, under what it came to at the meeting, and never shows a
 * follow-up date that has passed as if it were the next one.
 */
describe('"Beslut och uppföljning" after the meeting', () => {
  const clock = new ManualClock('2026-12-01T09:00:00Z');
  const POL = 'U0PPOL1';
  let app: TestApp;
  let slack: SlackFake;
  let schedule: MeetingSchedule;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    const started = await startCycleApps({ clock, members: { polisen: [POL] } });
    [app] = started.apps as [TestApp];
    slack = started.slack;
    schedule = started.schedule;
    stop = started.stop;
  });
  afterAll(async () => {
    await stop?.();
  });

  async function opened(send: () => Promise<Response>) {
    const before = slack.succeeded('views.open').length;
    expect((await send()).status).toBe(200);
    await slack.waitFor(() => slack.succeeded('views.open').length > before, 10_000, 'views.open');
    // biome-ignore lint/suspicious/noExplicitAny: a view as the fake decoded it.
    return slack.succeeded('views.open').at(-1)?.view as Record<string, any>;
  }

  async function submit(callbackId: string, metadata: string, values: ViewState) {
    const res = await app.send(
      viewSubmission({ userId: POL, callbackId, privateMetadata: metadata, values }),
    );
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  }

  const followUp = (note: string, status: string | null): ViewState => ({
    note: { value: { type: 'plain_text_input', value: note } },
    status: { value: { type: 'static_select', selected_option: status === null ? null : { value: status } } },
    followUpDate: { value: { type: 'datepicker', selected_date: null } },
  });

  const followUpForm = (id: number) =>
    opened(() =>
      app.send(
        blockAction({
          userId: POL,
          actionId: 'prioritet_folj_upp',
          value: String(id),
          responseUrl: slack.responseUrl(),
        }),
      ),
    );

  it('shows a priority agreed and completed at the meeting once, and no passed follow-up date', async () => {
    const week = '2026-W49';
    const m = meeting(week, schedule);
    const { priority: due } = await createPriority(
      app.app.deps.db,
      {
        title: 'Belysning i gångtunneln',
        description: null,
        areaKeys: ['trafik'],
        partyKeys: ['polisen'],
        contactUserId: null,
        followUpDate: m.date,
        effectShort: null,
        effectLong: null,
        citizenPromise: null,
        agreedWeek: '2026-W47',
        idempotencyKey: randomUUID(),
      },
      { actorUserId: POL, at: new Date('2026-11-20T09:30:00Z') },
    );

    clock.set(plus(m.startsAt, 10));
    // Followed up at the meeting without a new date.
    const form = await followUpForm(due.id);
    await submit('prioritet_uppfoljning', form.private_metadata, followUp('Lamporna är beställda.', null));

    // Agreed at the meeting and completed in the same meeting.
    const modal = await opened(() =>
      app.send(
        blockAction({ userId: POL, actionId: 'prioritet_ny', value: week, responseUrl: slack.responseUrl() }),
      ),
    );
    await submit('prioritet_spara', modal.private_metadata, {
      title: { value: { type: 'plain_text_input', value: 'Städdag vid stationen' } },
      description: { value: { type: 'plain_text_input', value: '' } },
      areas: { value: { type: 'multi_static_select', selected_options: [{ value: 'trafik' }] } },
      parties: { value: { type: 'multi_static_select', selected_options: [{ value: 'polisen' }] } },
      contactUserId: { value: { type: 'users_select', selected_user: null } },
      followUpDate: { value: { type: 'datepicker', selected_date: null } },
      effectShort: { value: { type: 'plain_text_input', value: '' } },
      effectLong: { value: { type: 'plain_text_input', value: '' } },
      citizenPromise: { value: { type: 'plain_text_input', value: '' } },
    });
    const created = await app.app.deps.db
      .selectFrom('joint_priorities')
      .select('id')
      .where('title', '=', 'Städdag vid stationen')
      .executeTakeFirstOrThrow();
    const closing = await followUpForm(created.id);
    await submit(
      'prioritet_uppfoljning',
      closing.private_metadata,
      followUp('Gjord samma dag.', 'genomford'),
    );

    await tickAt([app], clock, m.endsAt);
    await tickAt([app], clock, plus(m.endsAt, 1));
    const [summary] = postsTo(slack, MEETING_CHANNEL).filter((p) =>
      textOf(p.args).includes('Beslut och uppföljning v. 49'),
    );
    const text = textOf(summary?.args ?? {});

    // Once, under what it came to.
    expect(text.split('Städdag vid stationen')).toHaveLength(2);
    expect(text).not.toContain('Nya gemensamma prioriteringar');
    expect(text.indexOf('Städdag vid stationen')).toBeGreaterThan(text.indexOf('Genomförda (1)'));
    expect(text).toContain('Gjord samma dag.');

    // Followed up without a new date: the date that has passed is not shown as the next one.
    const followedUp = text.slice(text.indexOf('Uppföljda (1)'), text.indexOf('Genomförda (1)'));
    expect(followedUp).toContain('Belysning i gångtunneln');
    expect(followedUp).not.toContain('fredag 4 december 2026');
    expect(followedUp).toContain('Nästa uppföljning: _inget nytt datum satt_');
  });
});
