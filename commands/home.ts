import type { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { listPartyStatuses } from '../src/db/entries.repository.js';
import { listMeetingOverrides } from '../src/db/meetings.repository.js';
import { isAdmin, listAdmins, listMembers, partiesOfUser } from '../src/db/members.repository.js';
import { listAreas, listParties } from '../src/db/parties.repository.js';
import { listHomePriorities } from '../src/db/priorities.repository.js';
import type { Deps } from '../src/deps.js';
import { meetingState } from '../src/domain/calendar.js';
import { mayContribute } from '../src/domain/priorities.js';
import { upcomingMeeting } from '../src/domain/schedule.js';
import { boltLogger } from '../src/logger.js';
import { HOME_PRIORITIES_MAX, renderHome } from '../src/slack/home.js';
import { logFailure } from './prioritet/shared.js';

const NO_PRIORITIES = { priorities: [], total: 0 } as const;

/**
 * Builds a user's App Home from the database: a fixed number of queries whatever the number of priorities,
 * entries or members (five in parallel; then, by who the user is, the priorities (only as many as Home can
 * show, and their counts), their parties' statuses and for admins the members, or for someone who may not read
 * the priorities only the admins to ask).
 */
export async function buildHome(deps: Deps, userId: string) {
  const { schedule } = deps.config;
  const now = deps.clock.now();
  const meeting = upcomingMeeting(now, schedule);
  const [userPartyKeys, admin, parties, areas, overrides] = await Promise.all([
    partiesOfUser(deps.db, userId),
    isAdmin(deps.db, userId),
    listParties(deps.db),
    listAreas(deps.db),
    listMeetingOverrides(deps.db, [meeting.week]),
  ]);
  const member = userPartyKeys.length > 0;
  const reader = mayContribute({ userId, partyKeys: userPartyKeys, isAdmin: admin });
  const [priorities, statuses, members, adminUserIds] = await Promise.all([
    reader
      ? listHomePriorities(deps.db, userPartyKeys, HOME_PRIORITIES_MAX)
      : Promise.resolve({ own: NO_PRIORITIES, others: NO_PRIORITIES }),
    member ? listPartyStatuses(deps.db, meeting.week) : Promise.resolve([]),
    admin ? listMembers(deps.db) : Promise.resolve(null),
    reader ? Promise.resolve([]) : listAdmins(deps.db),
  ]);
  return renderHome({
    userId,
    now,
    timezone: schedule.timezone,
    meeting,
    meetingState: meetingState(meeting, overrides.get(meeting.week) ?? null, schedule),
    meetingUrl: deps.config.meetingUrl,
    userPartyKeys,
    isAdmin: admin,
    adminUserIds,
    statuses,
    priorities,
    parties,
    areas,
    members,
  });
}

export async function publishHome(client: WebClient, deps: Deps, userId: string): Promise<void> {
  const view = await buildHome(deps, userId);
  await client.views.publish({ user_id: userId, view });
  deps.logger.debug({ user: userId, blocks: view.blocks.length }, 'home published');
}

/**
 * The `homeChanged` hook: publishes the user's home again in the background and returns at once; errors are
 * logged, never thrown into the listener that made the change. Changes in quick succession for one user lead
 * to one publish running and at most one more after it, which then shows the latest state.
 */
export function homeRepublisher(deps: Deps): (userId: string) => Promise<void> {
  const client = new WebClient(deps.config.slack.botToken, {
    slackApiUrl: deps.config.slack.apiUrl,
    retryConfig: { retries: 2, maxRetryTime: 10_000 },
    logger: boltLogger(deps.logger),
  });
  const pending = new Map<string, { again: boolean }>();
  return async (userId) => {
    const running = pending.get(userId);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: true };
    pending.set(userId, state);
    void (async () => {
      while (state.again) {
        state.again = false;
        try {
          await publishHome(client, deps, userId);
        } catch (error) {
          logFailure(deps, error, 'home not republished', { user: userId });
        }
      }
      pending.delete(userId);
    })();
  };
}

/** `app_home_opened`: publishes the Home tab each time the user opens it. */
export function register(app: App, deps: Deps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== undefined && event.tab !== 'home') return;
    try {
      await publishHome(client, deps, event.user);
    } catch (error) {
      logFailure(deps, error, 'home not published', { user: event.user });
    }
  });
}
