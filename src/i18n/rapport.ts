/**
 * Every text of the follow-up report (”Uppföljning”, `/rapport` and `npm run cli -- rapport`), in Swedish:
 * the catalogue's `rapport` section (src/i18n/sv.ts). Functions that embed user text take it already escaped
 * where it goes into mrkdwn; the PDF, the workbook and the CSV take plain text.
 */

import { DateTime } from 'luxon';
import type { Assessment, Trend } from '../domain/entry.js';
import type { PriorityStatus } from '../domain/priorities.js';
import type { GridValue } from '../domain/report-model.js';
import type { PeriodProblem, ReportPeriod } from '../domain/report-period.js';
import type { FollowUpKind } from '../domain/report-priorities.js';
import type { MeetingWeek } from '../domain/schedule.js';
import { plural } from './plural.js';

/** `25 december 2026`. */
export function longDate(date: string): string {
  return DateTime.fromISO(date).setLocale('sv').toFormat('d LLLL yyyy');
}

const week = (w: MeetingWeek) => Number(w.slice(6));

function periodLabel(period: ReportPeriod): string {
  const name = period.name;
  const base =
    name.kind === 'quarter'
      ? `kvartal ${name.quarter} ${name.year}`
      : name.kind === 'year'
        ? `${name.year}`
        : name.kind === 'weeks'
          ? name.fromWeek.slice(0, 4) === name.toWeek.slice(0, 4)
            ? `v. ${week(name.fromWeek)}–${week(name.toWeek)} ${name.fromWeek.slice(0, 4)}`
            : `${name.fromWeek} – ${name.toWeek}`
          : `${period.from} – ${period.to}`;
  return period.clamped ? `${base} (t.o.m. ${longDate(period.to)})` : base;
}

/** A period as part of a file name: `2026-Q3`, `2026`, `2026-W40-2026-W52`, `2026-01-01-2026-06-30`. */
function periodSlug(period: ReportPeriod): string {
  const name = period.name;
  if (name.kind === 'quarter') return `${name.year}-Q${name.quarter}`;
  if (name.kind === 'year') return `${name.year}`;
  if (name.kind === 'weeks') return `${name.fromWeek}-${name.toWeek}`;
  return `${period.from}-${period.to}`;
}

const CHART_TITLES = {
  weekly: 'Iakttagelser per område och vecka',
  grid: 'Samlad bedömning per part och vecka',
  monthly: 'Gemensamma prioriteringar per månad',
} as const;

/** A chart's part of its file names. */
const CHART_SLUGS = {
  weekly: 'omraden-per-vecka',
  grid: 'bedomningar',
  monthly: 'prioriteringar-per-manad',
} as const;

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** `+3 (+23 %)`, `−2 (−10 %)`, `±0`; against nothing, only the difference. */
function change(current: number, previous: number): string {
  const diff = current - previous;
  const sign = diff > 0 ? '+' : diff < 0 ? '−' : '±';
  if (previous === 0 || diff === 0) return `${sign}${Math.abs(diff)}`;
  return `${sign}${Math.abs(diff)} (${sign}${Math.round((Math.abs(diff) / previous) * 100)} %)`;
}

const examples = (command: string) =>
  `Skriv till exempel \`${command}\` (senaste hela kvartalet), \`${command} 2026-Q3\`, \`${command} kv3\`, ` +
  `\`${command} år\`, \`${command} 2026\`, \`${command} v40-v52\`, \`${command} 2026-01-01 2026-06-30\`, ` +
  `eventuellt följt av en part eller ett område: \`${command} 2026 trafik\`, \`${command} 2026 kommunen\`.`;

