/**
 * Helpers for tests of the weekly cycle: seeding members and entries, reading what was posted, and driving the
 * scheduler on several instances.
 */

import { sql } from 'kysely';
import type { QueuedJob } from '../../jobs/types.js';
import type { Db } from '../../src/db/database.js';
import { insertEntry } from '../../src/db/entries.repository.js';
import { addMember } from '../../src/db/members.repository.js';
import { setNothingToReport } from '../../src/db/party-reports.repository.js';
import {
  type Meeting,
  type MeetingSchedule,
  type MeetingWeek,
  meetingOfWeek,
} from '../../src/domain/schedule.js';
import { MEETING_CHANNEL, startTestApp, type TestApp } from './app.js';
import type { ManualClock } from './clock.js';
import { type RecordedCall, SlackFake } from './slack-fake.js';

/** The four default parties' keys. */
export const PARTIES = ['polisen', 'kommunen', 'regionen', 'kustbevakningen'] as const;

/** Adds members to parties: `{ polisen: ['U0POL1'], … }`. */
export async function seedMembers(
  db: Db,
  members: Partial<Record<string, readonly string[]>>,
): Promise<void> {
  for (const [partyKey, userIds] of Object.entries(members)) {
    for (const userId of userIds ?? []) await addMember(db, { userId, partyKey }, 'U0ADMIN01');
  }
}

let entryCounter = 0;

/** Stores `count` entries for a party (through the repository, as a submission would). */
export async function submitEntries(
  db: Db,
  week: MeetingWeek,
  partyKey: string,
  count = 1,
  text: (i: number) => string = (i) => `Iakttagelse ${i + 1}`,
): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    entryCounter += 1;
    await insertEntry(db, {
      meetingWeek: week,
      partyKey,
      areaKey: 'trafik',
      text: text(i),
      place: null,
      when: null,
      trend: null,
      authorUserId: 'U0AUTHOR',
      source: 'kommando',
      idempotencyKey: `test-${process.pid}-${entryCounter}-${Math.random()}`,
    });
  }
}

export async function nothingToReport(db: Db, week: MeetingWeek, partyKey: string): Promise<void> {
  await setNothingToReport(db, week, partyKey, 'U0AUTHOR', true);
}

export function meeting(week: MeetingWeek, schedule: MeetingSchedule): Meeting {
  return meetingOfWeek(week, schedule);
}

/** `date` plus whole minutes. */
export function plus(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

/** Successful posts to one channel (or, for a user id, the user's direct-message channel). */
export function postsTo(slack: SlackFake, channel: string): RecordedCall[] {
  const target = /^[UW]/.test(channel) ? [channel, slack.dmChannelOf(channel)] : [channel];
  return slack.calls.filter(
    (call) =>
      call.method === 'chat.postMessage' &&
      call.outcome === 'ok' &&
      target.includes(String(call.args.channel)),
  );
}

/** Every text a message shows: its fallback and every text in its blocks, for assertions on content. */
export function textOf(args: Record<string, unknown>): string {
  const texts: string[] = [String(args.text ?? '')];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'text' && typeof inner === 'string') texts.push(inner);
        else walk(inner);
      }
    }
  };
  walk(args.blocks);
  return texts.join('\n');
}

/** Button action ids and values in a message. */
export function buttonsOf(args: Record<string, unknown>): Array<{ actionId: string; value: string }> {
  const found: Array<{ actionId: string; value: string }> = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) for (const item of value) walk(item);
    else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.type === 'button')
        found.push({ actionId: String(record.action_id), value: String(record.value ?? '') });
      for (const inner of Object.values(record)) walk(inner);
    }
  };
  walk(args.blocks);
  return found;
}

/** Resolves when both cycle queues have nothing waiting, delayed or running: every enqueued job has finished. */
export async function drained(
  cycle: {
    queues: {
      queue(kind: 'channel' | 'dm' | 'report'): {
        getJobCounts(...types: string[]): Promise<Record<string, number>>;
      };
    };
  },
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let pending = 0;
    for (const kind of ['channel', 'dm', 'report'] as const) {
      const counts = await cycle.queues
        .queue(kind)
        .getJobCounts('wait', 'active', 'delayed', 'prioritized', 'paused');
      pending += Object.values(counts).reduce((sum, n) => sum + n, 0);
    }
    if (pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the cycle queues did not drain');
}

/**
 * Makes every `sending` effect's claim older than its lease, as if the attempt that holds it had been gone for
 * an hour (leases run on the database's clock, which a test does not set).
 */
export async function expireClaims(db: Db): Promise<number> {
  const result =
    await sql`update effects set claimed_at = claimed_at - interval '1 hour' where status = 'sending'`.execute(
      db,
    );
  return Number(result.numAffectedRows ?? 0);
}

/**
 * For tests that drive the scheduler with a manual clock: sets it to `at`, runs each instance's tick
 * `ticksEach` times at once (as the crons of replicas would), waits until every queue has run dry, and returns
 * the jobs the ticks planned.
 */
export async function tickAt(
  apps: readonly TestApp[],
  clock: ManualClock,
  at: Date,
  options: { ticksEach?: number; timeoutMs?: number } = {},
): Promise<QueuedJob[]> {
  clock.set(at);
  const ticks = apps.flatMap((t) => Array.from({ length: options.ticksEach ?? 1 }, () => t.app.cycle.tick()));
  const planned = await Promise.all(ticks);
  await Promise.all(apps.map((t) => drained(t.app.cycle, options.timeoutMs)));
  return planned.flat();
}

/**
 * Starts the app (or `replicas` instances sharing one database, queue prefix and Slack fake) for a test that drives
 * the weekly cycle with a manual clock: the minute tick is stopped, the meeting channel exists, and the members
 * are seeded (`{ polisen: ['U0POL1'], … }`).
 */
export async function startCycleApps(options: {
  clock: ManualClock;
  members?: Partial<Record<string, readonly string[]>>;
  replicas?: number;
  env?: Record<string, string>;
  /** Milliseconds each Slack call takes (so that two instances' workers overlap). */
  slackLatencyMs?: number;
}): Promise<{ apps: TestApp[]; slack: SlackFake; schedule: MeetingSchedule; stop(): Promise<void> }> {
  const slack = await new SlackFake().start();
  slack.addChannel(MEETING_CHANNEL);
  slack.latencyMs = options.slackLatencyMs ?? 0;
  const first = await startTestApp({
    clock: options.clock,
    slack,
    ...(options.env ? { env: options.env } : {}),
  });
  const apps = [first];
  for (let i = 1; i < (options.replicas ?? 1); i += 1) {
    apps.push(
      await startTestApp({
        clock: options.clock,
        slack,
        databaseUrl: first.databaseUrl,
        queuePrefix: first.queuePrefix,
        ...(options.env ? { env: options.env } : {}),
      }),
    );
  }
  await Promise.all(apps.map((t) => t.app.cycle.stopMinuteTick()));
  if (options.members !== undefined) await seedMembers(first.app.deps.db, options.members);
  return {
    apps,
    slack,
    schedule: first.app.deps.config.schedule,
    async stop() {
      for (const t of [...apps].reverse()) await t.stop();
      await slack.stop();
    },
  };
}
