/**
 * What a change sets off elsewhere, without the code that made it knowing who listens: the live agenda follows a
 * party's status, and a user's App Home follows their own changes. Both are quick for the caller and never throw
 * into it; what they set off is also healed on its own (the scheduler compares the posted agenda with a fresh
 * rendering; App Home is published whenever it is opened).
 */

import type { MeetingWeek } from '../domain/schedule.js';
import { errorFields, type Logger } from '../logger.js';

export interface Notify {
  /** A party's status for a meeting changed (an entry, "inget", a cancellation): update the posted agenda. */
  statusChanged(week: MeetingWeek): Promise<void>;
  /** The user changed something their App Home shows: it is published again once a burst of changes is over. */
  homeChanged(userId: string): void;
  /** Publishes what is waiting now and waits for it (bounded); later changes are not published. */
  close(): Promise<void>;
}

/** After the last change, this long without another, the changed users' App Homes are published again… */
const HOME_QUIET_MS = 500;
/** …but never later than this after the first change of a busy stretch. */
const HOME_MAX_WAIT_MS = 3_000;
const CLOSE_WAIT_MS = 2_000;

/**
 * One debounce for every App Home: rendering a home is far heavier than storing an entry (the benchmark measured
 * it as the one thing that delayed other requests' acks), and nobody looks at their App Home in the second after
 * a submission, so it waits for a quiet moment and each user's is published once.
 */
export function createNotify(env: {
  logger: Logger;
  /** Queues an update of the week's posted agenda (coalesced), if it is posted. */
  agendaChanged(week: MeetingWeek): Promise<void>;
  /** Publishes a user's App Home (coalescing publishes of the same user). */
  publishHome(userId: string): Promise<void>;
}): Notify {
  const pending = new Set<string>();
  const publishing = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let firstAt = 0;
  let closed = false;

  const flush = () => {
    timer = null;
    const users = [...pending];
    pending.clear();
    for (const userId of users) {
      const done = env.publishHome(userId).catch((error: unknown) => {
        env.logger.warn({ err: errorFields(error), user: userId }, 'home not republished');
      });
      publishing.add(done);
      void done.finally(() => publishing.delete(done));
    }
  };

  return {
    async statusChanged(week) {
      try {
        await env.agendaChanged(week);
      } catch (error) {
        // Never into the caller: the next tick notices the agenda is outdated and updates it.
        env.logger.warn({ week, err: errorFields(error) }, 'agenda update not queued');
      }
    },
    homeChanged(userId) {
      if (closed) return;
      const now = Date.now();
      if (pending.size === 0) firstAt = now;
      pending.add(userId);
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, Math.max(0, Math.min(HOME_QUIET_MS, firstAt + HOME_MAX_WAIT_MS - now)));
      timer.unref();
    },
    async close() {
      closed = true;
      if (timer !== null) {
        clearTimeout(timer);
        flush();
      }
      let wait: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.allSettled([...publishing]),
        new Promise((resolve) => {
          wait = setTimeout(resolve, CLOSE_WAIT_MS);
        }),
      ]);
      clearTimeout(wait);
    },
  };
}
