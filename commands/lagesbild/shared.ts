import { listMeetingOverrides } from '../../src/db/meetings.repository.js';
import { isAdmin, listAdmins } from '../../src/db/members.repository.js';
import { listAreas, listParties, type Party, type PriorityArea } from '../../src/db/parties.repository.js';
import type { Deps } from '../../src/deps.js';
import { submissionMeeting, submissionWeeks } from '../../src/domain/calendar.js';
import type { Meeting, MeetingWeek } from '../../src/domain/schedule.js';
import { sv } from '../../src/i18n/sv.js';
import { errorFields } from '../../src/logger.js';
import { askAdminsText } from '../../src/slack/lagesbild.js';
import { type AfterAckQueue, createAfterAckQueue } from './after-ack.js';

/** The active parties and areas: what the parser matches words against and the help lists. */
export interface LoadedCatalogue {
  readonly parties: readonly Party[];
  readonly areas: readonly PriorityArea[];
}

export async function loadCatalogue(deps: Deps): Promise<LoadedCatalogue> {
  const [parties, areas] = await Promise.all([listParties(deps.db), listAreas(deps.db)]);
  return { parties, areas };
}

export function partyName(catalogue: LoadedCatalogue, key: string): string {
  return catalogue.parties.find((p) => p.key === key)?.name ?? key;
}

export function areaName(catalogue: LoadedCatalogue, key: string): string {
  return catalogue.areas.find((a) => a.key === key)?.name ?? key;
}

export function areaNames(catalogue: LoadedCatalogue): Map<string, string> {
  return new Map(catalogue.areas.map((area) => [area.key, area.name]));
}

/** Which admins to ask, as mentions; an admin who is no member is told how to add themselves. */
export async function notMemberText(deps: Deps, userId: string): Promise<string> {
  const [admin, admins] = await Promise.all([isAdmin(deps.db, userId), listAdmins(deps.db)]);
  if (admin) return sv.lagesbild.adminNotMember;
  return sv.lagesbild.notMember(askAdminsText(admins));
}

/**
 * Tells the rest of the app that a party's status for a meeting changed (the live agenda follows at once)
 * and that the user's App Home is stale. Hooks are meant not to throw; if one does, the change still stands.
 */
export async function afterChange(deps: Deps, week: MeetingWeek, userId: string): Promise<void> {
  try {
    await deps.hooks.statusChanged(week);
  } catch (error) {
    deps.logger.warn({ err: errorFields(error), week }, 'statusChanged hook failed');
  }
  refreshHome(deps, userId);
}

/** Asks for the user's App Home to be published again, once a burst of changes is over (see homeRefresher). */
export function refreshHome(deps: Deps, userId: string): void {
  homeRefresher(deps)(userId);
}

/** After the last change, this long without another, the changed users' App Homes are published again. */
const HOME_QUIET_MS = 500;
/** …but never later than this after the first change of a busy stretch. */
const HOME_MAX_WAIT_MS = 3_000;

const refreshers = new WeakMap<Deps, (userId: string) => void>();

/**
 * Asks for App Home republishing once a burst of submissions is over, each user once. Rendering a home is
 * far heavier than storing an entry (the benchmark measured it as the one thing that delayed other
 * requests' acks); nobody looks at their App Home in the second after a submission, so it can wait for a
 * quiet moment.
 */
function homeRefresher(deps: Deps): (userId: string) => void {
  let refresher = refreshers.get(deps);
  if (refresher !== undefined) return refresher;
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let firstAt = 0;
  const flush = () => {
    timer = null;
    const users = [...pending];
    pending.clear();
    for (const userId of users) {
      deps.hooks.homeChanged(userId).catch((error: unknown) => {
        deps.logger.warn({ err: errorFields(error), user: userId }, 'homeChanged hook failed');
      });
    }
  };
  refresher = (userId) => {
    const now = Date.now();
    if (pending.size === 0) firstAt = now;
    pending.add(userId);
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(flush, Math.max(0, Math.min(HOME_QUIET_MS, firstAt + HOME_MAX_WAIT_MS - now)));
    timer.unref();
  };
  refreshers.set(deps, refresher);
  return refresher;
}

/**
 * The meeting a submission made now goes to (and the one status, visa and mina show by default): the next that
 * has not started and is held, skipping cancelled ones. One small query for the admins' cancellations.
 */
export async function openMeeting(deps: Deps): Promise<Meeting> {
  const now = deps.clock.now();
  const { schedule } = deps.config;
  const overrides = await listMeetingOverrides(deps.db, submissionWeeks(now, schedule));
  return submissionMeeting(now, schedule, overrides);
}

const followUps = new WeakMap<Deps, AfterAckQueue>();

/** The app's one queue for work after an ack (slash commands and answers in chat share it). */
export function followUpQueue(deps: Deps): AfterAckQueue {
  let queue = followUps.get(deps);
  if (queue === undefined) {
    queue = createAfterAckQueue();
    followUps.set(deps, queue);
  }
  return queue;
}
