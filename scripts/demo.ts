import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import pg from 'pg';
import pino from 'pino';
import { type RunningApp, SLACK_EVENTS_PATH, startApp } from '../src/app.js';
import type { Clock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { getEffect } from '../src/db/effects.repository.js';
import { addMember } from '../src/db/members.repository.js';
import { comingMeetings, meetingState } from '../src/domain/calendar.js';
import {
  formatLocalDateTime,
  type Meeting,
  type MeetingSchedule,
  weekNumberOf,
} from '../src/domain/schedule.js';
import { databaseUrl, TEST_DATABASE_ADMIN_URL, TEST_REDIS_URL } from '../test/support/env.js';
import {
  directMessage,
  eventCallback,
  type SlackRequest,
  slashCommand,
  triggerId,
  viewSubmission,
} from '../test/support/payloads.js';
import { signatureHeaders, TEST_SIGNING_SECRET } from '../test/support/signer.js';
import { SlackFake } from '../test/support/slack-fake.js';
import { type FormFields, fillForm } from './demo-form.js';
import { type Directory, describeCall, describeResponse } from './transcript.js';

/**
 * `npm run demo`: a meeting week in under a minute, with no Slack workspace. The bot runs exactly as in
 * production (src/app.ts) against the bundled Slack fake, a throwaway database on the local Postgres and its own
 * keys in the local Redis. Four parties with members are seeded; a clock that runs sixty times faster than real
 * time jumps from one moment of the week to the next; everything the bot sends is printed as readable text.
 */

const CHANNEL = { id: 'C0FREDAG', name: 'fredagsmotet' };
const ADMIN = { id: 'U0KARIN', name: 'Karin Admin' };
const PEOPLE = [
  { id: 'U0ANNA', name: 'Anna Berg', party: 'polisen' },
  { id: 'U0ERIK', name: 'Erik Lind', party: 'polisen' },
  { id: 'U0SARA', name: 'Sara Holm', party: 'kommunen' },
  { id: 'U0JOHAN', name: 'Johan Ek', party: 'kommunen' },
  { id: 'U0MARIA', name: 'Maria Nyström', party: 'regionen' },
  { id: 'U0ALI', name: 'Ali Hassan', party: 'regionen' },
  { id: 'U0LENA', name: 'Lena Strand', party: 'kustbevakningen' },
] as const;
type Person = (typeof PEOPLE)[number];
const person = (id: Person['id']): Person => PEOPLE.find((p) => p.id === id) as Person;

/** Sixty simulated seconds a real second, from wherever it was last set. */
class AcceleratedClock implements Clock {
  private base: number;
  private realStart = Date.now();

  constructor(
    start: Date,
    private readonly factor = 60,
  ) {
    this.base = start.getTime();
  }

  now(): Date {
    return new Date(this.base + (Date.now() - this.realStart) * this.factor);
  }

  jumpTo(date: Date): void {
    this.base = date.getTime();
    this.realStart = Date.now();
  }
}

function out(line = ''): void {
  console.log(line);
}

async function createDemoDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `fredagsmotet_demo_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: databaseUrl(name),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** The next meeting that is held (a holiday week would only show a cancellation). */
function nextHeldMeeting(now: Date, schedule: MeetingSchedule): Meeting {
  const meeting = comingMeetings(now, schedule, 8).find((m) => !meetingState(m, null, schedule).cancelled);
  if (meeting === undefined) throw new Error('Inget möte hålls de kommande åtta veckorna.');
  return meeting;
}

async function main(): Promise<void> {
  const slack = await new SlackFake().start();
  slack.addChannel(CHANNEL.id, { name: CHANNEL.name, members: [ADMIN.id, ...PEOPLE.map((p) => p.id)] });
  slack.addUser({ id: ADMIN.id, name: ADMIN.name });
  for (const p of PEOPLE) slack.addUser({ id: p.id, name: p.name });
  const directory: Directory = {
    users: new Map<string, string>([
      [ADMIN.id, ADMIN.name],
      ...PEOPLE.map((p) => [p.id, p.name] as [string, string]),
    ]),
    channels: new Map([[CHANNEL.id, CHANNEL.name]]),
    dmOwner: (channelId) => [ADMIN, ...PEOPLE].find((p) => slack.dmChannelOf(p.id) === channelId)?.id ?? null,
  };

  let database: { url: string; drop(): Promise<void> };
  try {
    database = await createDemoDatabase();
  } catch (error) {
    console.error(
      `Demot behöver en lokal Postgres där det får skapa en tillfällig databas (${TEST_DATABASE_ADMIN_URL}; ändras med TEST_DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`,
    );
    await slack.stop();
    process.exitCode = 1;
    return;
  }
  const queuePrefix = `demo-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    SLACK_BOT_TOKEN: slack.token,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    MEETING_CHANNEL_ID: CHANNEL.id,
    MEETING_URL: 'https://meet.vastervik.example.se/fredagsmotet',
    ADMIN_USER_IDS: ADMIN.id,
    LOG_LEVEL: 'silent',
  });
  const schedule = config.schedule;
  const meeting = nextHeldMeeting(new Date(), schedule);
  const zone = schedule.timezone;
  const local = (date: Date) => DateTime.fromJSDate(date, { zone });
  const meetingDay = local(meeting.startsAt).startOf('day');
  const clock = new AcceleratedClock(meetingDay.minus({ days: 4 }).set({ hour: 9 }).toJSDate());

  let app: RunningApp | null = null;
  try {
    app = await startApp(config, { clock, logger: pino({ level: 'silent' }), port: 0 });
    const running = app;
    // The demo moves time itself and ticks at each moment of the week.
    await running.cycle.stopMinuteTick();
    for (const p of PEOPLE) await addMember(running.deps.db, { userId: p.id, partyKey: p.party }, ADMIN.id);
    const baseUrl = `http://127.0.0.1:${running.port}${SLACK_EVENTS_PATH}`;

    let printedCalls = slack.calls.length;
    const printNew = () => {
      for (const call of slack.calls.slice(printedCalls))
        for (const line of describeCall(call, directory)) out(line);
      printedCalls = slack.calls.length;
    };
    const drained = async () => {
      for (let i = 0; i < 400; i += 1) {
        let pending = 0;
        for (const kind of ['channel', 'dm'] as const) {
          const counts = await running.cycle.queues
            .queue(kind)
            .getJobCounts('wait', 'active', 'delayed', 'prioritized');
          pending += Object.values(counts).reduce((sum, n) => sum + n, 0);
        }
        if (pending === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const send = (request: SlackRequest) =>
      fetch(baseUrl, {
        method: 'POST',
        headers: { 'content-type': request.contentType, ...signatureHeaders(request.body) },
        body: request.body,
      });
    const moment = (date: Date, what: string) => {
      clock.jumpTo(date);
      out(`━━ ${formatLocalDateTime(date, zone)} · ${what} ━━`);
      out();
    };
    const tick = async () => {
      await running.cycle.tick();
      await drained();
      printNew();
    };
    const command = async (who: Person, text: string, name = '/lagesbild') => {
      out(`${who.name} skriver: ${name} ${text}`);
      const responseUrl = slack.responseUrl();
      const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
      await send(slashCommand({ command: name, text, userId: who.id, responseUrl, channelId: CHANNEL.id }));
      await slack.waitFor(() => slack.responses.some((r) => r.id === id), 10_000, `the answer to ${name}`);
      for (const response of slack.responses.filter((r) => r.id === id)) {
        for (const line of describeResponse(response, who.name, directory)) out(line);
      }
    };
    /** `/prioritet` as a user types it: the form opens, is filled in and sent; the bot's answers follow. */
    const proposePriority = async (who: Person, fields: FormFields) => {
      out(`${who.name} skriver: /prioritet`);
      const responseUrl = slack.responseUrl();
      const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
      const trigger = triggerId();
      await send(
        slashCommand({
          command: '/prioritet',
          userId: who.id,
          responseUrl,
          channelId: CHANNEL.id,
          triggerId: trigger,
        }),
      );
      await slack.waitFor(() => slack.succeeded('views.open').some((a) => a.trigger_id === trigger), 10_000);
      // biome-ignore lint/suspicious/noExplicitAny: the view as the fake decoded it.
      const view = slack.succeeded('views.open').find((a) => a.trigger_id === trigger)?.view as any;
      out(`  Formuläret "${view.title.text}" öppnas och fylls i:`);
      const { values, lines } = fillForm(view, fields, directory);
      for (const line of lines) out(line);
      out();
      await send(
        viewSubmission({
          userId: who.id,
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          values,
        }),
      );
      await slack.waitFor(() => slack.responses.some((r) => r.id === id), 10_000, 'the answer to /prioritet');
      for (const response of slack.responses.filter((r) => r.id === id)) {
        for (const line of describeResponse(response, who.name, directory)) out(line);
      }
      await drained();
      printNew();
    };

    const week = weekNumberOf(meeting.week);
    out(
      `Fredagsmötet – demo av en mötesvecka (v. ${week}, möte ${formatLocalDateTime(meeting.startsAt, zone)})`,
    );
    out('Boten körs som i drift, mot en lokal attrapp av Slack. Parterna och deras medlemmar:');
    for (const p of PEOPLE) out(`  • ${p.name} (${p.party})`);
    out(`  Administratör: ${ADMIN.name}. Mötets kanal: #${CHANNEL.name}.`);
    out();

    moment(meetingDay.minus({ days: 4 }).set({ hour: 10 }).toJSDate(), 'parterna börjar lämna lägesbild');
    await command(
      person('U0ANNA'),
      'trafik: Fler hastighetsöverträdelser på E22 vid Gamleby, främst kvällstid',
    );
    await command(person('U0ERIK'), 'narkotika: Ökad langning vid resecentrum');
    await command(person('U0LENA'), 'inget');

    moment(
      meetingDay.minus({ days: 4 }).set({ hour: 11 }).toJSDate(),
      'Anna föreslår en gemensam prioritering inför mötet',
    );
    await proposePriority(person('U0ANNA'), {
      title: 'Trygghetsvandring vid resecentrum',
      description: 'Polis och kommun går tillsammans med föreningar kvällstid, två gånger i månaden.',
      areas: ['brottskoncentrationer', 'narkotika'],
      parties: ['polisen', 'kommunen'],
      contactUserId: 'U0ANNA',
      effectShort: 'Färre rapporter om langning vid resecentrum.',
    });

    moment(meeting.callAt, 'inbjudan går ut till parterna som inte har lämnat något');
    await tick();

    moment(local(meeting.callAt).plus({ hours: 2, minutes: 20 }).toJSDate(), 'Sara svarar i tråden');
    const call = await getEffect(running.deps.db, {
      meetingWeek: meeting.week,
      kind: 'call',
      target: 'U0SARA',
    });
    const reply = 'unga: Grupp ungdomar samlas vid busstationen kvällstid, viss skadegörelse';
    out(`Sara Holm svarar i tråden: ${reply}`);
    out();
    await send(
      eventCallback(
        directMessage({
          userId: 'U0SARA',
          channelId: call?.channelId ?? slack.dmChannelOf('U0SARA'),
          text: reply,
          threadTs: call?.messageTs ?? undefined,
        }),
      ),
    );
    await slack.waitFor(() => slack.calls.length > printedCalls, 10_000, 'the answer in the thread');
    await drained();
    printNew();

    moment(meeting.agendaAt, 'agendan postas');
    await tick();

    moment(meeting.lastCallAt, 'sista påminnelsen');
    await tick();

    moment(local(meeting.lastCallAt).plus({ minutes: 10 }).toJSDate(), 'regionen lämnar i sista stund');
    const updates = slack.calls.filter((c) => c.method === 'chat.update').length;
    await command(person('U0MARIA'), 'olyckor: Två halkolyckor vid infarten till sjukhuset');
    out(
      '(agendans status följer med inom några sekunder; ändringar tätt efter varandra blir en uppdatering)',
    );
    out();
    await slack.waitFor(() => slack.calls.filter((c) => c.method === 'chat.update').length > updates, 15_000);
    await drained();
    printNew();

    moment(meeting.startsAt, 'mötet börjar: lägesbilden låses och postas i agendans tråd');
    await tick();

    moment(local(meeting.startsAt).plus({ minutes: 5 }).toJSDate(), 'under mötet: protokollet');
    await command(person('U0SARA'), 'närvaro polisen kommunen regionen', '/protokoll');
    await command(
      person('U0ANNA'),
      'beslut: Trygghetsvandringen vid resecentrum börjar i januari, första tisdagen i månaden.',
      '/protokoll',
    );
    await command(person('U0SARA'), 'Kommunen bjuder in föreningarna till nästa vandring.', '/protokoll');

    moment(meeting.endsAt, 'mötet är slut: beslut och uppföljning – mötets protokoll – i agendans tråd');
    await tick();

    const ok = (method: string) =>
      slack.calls.filter((c) => c.method === method && c.outcome === 'ok').length;
    const updated = ok('chat.update');
    out(
      `Klart: boten skickade ${ok('chat.postMessage')} meddelanden och uppdaterade agendan ${updated} ${updated === 1 ? 'gång' : 'gånger'}.`,
    );
  } finally {
    if (app !== null) {
      for (const kind of ['channel', 'dm'] as const) {
        await app.cycle.queues
          .queue(kind)
          .obliterate({ force: true })
          .catch(() => {});
      }
      await app.stop();
    }
    await slack.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(`Demot avbröts: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
