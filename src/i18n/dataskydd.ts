/**
 * Data protection's texts (behörighetslogg, gallring, registerutdrag, leavers), imported into `sv` as
 * `sv.dataskydd`. Functions that embed user text take it already escaped; the callers escape.
 */

import type { AccessAction, AccessResource, AccessVia } from '../domain/access-log.js';
import type { MeetingNoteKind } from '../domain/minutes.js';
import type { MentionSource } from '../domain/register-extract.js';
import { type MeetingWeek, weekNumberOf } from '../domain/schedule.js';
import type { UsageLine } from './common.js';
import { plural } from './plural.js';

/** `2026-W01` for one week, `2026-W01 – 2026-W05` for several (the weeks in order). */
const weekSpan = (weeks: readonly string[]) =>
  weeks[0] === weeks.at(-1) ? weeks[0] : `${weeks[0]} – ${weeks.at(-1)}`;

const ACTIONS: Record<AccessAction, string> = { read: 'läste', export: 'exporterade', change: 'ändrade' };
const TRIED: Record<AccessAction, string> = { read: 'läsa', export: 'exportera', change: 'ändra' };

const RESOURCES: Record<AccessResource, string> = {
  entry: 'iakttagelse',
  picture: 'lägesbild',
  status: 'status',
  priority: 'prioritering',
  note: 'anteckning',
  member: 'medlemskap',
  admin: 'administratörsbehörighet',
  party: 'part',
  area: 'område',
  meeting: 'möte',
  report: 'rapport',
  home: 'Hem-fliken',
  access_log: 'behörighetslogg',
  register_extract: 'registerutdrag',
  retention: 'gallring',
};

const VIA: Record<AccessVia, string> = {
  kommando: 'kommando',
  knapp: 'knapp',
  modal: 'formulär',
  dm: 'direktmeddelande',
  hem: 'Hem-fliken',
  rapport: 'rapport',
  cli: 'kommandorad',
  schema: 'schemalagt',
  handelse: 'händelse i Slack',
};

/** Categories stored in a row's `detail.reason`. */
const REASONS: Record<string, string> = {
  iakttagelser: 'iakttagelsernas fritext',
  logg: 'gamla loggrader',
  avaktiverad: 'kontot avaktiverat i Slack',
  avslutad: 'behörigheten avslutad',
  begaran: 'på begäran',
  'ej-deltagare': 'inte längre medlem eller administratör',
};

const MENTION_SOURCES: Record<MentionSource, string> = {
  meeting_note: 'beslut eller anteckning i mötesprotokollet',
  entry: 'iakttagelse',
  priority: 'gemensam prioritering',
  priority_event: 'anteckning i en prioriterings historik',
  meeting_reason: 'orsak till att ett möte ställdes in',
  entry_purge_reason: 'orsak till att en iakttagelses text togs bort',
};

