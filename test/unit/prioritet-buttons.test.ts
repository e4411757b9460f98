/**
 * The priority buttons' handlers on a fake request context: a forged value, a missing priority, and who may
 * close one.
 */

import { randomUUID } from 'node:crypto';
import type { ModalView } from '@slack/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editClicked, followUpClicked } from '../../commands/prioritet/buttons.js';
import { closeClicked } from '../../commands/prioritet/close.js';
import type { Db, Executor } from '../../src/db/database.js';
import { getPriority } from '../../src/db/priorities.repository.js';
import { createPriority } from '../../src/db/priority-changes.repository.js';
import type { Actor } from '../../src/domain/actor.js';
import { sv } from '../../src/i18n/sv.js';
import type { ActionContext } from '../../src/kit/kit.js';
import { decodeMetadata } from '../../src/kit/metadata.js';
import { freshDatabase } from '../support/db.js';
import { type FakeRequest, fakeRequestContext } from '../support/request-context.js';

/**
 * The priority buttons' error branches, called as the kit calls them but with a fake context that collects what
 * they answer (test/support/request-context.ts): no Slack, no HTTP. The database is real where the handler reads
 * it, and absent (any use throws) where it must not be read at all.
 */

// Tuesday 1 December 2026: decisions made now belong to meeting 49.
const NOW = new Date('2026-12-01T09:00:00Z');
const ADMIN = 'U0ADMIN';
const police: Actor = { userId: 'U0POLIS', partyKeys: ['polisen'], isAdmin: false };
const municipality: Actor = { userId: 'U0KOMMUN', partyKeys: ['kommunen'], isAdmin: false };
const outsider: Actor = { userId: 'U0NOBODY', partyKeys: [], isAdmin: false };

let db: Db;
beforeAll(async () => {
  ({ db } = await freshDatabase());
  await db.insertInto('admins').values({ user_id: ADMIN, added_by: null }).execute();
});
afterAll(async () => {
  await db?.destroy();
});

interface Fake extends Omit<FakeRequest, 'ctx'> {
  readonly ctx: ActionContext;
  readonly opened: ModalView[];
}

/** A button's context as the kit builds it, for `value`, on a message in the meeting channel. */
function fakeContext(input: { actor: Actor; value: string; db?: Executor }): Fake {
  const request = fakeRequestContext({ actor: input.actor, now: NOW, via: 'knapp', db: input.db });
  const opened: ModalView[] = [];
  const ctx: ActionContext = {
    ...request.ctx,
    actionId: 'prioritet_klar',
    value: input.value,
    decode: (schema) => decodeMetadata(schema, input.value),
    channelId: 'C0MEETING',
    messageTs: '1764579600.000100',
    responseUrl: 'https://hooks.slack.test/response/1',
    openView: async (view) => {
      opened.push(view);
    },
  };
  return { ...request, ctx, opened };
}

async function seed(partyKeys: string[]): Promise<number> {
  const { priority } = await createPriority(
    db,
    {
      title: 'Trygg skolväg & säkra övergångsställen',
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
    { actorUserId: police.userId, at: NOW },
  );
  return priority.id;
}

describe('a priority button whose value the bot did not write', () => {
  it.each(['abc', '', '-3', '0', '1.5', '99999999999', '{"id":1}', '"12"'])(
    'answers %j with an apology, opens nothing and reads nothing',
    async (value) => {
      for (const handler of [
        (ctx: ActionContext) => closeClicked(ctx, 'genomford'),
        (ctx: ActionContext) => closeClicked(ctx, 'avbruten'),
        followUpClicked,
        editClicked,
      ]) {
        const fake = fakeContext({ actor: police, value });
        await handler(fake.ctx);
        expect(fake.replies).toEqual([sv.common.genericError]);
        expect(fake.opened).toEqual([]);
      }
    },
  );
});

describe('a priority that does not exist', () => {
  it('is named in the answer to Klarmarkera and Avbryt, and nothing follows', async () => {
    for (const status of ['genomford', 'avbruten'] as const) {
      const fake = fakeContext({ actor: police, value: '987654', db });
      await closeClicked(fake.ctx, status);
      expect(fake.replies).toEqual([sv.prioritet.notFound(987654)]);
      await fake.runAfter();
      expect(fake.homeChanged).toEqual([]);
    }
  });

  it('opens no form from Följ upp or Ändra, and says so', async () => {
    for (const handler of [followUpClicked, editClicked]) {
      const fake = fakeContext({ actor: police, value: '987654', db });
      await handler(fake.ctx);
      expect(fake.opened).toEqual([]);
      expect(fake.replies).toEqual([sv.prioritet.notFound(987654)]);
    }
  });
});

describe('closing a priority', () => {
  it('refuses a member of a party that is not responsible, naming the responsible ones, and changes nothing', async () => {
    const id = await seed(['polisen']);
    const fake = fakeContext({ actor: municipality, value: String(id), db });
    await closeClicked(fake.ctx, 'genomford');
    expect(fake.replies).toEqual([sv.prioritet.notAllowedToClose(id, 'Polisen, lokalpolisområde Västervik')]);
    expect((await getPriority(db, id))?.status).toBe('aktiv');
    await fake.runAfter();
    expect(fake.homeChanged).toEqual([]);
  });

  it('tells someone in no party which admins to ask, and changes nothing', async () => {
    const id = await seed(['polisen']);
    const fake = fakeContext({ actor: outsider, value: String(id), db });
    await closeClicked(fake.ctx, 'avbruten');
    expect(fake.replies).toEqual([sv.prioritet.notMember(`<@${ADMIN}>`)]);
    expect((await getPriority(db, id))?.status).toBe('aktiv');
  });

  it('opens the result form for a member of a responsible party, changing nothing yet', async () => {
    const id = await seed(['polisen', 'kommunen']);
    const fake = fakeContext({ actor: municipality, value: String(id), db });
    await closeClicked(fake.ctx, 'avbruten');
    expect(fake.replies).toEqual([]);
    const [view] = fake.opened;
    expect(view?.callback_id).toBe('prioritet_avsluta');
    expect(view?.title.text).toBe('Avbryt prioritering');
    expect(JSON.stringify(view?.blocks)).toContain('Trygg skolväg &amp; säkra övergångsställen');
    expect(JSON.parse(view?.private_metadata ?? '{}')).toMatchObject({ priorityId: id, status: 'avbruten' });
    expect((await getPriority(db, id))?.status).toBe('aktiv');
  });

  it('says a priority already closed is so, and opens nothing', async () => {
    const id = await seed(['kommunen']);
    await db.updateTable('joint_priorities').set({ status: 'avbruten' }).where('id', '=', id).execute();
    const fake = fakeContext({ actor: municipality, value: String(id), db });
    await closeClicked(fake.ctx, 'genomford');
    expect(fake.replies).toEqual([sv.prioritet.alreadyStatus(id, 'Avbruten')]);
    expect(fake.opened).toEqual([]);
  });
});
