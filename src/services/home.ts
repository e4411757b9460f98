/** A user's App Home, built from the database and published (on opening the tab, and after their changes). */

import type { HomeView } from '@slack/types';
import { WebClient } from '@slack/web-api';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { recordAccess } from '../db/access-log.repository.js';
import type { Db } from '../db/database.js';
import { listMeetingOverrides } from '../db/meetings.repository.js';
import { isAdmin, listAdmins, listMembers, partiesOfUser } from '../db/members.repository.js';
import { listPartyStatuses } from '../db/party-reports.repository.js';
import { listHomePriorities } from '../db/priority-lists.repository.js';
import { isParticipant } from '../domain/actor.js';
import { comingMeetings, comingWeeks, meetingState } from '../domain/calendar.js';
import { upcomingMeeting } from '../domain/schedule.js';
import { boltLogger, errorFields, type Logger } from '../logger.js';
import { HOME_PRIORITIES_MAX, renderHome } from '../slack/home.js';
import { loadCatalogue } from './catalogue.js';

const NO_PRIORITIES = { priorities: [], total: 0 } as const;

export interface HomeEnv {
  readonly config: Pick<Config, 'schedule' | 'meetingUrl'>;
  readonly db: Db;
  readonly clock: Clock;
}

/**
 * Builds a user's App Home from the database: a fixed number of queries whatever the number of priorities,
 * entries or members (five in parallel; then, by who the user is, the priorities (only as many as Home can
 * show, and their counts), their parties' statuses and for admins the members, or for someone who may not read
 * the priorities only the admins to ask).
 */
export async function buildHome(env: HomeEnv, userId: string): Promise<HomeView> {
  const { schedule } = env.config;
  const now = env.clock.now();
  const [userPartyKeys, admin, catalogue, overrides] = await Promise.all([
    partiesOfUser(env.db, userId),
    isAdmin(env.db, userId),
    loadCatalogue(env.db),
    listMeetingOverrides(env.db, comingWeeks(now, schedule, 1)),
  ]);
  // The next meeting as it will be held (moved, if an admin moved it).
  const meeting = comingMeetings(now, schedule, 1, overrides)[0] ?? upcomingMeeting(now, schedule);
  const member = userPartyKeys.length > 0;
  const reader = isParticipant({ userId, partyKeys: userPartyKeys, isAdmin: admin });
  const [priorities, statuses, members, adminUserIds] = await Promise.all([
    reader
      ? listHomePriorities(env.db, userPartyKeys, HOME_PRIORITIES_MAX)
      : Promise.resolve({ own: NO_PRIORITIES, others: NO_PRIORITIES }),
    // Members see their parties' status; admins every party's.
    member || admin ? listPartyStatuses(env.db, meeting.week) : Promise.resolve([]),
    admin ? listMembers(env.db) : Promise.resolve(null),
    reader ? Promise.resolve([]) : listAdmins(env.db),
  ]);
  return renderHome({
    userId,
    now,
    timezone: schedule.timezone,
    meeting,
    meetingState: meetingState(meeting, overrides.get(meeting.week) ?? null, schedule),
    meetingUrl: env.config.meetingUrl,
    userPartyKeys,
    isAdmin: admin,
    adminUserIds,
    statuses,
    priorities,
    catalogue,
    members,
  });
}

export async function publishHome(
  client: WebClient,
  env: HomeEnv & { logger: Logger },
  userId: string,
): Promise<void> {
  const view = await buildHome(env, userId);
  // What the tab shows (the parties' status, the priorities) is read by its user: logged before it is shown.
  await recordAccess(env.db, { actorUserId: userId, action: 'read', resource: 'home', via: 'hem' });
  await client.views.publish({ user_id: userId, view });
  env.logger.debug({ user: userId, blocks: view.blocks.length }, 'home published');
}

/**
 * Publishes a user's App Home again: one publish at a time per user, and at most one more after it, which then
 * shows the latest state. Errors are logged, never thrown.
 */
export function createHomePublisher(
  env: HomeEnv & { config: Pick<Config, 'slack'>; logger: Logger },
): (userId: string) => Promise<void> {
  const client = new WebClient(env.config.slack.botToken, {
    slackApiUrl: env.config.slack.apiUrl,
    retryConfig: { retries: 2, maxRetryTime: 10_000 },
    logger: boltLogger(env.logger),
  });
  const running = new Map<string, { again: boolean; done: Promise<void> }>();
  return (userId) => {
    const current = running.get(userId);
    if (current !== undefined) {
      current.again = true;
      return current.done;
    }
    const state = { again: true, done: Promise.resolve() };
    state.done = (async () => {
      while (state.again) {
        state.again = false;
        try {
          await publishHome(client, env, userId);
        } catch (error) {
          env.logger.error({ user: userId, err: errorFields(error) }, 'home not republished');
        }
      }
      running.delete(userId);
    })();
    running.set(userId, state);
    return state.done;
  };
}