export const rapport = {
  periodLabel,
  periodSlug,
  longDate,
  percent,
  change,
  title: (label: string) => `Uppföljning av samverkansöverenskommelsen — ${label}`,
  shortTitle: (label: string) => `Uppföljning — ${label}`,
  filterLabel: (name: string) => `Avgränsad till ${name}`,
  generated: (date: string) => `Framtagen ${longDate(date)} av Fredagsmötet.`,
  compared: (from: string, to: string) => `Jämförs med perioden före, ${from} – ${to}.`,

  help: (command: string) =>
    `*Uppföljning* – rapporter ur mötets lägesbilder och gemensamma prioriteringar med \`${command}\`.\n` +
    `• \`${command}\` eller \`${command} kvartal\` – senaste hela kvartalet\n` +
    `• \`${command} 2026-Q3\`, \`${command} kv3\` – ett kvartal (utan år: årets, eller förra årets om det inte har börjat)\n` +
    `• \`${command} år\`, \`${command} 2026\` – året hittills, ett år\n` +
    `• \`${command} v40-v52\`, \`${command} 2026-W40-2026-W52\` – mötesveckor\n` +
    `• \`${command} 2026-01-01 2026-06-30\` – mellan två datum\n` +
    `• Lägg till en part eller ett område för att avgränsa: \`${command} 2026 trafik\`, \`${command} 2026 kommunen\`.\n` +
    'Rapporten jämför med lika lång period före och kommer som ett meddelande med PDF, Excel, CSV och diagram.',
  problem: (p: PeriodProblem, command: string, parties: string, areas: string): string => {
    switch (p.kind) {
      case 'unreadable':
        return `Jag förstår inte perioden ”${p.text}”. ${examples(command)}`;
      case 'future':
        return `Perioden börjar ${longDate(p.from)}, efter i dag (${longDate(p.today)}). Välj en period som har börjat. ${examples(command)}`;
      case 'reversed':
        return `Perioden slutar (${p.to}) innan den börjar (${p.from}). Skriv det tidigaste först, till exempel \`${command} ${p.to} ${p.from}\`.`;
      case 'tooLong':
        return `Perioden ${p.from} – ${p.to} är längre än ${p.maxYears} år. Ta fram den i delar, till exempel ett år i taget: \`${command} ${p.from.slice(0, 4)}\`.`;
      case 'beforeData':
        return `Perioden slutar ${longDate(p.to)}, före de första uppgifterna i Fredagsmötet (${longDate(p.firstData)}). Välj en senare period. ${examples(command)}`;
      case 'unknownFilter':
        return `Jag känner inte igen ”${p.word}” som part eller område. Skriv till exempel \`${command} 2026 kommunen\` eller \`${command} 2026 trafik\`.\nParter: ${parties}\nOmråden: ${areas}`;
    }
  },

  trend: {
    okar: 'Ökar',
    oforandrat: 'Oförändrat',
    minskar: 'Minskar',
    none: 'Ingen uppgift',
  } satisfies Record<Trend | 'none', string>,
  assessment: {
    normallage: 'Normalläge',
    forhojt: 'Förhöjt läge',
    allvarligt: 'Allvarligt läge',
  } satisfies Record<Assessment, string>,
  grid: {
    normallage: 'Normalläge',
    forhojt: 'Förhöjt läge',
    allvarligt: 'Allvarligt läge',
    none: 'Lämnad utan bedömning',
    nothing: 'Inget att rapportera',
    missing: 'Inte lämnad',
  } satisfies Record<GridValue, string>,
  status: { aktiv: 'Aktiv', genomford: 'Genomförd', avbruten: 'Avbruten' } satisfies Record<
    PriorityStatus,
    string
  >,
  followUpKind: {
    decided: 'Beslutad',
    followedUp: 'Uppföljning',
    completed: 'Genomförd',
    cancelled: 'Avbruten',
    reopened: 'Återupptagen',
  } satisfies Record<FollowUpKind, string>,

  // headline figures, for the message and the PDF
  figures: {
    observations: 'Iakttagelser',
    meetingsHeld: 'Möten som hölls',
    meetingsCancelled: 'Inställda möten',
    participation: 'Deltagande (lämnat till hållna möten)',
    decided: 'Nya gemensamma prioriteringar',
    followedUp: 'Prioriteringar som följdes upp',
    completed: 'Genomförda prioriteringar',
    cancelled: 'Avbrutna prioriteringar',
    overdue: 'Försenade vid periodens slut',
    median: 'Mediantid från beslut till genomförd',
    days: (n: number) => `${String(n).replace('.', ',')} ${plural(n, 'dag', 'dagar')}`,
    previous: 'Perioden före',
    change: 'Förändring',
    none: '–',
  },
  message: {
    fallback: (label: string, observations: number) =>
      `Uppföljning — ${label}: ${observations} ${plural(observations, 'iakttagelse', 'iakttagelser')}.`,
    observations: (n: number, changeText: string, previous: number) =>
      `*${n}* ${plural(n, 'iakttagelse', 'iakttagelser')} (${changeText} mot perioden före, då ${previous})`,
    meetings: (held: number, cancelled: number) =>
      `*${held}* ${plural(held, 'möte', 'möten')} hölls${cancelled > 0 ? `, ${cancelled} ställdes in` : ''}`,
    participation: (current: string, previous: string | null) =>
      `Deltagande: *${current}*${previous === null ? '' : ` (perioden före ${previous})`}`,
    priorities: (
      decided: number,
      followedUp: number,
      completed: number,
      cancelled: number,
      overdue: number,
    ) =>
      `Gemensamma prioriteringar: *${decided}* ${plural(decided, 'ny', 'nya')}, ${followedUp} följdes upp, ` +
      `${completed} ${plural(completed, 'genomförd', 'genomförda')}, ${cancelled} ${plural(cancelled, 'avbruten', 'avbrutna')}, ` +
      `${overdue} ${plural(overdue, 'försenad', 'försenade')}`,
    median: (days: string) => `Mediantid från beslut till genomförd: ${days}`,
    areasTitle: '*Områden med flest iakttagelser*',
    areaLine: (name: string, n: number, changeText: string, rising: string, parties: string) =>
      `• *${name}*: ${n} (${changeText}), ökar ${rising} – ${parties}`,
    participationTitle: '*Deltagande per part*',
    participationLine: (party: string, submitted: number, held: number, nothing: number) =>
      `• ${party}: ${submitted} av ${held} ${plural(held, 'möte', 'möten')}${nothing > 0 ? ` (varav ${nothing} inget att rapportera)` : ''}`,
    cancelledTitle: '*Inställda möten*',
    cancelledLine: (w: MeetingWeek, date: string, reason: string | null) =>
      `• v. ${week(w)} (${longDate(date)})${reason === null ? '' : `: ${reason}`}`,
    promisesTitle: '*Medborgarlöftet*',
    promiseLine: (id: number, title: string, promise: string, status: string, note: string | null) =>
      `• #${id} ${title} – _${promise}_ · ${status.toLowerCase()}${note === null ? '' : ` · senast: ${note}`}`,
    more: (n: number) => `…och ${n} till i bilagorna.`,
    empty:
      'Inget registrerades under perioden: inga iakttagelser, ingen lägesbild från parterna och inga beslut om gemensamma prioriteringar.',
    purged: (purged: number, total: number) =>
      `Fritexten i ${purged} av ${total} ${plural(total, 'iakttagelse', 'iakttagelser')} är gallrad; ${plural(purged, 'den', 'de')} räknas ändå.`,
    attachments: (count: number) =>
      `Bilagor (${count}): PDF för utskrift och arkiv, Excel och CSV med iakttagelserna, diagram som bilder.`,
    noAttachments: 'Inga bilagor.',
    refused: {
      file_uploads_disabled:
        'Bilagorna kunde inte skickas: arbetsytan tillåter inte filuppladdning. En administratör kan ta fram dem med `npm run cli -- rapport`.',
      file_upload_size_restricted:
        'Bilagorna kunde inte skickas: de är större än arbetsytan tillåter. En administratör kan ta fram dem med `npm run cli -- rapport`.',
    },
  },
  table: {
    area: 'Område',
    observations: 'Iakttagelser',
    previous: 'Perioden före',
    change: 'Förändring',
    rising: 'Ökar',
    steady: 'Oförändrat',
    falling: 'Minskar',
    noTrend: 'Utan uppgift',
    parties: 'Parter',
    places: 'Platser (minst 3 gånger)',
    party: 'Part',
    held: 'Hållna möten',
    submitted: 'Lämnat',
    nothing: 'Varav inget att rapportera',
    missed: 'Saknas',
    share: 'Andel',
    week: 'Vecka',
    date: 'Datum',
    reason: 'Orsak',
    number: 'Nr',
    titleColumn: 'Prioritering',
    areas: 'Områden',
    responsible: 'Ansvariga',
    status: 'Status vid periodens slut',
    followUpDate: 'Uppföljningsdatum',
    agreedWeek: 'Beslutad vecka',
    closedOn: 'Avslutad',
    promise: 'Medborgarlöfte',
    effectShort: 'Förväntad effekt, kort sikt',
    effectLong: 'Förväntad effekt, lång sikt',
    lastNote: 'Senaste uppföljning',
    what: 'Vad',
    note: 'Anteckning',
    quarter: 'Kvartal',
    value: 'Värde',
    yes: 'ja',
    counts: ['Beslutade', 'Följdes upp', 'Genomförda', 'Avbrutna', 'Försenade'],
  },
  /** The observations, one per row: the workbook's sheet and the CSV. */
  observationColumns: {
    week: 'Vecka',
    date: 'Mötesdatum',
    party: 'Part',
    area: 'Område',
    place: 'Plats',
    when: 'När',
    trend: 'Utveckling',
    assessment: 'Samlad bedömning',
    text: 'Iakttagelse',
  },
  purgedText: '(gallrad)',
  pdf: {
    figuresTitle: 'Nyckeltal',
    chartsTitle: 'Diagram',
    areasTitle: 'Iakttagelser per område',
    quartersTitle: 'Kvartal för kvartal',
    participationTitle: 'Deltagande',
    meetingsTitle: 'Inställda möten',
    noCancelled: 'Inga möten ställdes in.',
    prioritiesTitle: 'Gemensamma prioriteringar',
    perArea: 'Per område',
    perParty: 'Per ansvarig part',
    promisesTitle: 'Medborgarlöftet',
    noPromises: 'Inga prioriteringar under perioden hör till medborgarlöftet.',
    areaPage: (name: string) => `Område: ${name}`,
    areaFacts: (n: number, previous: number, changeText: string) =>
      `${n} ${plural(n, 'iakttagelse', 'iakttagelser')} under perioden (perioden före: ${previous}, ${changeText}).`,
    areaParties: (parties: string) => `Parter som rapporterade: ${parties}.`,
    areaNoPlaces: 'Ingen plats nämndes minst tre gånger.',
    areaPriorities: 'Gemensamma prioriteringar inom området',
    morePriorities: (n: number) => `…och ${n} till; alla finns i Excel-filen.`,
    noText:
      'Iakttagelsernas fritext ingår inte i denna rapport. Platser som nämnts färre än tre gånger visas inte, så att ingen enskild händelse pekas ut.',
    empty: 'Inget registrerades under perioden.',
  },
  charts: {
    ...CHART_TITLES,
    week: 'Vecka',
    count: 'Antal',
    area: 'Område',
    party: 'Part',
    assessment: 'Bedömning',
    month: 'Månad',
    series: 'Prioriteringar',
    opened: 'Beslutade',
    closed: 'Avslutade',
    weekLabel: (w: MeetingWeek) => `v. ${week(w)}`,
    monthLabel: (month: string) => DateTime.fromISO(`${month}-01`).setLocale('sv').toFormat('LLL yyyy'),
  },
  sheets: {
    summary: 'Sammanfattning',
    observations: 'Iakttagelser',
    priorities: 'Prioriteringar',
    followUps: 'Uppföljningar',
    participation: 'Deltagande',
  },
  files: {
    pdf: (slug: string) => ({ filename: `uppfoljning-${slug}.pdf`, title: 'Uppföljning (PDF)' }),
    xlsx: (slug: string) => ({ filename: `uppfoljning-${slug}.xlsx`, title: 'Uppföljning (Excel)' }),
    csv: (slug: string) => ({
      filename: `uppfoljning-${slug}-iakttagelser.csv`,
      title: 'Iakttagelser (CSV)',
    }),
    chart: (slug: string, chart: keyof typeof CHART_SLUGS) => ({
      filename: `uppfoljning-${slug}-${CHART_SLUGS[chart]}.png`,
      title: CHART_TITLES[chart],
    }),
    chartSlugs: CHART_SLUGS,
  },
  /** The `/rapport` command's answers while a report is made. */
  command: {
    making: (label: string) =>
      `⏳ Rapporten för ${label} tas fram. Den kommer som direktmeddelande från mig om en stund, med bilagorna.`,
    already: (label: string) =>
      `Rapporten för ${label} tas redan fram åt dig; den kommer som direktmeddelande om en stund.`,
    notAllowed: (admins: string) =>
      `Rapporterna bygger på parternas lägesbild och visas bara för parternas medlemmar och administratörer.${admins === '' ? '' : ` Be en administratör lägga till dig: ${admins}.`}`,
    /** Asked for while a member, no longer one when it was to be made: no report, and why. */
    noLongerAllowed: (label: string, admins: string) =>
      `Rapporten för ${label} togs inte fram: du är inte längre medlem i någon part eller administratör, och rapporterna visas bara för dem.${admins === '' ? '' : ` Be en administratör lägga till dig igen om du behöver den: ${admins}.`}`,
    personalNumber:
      'Här står ett person- eller samordningsnummer, och sådant sparas inte. Skriv perioden, och eventuellt en part eller ett område, utan det.',
  },
  cli: {
    usage:
      '  rapport <period> [<part|område>] [--format pdf|xlsx|csv|png] [--out <fil>] [--med-text]\n' +
      '              tar fram uppföljningsrapporten för en period (se /rapport hjälp); png skriver en fil per\n' +
      '              diagram; --med-text tar med iakttagelsernas fritext i xlsx och csv',
    unknownOption: (option: string) => `Okänt val: ${option}`,
    badFormat: (format: string) => `Okänt format ”${format}”. Välj pdf, xlsx, csv eller png.`,
    written: (path: string, kilobytes: number) => `Skrev ${path} (${kilobytes} kB).`,
    noCharts: 'Perioden har inget att visa i diagram; inga bilder skrevs.',
    made: (title: string) => `${title}`,
  },
};
