/**
 * The priority forms' handlers on a fake request context: field errors, and where a saved priority is confirmed.
 */

import { randomUUID } from 'node:crypto';
import type { ViewSubmitAction } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveFollowUp, savePriority } from '../../commands/prioritet/forms.js';
import type { Db } from '../../src/db/database.js';
import { getPriority } from '../../src/db/priorities.repository.js';
import { createPriority } from '../../src/db/priority-changes.repository.js';
import type { Actor } from '../../src/domain/actor.js';
import { sv } from '../../src/i18n/sv.js';
import type { ViewContext } from '../../src/kit/kit.js';
import {
  FOLLOW_UP_METADATA,
  type FollowUpFormMetadata,
  PRIORITY_METADATA,
  type PriorityFormMetadata,
} from '../../src/slack/priority-modal-data.js';
import { freshDatabase } from '../support/db.js';
import { type FakeRequest, fakeRequestContext } from '../support/request-context.js';

/**
 * The priority forms' submissions, called as the kit calls them with a fake context (test/support/
 * request-context.ts) on a real database: what they answer in the ack (field errors, as the plain text Slack
 * shows them in), and what they confirm after it.
 */

const NOW = new Date('2026-12-01T09:00:00Z');
const member: Actor = { userId: 'U0KOMMUN', partyKeys: ['kommunen'], isAdmin: false };
const leaver: Actor = { userId: 'U0LEAVER', partyKeys: [], isAdmin: false };
const RESPONSE_URL = 'https://hooks.slack.test/response/2';

let db: Db;
beforeAll(async () => {
  ({ db } = await freshDatabase());
  await db.insertInto('admins').values({ user_id: 'U0ADMIN', added_by: null }).execute();
  // A party whose name mrkdwn would escape: a field error must show it as it is.
  await db
    .insertInto('parties')
    .values({ key: 'brand', name: 'Räddningstjänst & räddning', sort_order: 50 })
    .execute();
});
afterAll(async () => {
  await db?.destroy();
});

type Values = ViewSubmitAction['view']['state']['values'];

function submission<M>(actor: Actor, metadata: M, values: Values): FakeRequest & { ctx: ViewContext<M> } {
  const request = fakeRequestContext({ actor, now: NOW, via: 'modal', db });
  return { ...request, ctx: { ...request.ctx, metadata, values } };
}

const text = (value: string) => ({ value: { type: 'plain_text_input', value } });
const options = (values: string[]) => ({
  value: {
    type: 'multi_static_select',
    selected_options: values.map((value) => ({ value, text: { type: 'plain_text' as const, text: value } })),
  },
});

function priorityValues(title: string, parties: string[]): Values {
  return {
    title: text(title),
    description: text(''),
    areas: options(['trafik']),
    parties: options(parties),
    contactUserId: { value: { type: 'users_select', selected_user: null } },
    followUpDate: { value: { type: 'datepicker', selected_date: null } },
    effectShort: text(''),
    effectLong: text(''),
    citizenPromise: text(''),
  } as unknown as Values;
}

function followUpValues(note: string, status: string | null): Values {
  return {
    note: text(note),
    status: { value: { type: 'static_select', selected_option: status === null ? null : { value: status } } },
    followUpDate: { value: { type: 'datepicker', selected_date: null } },
  } as unknown as Values;
}

function newForm(over: Partial<PriorityFormMetadata> = {}): PriorityFormMetadata {
  return PRIORITY_METADATA.parse({
    key: randomUUID(),
    week: '2026-W49',
    priorityId: null,
    openedAt: null,
    channelId: 'C0MEETING',
    responseUrl: RESPONSE_URL,
    issuedAt: NOW.toISOString(),
    ...over,
  });
}

async function seed(partyKeys: string[]) {
  const { priority } = await createPriority(
    db,
    {
      title: 'Brandsäkerhet i flerbostadshus',
      description: null,
      areaKeys: ['trafik'],
      partyKeys,
      contactUserId: null,
      followUpDate: '2026-12-04',
      effectShort: null,
      effectLong: null,
      citizenPromise: null,
      agreedWeek: '2026-W48',
      idempotencyKey: randomUUID(),
    },
    { actorUserId: member.userId, at: NOW },
  );
  return priority;
}