export const dataskydd = {
  subcommands: {
    log: {
      usage: '/samverkan logg [@användare] [vecka|period]',
      description:
        'behörighetsloggen: vem som har läst, exporterat eller ändrat vad, senast först; period som `2026-01-01 2026-03-31` eller `2026-01` (administratörer)',
    },
    remove: {
      usage: '/samverkan radera <post-id> <orsak>',
      description:
        'tar bort texten, platsen och tiden i en iakttagelse som inte får sparas; den räknas fortfarande i statistiken (administratörer)',
    },
  } satisfies Record<string, UsageLine>,

  adminOnly: (admins: string) =>
    `Det här får bara administratörer göra, och försöket har noterats i behörighetsloggen.${admins === '' ? '' : ` Administratörer: ${admins}.`}`,

  /** One row of the log, in words: the parts come preformatted (time, actor, subject as mention or id). */
  log: {
    title: 'Behörighetslogg',
    fallback: 'Behörighetslogg – vem som har läst, exporterat eller ändrat vad',
    filterAll: 'Alla händelser, senast först.',
    filterUser: (user: string) => `användare ${user}`,
    filterWeek: (week: MeetingWeek) => `mötet v. ${weekNumberOf(week)}`,
    filterPeriod: (from: string, to: string) => (from === to ? from : `${from} – ${to}`),
    filterLine: (parts: readonly string[], page: number) =>
      `Urval: ${parts.join(', ')}, senast först · sida ${page}`,
    empty: '_Inga händelser i loggen för det urvalet._',
    nextPage: 'Nästa sida',
    morePages: 'Det finns äldre händelser: tryck på *Nästa sida*.',
    badQuery: (given: string) =>
      `Jag förstår inte \`${given}\`. Skriv till exempel \`/samverkan logg @anna\`, \`/samverkan logg v49\`, \`/samverkan logg 2026-01\` eller \`/samverkan logg 2026-01-01 2026-03-31\`.`,
    stale: 'Sidan gick inte att visa: loggen har gallrats sedan. Kör `/samverkan logg` igen.',
    system: 'Boten (schemalagt)',
    cliActor: (osUser: string) => `kommandoraden (${osUser})`,
    action: (action: AccessAction, resource: AccessResource) =>
      resource === 'retention' ? 'gallrade' : `${ACTIONS[action]} ${RESOURCES[resource]}`,
    refused: (action: AccessAction, resource: AccessResource) =>
      `🚫 nekades att ${TRIED[action]} ${RESOURCES[resource]}`,
    actionLabel: ACTIONS,
    resourceLabel: RESOURCES,
    viaLabel: VIA,
    week: (week: MeetingWeek) => `v. ${weekNumberOf(week)}`,
    entries: (ids: readonly number[], max: number) =>
      `${plural(ids.length, 'iakttagelse', 'iakttagelser')} ${ids.slice(0, max).join(', ')}${ids.length > max ? ` och ${ids.length - max} till` : ''}`,
    priority: (id: number) => `prioritering ${id}`,
    subject: (user: string) => `gällde ${user}`,
    period: (period: string) => `period ${period.replace('..', ' – ')}`,
    format: (format: string) => `format ${format}`,
    count: (count: number) => `${count} st`,
    reason: (code: string) => REASONS[code] ?? code,
    via: (via: AccessVia) => `via ${VIA[via]}`,
    command: (command: string) => `\`${command}\``,
  },

  csv: {
    header: (timezone: string) => [
      `tid (${timezone})`,
      'användare',
      'åtgärd',
      'utfall',
      'vad',
      'vecka',
      'part',
      'iakttagelser',
      'prioritering',
      'berörd användare',
      'period',
      'format',
      'via',
      'detaljer',
    ],
    ok: 'genomförd',
    refused: 'nekad',
  },

  purge: {
    removed: (id: number, week: MeetingWeek) =>
      `✅ Texten, platsen och tiden i iakttagelse ${id} (v. ${weekNumberOf(week)}) är borttagna. Iakttagelsen räknas fortfarande i statistiken; orsaken är sparad på den.`,
    notFound: (id: number) => `Det finns ingen iakttagelse med nummer ${id}.`,
    alreadyPurged: (id: number, date: string) => `Texten i iakttagelse ${id} togs redan bort ${date}.`,
    usage:
      'Ange iakttagelsens nummer och en orsak, till exempel `/samverkan radera 123 innehöll uppgifter om en enskild`.',
    reasonMissing: 'Ange också en orsak efter numret; den sparas på iakttagelsen.',
    reasonTooLong: (max: number) => `Orsaken får vara högst ${max} tecken. Inget har ändrats.`,
    reasonIdentifies:
      'Orsaken ser ut att innehålla ett personnummer eller samordningsnummer. Skriv den utan uppgifter som pekar ut en person; inget har ändrats.',
  },

  /** How a purged entry shows where its text was. */
  purgedEntry: (date: string) => `_gallrad ${date}_`,
  /** For a report over a period with purged entries: the counts stand, the text is gone. */
  reportNote: (count: number) =>
    `Fritexten i ${count} ${plural(count, 'iakttagelse', 'iakttagelser')} i perioden är gallrad enligt organisationens gallringsbeslut; antalen, områdena och utvecklingen finns kvar.`,

  leaver: {
    adminNotice: (user: string, parties: string, wasAdmin: boolean) =>
      `${user} har avaktiverats i Slack, och behörigheten i Fredagsmötet är borttagen: ${[
        parties === '' ? null : `medlemskap i ${parties}`,
        wasAdmin ? 'administratörsbehörighet' : null,
      ]
        .filter((p) => p !== null)
        .join(' och ')}. Händelsen finns i behörighetsloggen.`,
    lastAdmin:
      '⚠️ Det var den sista administratören. Ingen kan nu köra administrativa kommandon: lägg in en ny administratör i ADMIN_USER_IDS och starta om boten.',
    configuredAdmin: (user: string) =>
      `Obs: ${user} står i ADMIN_USER_IDS och blir administratör igen när boten startas om; ta bort id:t där.`,
    deactivated: ' _(avaktiverad i Slack)_',
  },

  retention: {
    notConfigured:
      'Ingen gallring är inställd, så inget gallras. Allmänna handlingar bevaras tills organisationen har fått ett gallringsbeslut från arkivmyndigheten; sätt då GALLRING_IAKTTAGELSER_MANADER och GALLRING_LOGG_MANADER enligt beslutet.',
    dryRunTitle: 'Provkörning – inget ändras:',
    observationsKept: 'Iakttagelser: GALLRING_IAKTTAGELSER_MANADER är inte satt, inget gallras.',
    logKept: 'Behörighetsloggen: GALLRING_LOGG_MANADER är inte satt, inget gallras.',
    observations: (dryRun: boolean, entries: number, beforeWeek: string, weeks: readonly string[]) =>
      entries === 0
        ? `Iakttagelser före ${beforeWeek}: inget kvar att gallra.`
        : `Iakttagelser före ${beforeWeek}: fritexten i ${entries} ${plural(entries, 'iakttagelse', 'iakttagelser')} ${dryRun ? 'skulle gallras' : 'är gallrad'} (${weekSpan(weeks)}). Statistiken per vecka, part och område finns kvar.`,
    log: (dryRun: boolean, rows: number, before: string) =>
      rows === 0
        ? `Behörighetsloggen före ${before}: inget kvar att gallra.`
        : `Behörighetsloggen före ${before}: ${rows} ${plural(rows, 'rad', 'rader')} ${dryRun ? 'skulle gallras' : plural(rows, 'är gallrad', 'är gallrade')}.`,
    logged: 'Gallringen är noterad i behörighetsloggen.',
  },

  extract: {
    title: (userId: string, date: string) => `Registerutdrag för Slack-användare ${userId}, ${date}`,
    intro:
      'Det här är allt Fredagsmötet har sparat om användaren. Samma uppgifter finns i maskinläsbar form i JSON-filen bredvid.',
    displayName: 'Visningsnamn från Slack (sparat för att kunna nämna användaren utan att pinga)',
    memberships: 'Medlemskap',
    admin: 'Administratörsbehörighet',
    added: 'Behörigheter användaren har gett andra',
    entries: 'Iakttagelser användaren har skrivit',
    entriesHandled: 'Andras iakttagelser som användaren har tagit bort eller raderat texten i',
    partyReports:
      'Partens lägesbild som användaren senast har ändrat (inget att rapportera, samlad bedömning)',
    priorities: 'Gemensamma prioriteringar användaren har registrerat eller är kontaktperson för',
    priorityEvents: 'Anteckningar, uppföljningar och ändringar användaren har gjort i prioriteringar',
    contactChanges:
      'Andras ändringar som gjorde användaren till kontaktperson eller tog bort användaren som det',
    meetings: 'Möten användaren har ställt in eller återupptagit',
    meetingMoves: 'Möten användaren har flyttat',
    meetingNotes: 'Beslut och anteckningar användaren har skrivit i mötesprotokollen',
    attendanceMarked: 'Närvaro användaren har markerat för parterna',
    mentions:
      'Andras texter som nämner användaren med @-omnämnande (namn skrivna utan @ går inte att söka fram säkert)',
    deliveryProblems: 'Tillfällen då boten inte nådde användaren (administratörerna fick besked)',
    accessAsActor: 'Behörighetsloggen: vad användaren har läst, exporterat eller ändrat',
    accessAsSubject: 'Behörighetsloggen: händelser som gällde användaren',
    requests: 'Förfrågningar till boten som ännu finns sparade',
    messages: 'Meddelanden boten har skickat direkt till användaren',
    none: '  (inget)',
    name: (name: string, fetched: string) => `  – ”${name}”, hämtat ${fetched}`,
    membership: (party: string, key: string, since: string, by: string | null) =>
      `  – ${party} (${key}), sedan ${since}${by === null ? '' : `, tillagd av ${by}`}`,
    adminSince: (since: string, by: string | null) =>
      `  – administratör sedan ${since}${by === null ? ' (från ADMIN_USER_IDS)' : `, tillagd av ${by}`}`,
    addedMember: (user: string, party: string, at: string) => `  – ${user} som medlem i ${party}, ${at}`,
    addedAdmin: (user: string, at: string) => `  – ${user} som administratör, ${at}`,
    entry: (id: number, week: string, party: string, area: string, created: string) =>
      `  – nr ${id}, ${week}, ${party}, ${area}, skriven ${created}`,
    entryText: (text: string) => `      ”${text}”`,
    entryPlace: (place: string) => `      plats: ${place}`,
    entryWhen: (when: string) => `      när: ${when}`,
    entryRemoved: (date: string) => `      borttagen ${date}`,
    entryPurged: (date: string) => `      texten gallrad ${date}`,
    entryPurgeReason: (reason: string) => `      orsak till att texten togs bort: ”${reason}”`,
    handled: (id: number, week: string, party: string, removed: boolean, purged: boolean) =>
      `  – nr ${id}, ${week}, ${party}: ${[removed ? 'borttagen' : null, purged ? 'texten raderad' : null].filter((p) => p !== null).join(', ')}`,
    partyReport: (week: string, party: string, nothing: boolean, assessment: string | null) =>
      `  – ${week}, ${party}: ${[nothing ? 'inget att rapportera' : null, assessment].filter((p) => p !== null).join(', ') || 'ändrad'}`,
    priority: (id: number, title: string, status: string, roles: string) =>
      `  – nr ${id} ”${title}” (${status}): ${roles}`,
    priorityCreated: 'registrerad av användaren',
    priorityContact: 'kontaktperson',
    priorityEvent: (priorityId: number, kind: string, week: string, at: string) =>
      `  – prioritering ${priorityId}, ${kind}, ${week}, ${at}`,
    priorityNote: (note: string) => `      ”${note}”`,
    contactChange: (priorityId: number, week: string, made: boolean, by: string, at: string) =>
      `  – prioritering ${priorityId}, ${week}: ${made ? 'blev kontaktperson' : 'slutade vara kontaktperson'}, ändrat av ${by} ${at}`,
    meeting: (week: string, cancelled: boolean, at: string, reason: string | null) =>
      `  – ${week}: ${cancelled ? 'inställt' : 'återupptaget'} ${at}${reason === null ? '' : ` (orsak: ${reason})`}`,
    meetingMove: (week: string, startsAt: string, at: string | null) =>
      `  – ${week}: flyttat till ${startsAt}${at === null ? '' : ` (ändrat ${at})`}`,
    meetingNote: (id: number, week: string, kind: MeetingNoteKind, at: string) =>
      `  – nr ${id}, ${week}, ${kind === 'beslut' ? 'beslut' : 'anteckning'}, skriven ${at}`,
    noteText: (text: string) => `      ”${text}”`,
    attendance: (week: string, party: string, at: string) =>
      `  – ${week}: ${party} närvarande, markerat ${at}`,
    mention: (source: MentionSource, id: number | null, week: string, by: string, at: string) =>
      `  – ${MENTION_SOURCES[source]}${id === null ? '' : ` nr ${id}`}, ${week}, skriven av ${by} ${at}`,
    deliveryProblem: (week: string, code: string, at: string) => `  – ${week}: Slack svarade ${code}, ${at}`,
    accessCount: (count: number) =>
      `  ${count} ${plural(count, 'händelse', 'händelser')}; se listan nedan och JSON-filen.`,
    request: (kind: string, at: string, done: boolean) =>
      `  – ${kind}, ${at}${done ? ', utförd' : ', inte utförd ännu'}`,
    message: (kind: string, week: string, at: string) => `  – ${kind}, ${week}, ${at}`,
    cliWritten: (json: string, summary: string) =>
      `Registerutdraget är skrivet:\n  ${json} (JSON, alla uppgifter)\n  ${summary} (läsbar sammanfattning)\nUtdraget är noterat i behörighetsloggen.`,
  },

  cli: {
    usage: `  logg --från <datum> --till <datum> [--användare <Slack-id>] [--format csv|text] [--out <fil>]
              behörighetsloggen för perioden (datumen ingår), som CSV (semikolon, UTF-8 med BOM)
              eller text; exporten noteras i loggen
  gallra [--dry-run]
              gallrar enligt GALLRING_IAKTTAGELSER_MANADER och GALLRING_LOGG_MANADER nu,
              eller visar med --dry-run vad som skulle gallras
  registerutdrag <Slack-id> --out <fil.json>
              allt som finns sparat om en person (GDPR art. 15): JSON och en läsbar
              sammanfattning bredvid; utdraget noteras i loggen`,
    needDates: 'Ange perioden med --från och --till, till exempel --från 2026-01-01 --till 2026-03-31.',
    badDate: (option: string, given: string) => `${option}: ${given} är inget datum. Skriv som 2026-01-31.`,
    reversed: 'Perioden slutar före den börjar: --till ska vara samma dag som --från eller senare.',
    badUser: (given: string) => `Ogiltigt Slack-id: ${given}. Ett användar-id ser ut som U0123ABCD.`,
    badFormat: (given: string) => `Okänt format: ${given}. Välj csv eller text.`,
    needOut: 'Ange filen med --out, till exempel --out registerutdrag.json.',
    needUserId: 'Ange personens Slack-id, till exempel registerutdrag U0123ABCD --out utdrag.json.',
    unknownOption: (given: string) => `Okänt val: ${given}.`,
    missingValue: (option: string) => `${option} saknar ett värde.`,
    logWritten: (rows: number, file: string) =>
      `${rows} ${plural(rows, 'rad skriven', 'rader skrivna')} till ${file}.`,
    logEmpty: 'Inga händelser i loggen för perioden.',
    logExported: 'Exporten är noterad i behörighetsloggen.',
  },
} as const;