describe('a field error', () => {
  it('tells a member who left their party while the form was open, without a raw mention', async () => {
    const form = submission(leaver, newForm(), priorityValues('Från någon som gått', ['kommunen']));
    expect(await savePriority(form.ctx)).toEqual({
      response_action: 'errors',
      errors: { title: sv.prioritet.notMemberUnnamed },
    });
    const priority = await seed(['kommunen']);
    const metadata: FollowUpFormMetadata = FOLLOW_UP_METADATA.parse({
      key: randomUUID(),
      priorityId: priority.id,
      channelId: null,
      responseUrl: null,
    });
    const followUp = submission(leaver, metadata, followUpValues('Anteckning.', null));
    expect(await saveFollowUp(followUp.ctx)).toEqual({
      response_action: 'errors',
      errors: { note: sv.prioritet.notMemberUnnamed },
    });
    expect(form.replies).toEqual([]);
    expect(followUp.replies).toEqual([]);
  });

  it('names the responsible parties as they are called, not escaped for mrkdwn', async () => {
    const priority = await seed(['brand']);
    const edit = submission(
      member,
      newForm({ priorityId: priority.id, openedAt: priority.updatedAt.toISOString() }),
      priorityValues(priority.title, ['kommunen']),
    );
    const answer = await savePriority(edit.ctx);
    expect(answer).toEqual({
      response_action: 'errors',
      errors: { parties: sv.prioritet.errors.notAllowedToChangeParties('Räddningstjänst & räddning') },
    });
    const metadata = FOLLOW_UP_METADATA.parse({
      key: randomUUID(),
      priorityId: priority.id,
      channelId: null,
      responseUrl: null,
    });
    const close = submission(member, metadata, followUpValues('Klar.', 'genomford'));
    expect(await saveFollowUp(close.ctx)).toEqual({
      response_action: 'errors',
      errors: { status: sv.prioritet.errors.notAllowedToClose('Räddningstjänst & räddning') },
    });
    expect((await getPriority(db, priority.id))?.status).toBe('aktiv');
  });

  it('says the priority is gone when it was removed while the form was open', async () => {
    const metadata = FOLLOW_UP_METADATA.parse({
      key: randomUUID(),
      priorityId: 987654,
      channelId: null,
      responseUrl: null,
    });
    const form = submission(member, metadata, followUpValues('Anteckning.', null));
    expect(await saveFollowUp(form.ctx)).toEqual({
      response_action: 'errors',
      errors: { note: sv.prioritet.errors.gone },
    });
  });
});

describe('a saved priority', () => {
  it('is confirmed where the form was opened from, once, and App Home follows after the commit', async () => {
    const metadata = newForm();
    const first = submission(
      member,
      metadata,
      priorityValues('Trygghetsvandring & kvällsfika', ['kommunen']),
    );
    expect(await savePriority(first.ctx)).toBeUndefined();
    expect(first.replies).toHaveLength(1);
    expect(first.replies[0]).toContain(
      '”Trygghetsvandring &amp; kvällsfika” är registrerad till mötet v. 49',
    );
    expect(first.homeChanged).toEqual([]);
    await first.runAfter();
    expect(first.homeChanged).toEqual([member.userId]);

    // The same form delivered again stores nothing more and says nothing more.
    const again = submission(
      member,
      metadata,
      priorityValues('Trygghetsvandring & kvällsfika', ['kommunen']),
    );
    expect(await savePriority(again.ctx)).toBeUndefined();
    expect(again.replies).toEqual([]);
  });

  it('is not confirmed from App Home, which shows the change itself', async () => {
    const form = submission(
      member,
      newForm({ channelId: null, responseUrl: null, issuedAt: null }),
      priorityValues('Från App Home', ['kommunen']),
    );
    expect(await savePriority(form.ctx)).toBeUndefined();
    expect(form.replies).toEqual([]);
    await form.runAfter();
    expect(form.homeChanged).toEqual([member.userId]);
  });
});
