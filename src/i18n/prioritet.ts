/**
 * The texts of `/prioritet`, the joint priorities: help, refusals, confirmations, buttons and forms, a priority
 * in a list and its history, point 2 and 3 of the agenda, "Beslut och uppföljning", and the direct messages
 * to the responsible parties. Imported into `sv` as `sv.prioritet`. Functions that embed user text take it
 * already escaped.
 */

import type { ListScope } from '../domain/priority-list.js';
import { type MeetingWeek, weekNumberOf } from '../domain/schedule.js';
import type { UsageLine } from './common.js';
import { plural } from './plural.js';

export const prioritet = {
  helpTitle: '*Gemensamma prioriteringar* – så använder du `/prioritet`:',
  subcommands: {
    new: {
      usage: '/prioritet',
      description: 'registrerar en ny gemensam prioritering (öppnar ett formulär)',
    },
    list: {
      usage: '/prioritet lista [aktiva|alla|genomförda|avbrutna] [<part>] [<område>]',
      description:
        'listar prioriteringarna, de som ska följas upp först; utan val visas de aktiva, med `genomförda` eller `avbrutna` de avslutade och deras resultat',
    },
    show: {
      usage: '/prioritet visa <nummer>',
      description: 'visar en prioritering med hela dess historik',
    },
    help: { usage: '/prioritet hjälp', description: 'visar den här hjälpen' },
  } satisfies Record<string, UsageLine>,
  helpChoices: (parties: string, areas: string) => `*Parter:* ${parties}\n*Områden:* ${areas}`,
  helpPermissions:
    'Parternas medlemmar och administratörerna kan se, registrera, ändra och följa upp prioriteringarna. Att klarmarkera eller avbryta en prioritering, eller ändra vilka parter som är ansvariga, kan medlemmar i en ansvarig part och administratörer göra.',

  status: { aktiv: 'Aktiv', genomford: 'Genomförd', avbruten: 'Avbruten' } satisfies Record<
    'aktiv' | 'genomford' | 'avbruten',
    string
  >,

  notMember: (admins: string) =>
    `Du är inte medlem i någon part och kan därför inte registrera eller följa upp gemensamma prioriteringar. Be en administratör att lägga till dig: ${admins}.`,
  noAdmins: 'Det finns ingen administratör registrerad ännu. Kontakta den som driver Fredagsmötet hos er.',
  /** notMember as a form's field error (plain text), when the admins' names are not known. */
  notMemberUnnamed:
    'Du är inte medlem i någon part och kan därför inte registrera eller följa upp gemensamma prioriteringar. Be en administratör att lägga till dig.',
  /** Who a mention stands for in plain text when the name is not known: only admins are mentioned there. */
  anAdmin: 'en administratör',
  notAllowedToRead: (admins: string) =>
    `De gemensamma prioriteringarna visas bara för parternas medlemmar och administratörer. Be en administratör att lägga till dig: ${admins}.`,
  notAllowedToClose: (id: number, parties: string) =>
    `Du kan inte klarmarkera eller avbryta prioritering #${id}. Det kan bara medlemmar i en ansvarig part (${parties}) och administratörer göra. Inget har ändrats.`,
  notFound: (id: number) => `Det finns ingen gemensam prioritering med nummer ${id}.`,
  showUsage: 'Skriv numret på prioriteringen, till exempel `/prioritet visa 12`.',
  unknownFilter: (word: string, parties: string, areas: string) =>
    `Jag känner inte igen \`${word}\` som part eller område. Skriv till exempel \`/prioritet lista polisen\` eller \`/prioritet lista trafik\`.\n*Parter:* ${parties}\n*Områden:* ${areas}`,
  alreadyStatus: (id: number, status: string) =>
    `Prioritering #${id} är redan markerad som ${status.toLowerCase()}.`,
  statusChanged: (id: number, title: string, status: string) =>
    `Prioritering #${id} ”${title}” är nu markerad som *${status.toLowerCase()}*.`,
  created: (id: number, title: string, week: MeetingWeek, followUp: string) =>
    `Gemensam prioritering #${id} ”${title}” är registrerad till mötet v. ${weekNumberOf(week)}. Den följs upp ${followUp}.`,
  edited: (id: number, fields: string) => `Prioritering #${id} är ändrad: ${fields}.`,
  unchanged: (id: number) => `Inget ändrades i prioritering #${id}.`,
  followedUp: (id: number, title: string) => `Uppföljningen av prioritering #${id} ”${title}” är sparad.`,
  saveFailed:
    'Det gick inte att spara just nu. Försök igen om en stund; det du skrev finns kvar i formuläret.',

  buttons: {
    new: 'Ny gemensam prioritering',
    followUp: 'Följ upp',
    complete: 'Klarmarkera',
    cancel: 'Avbryt',
    edit: 'Ändra',
  },
  // Klarmarkera and Avbryt open a small form asking for the result (commands/prioritet/close.ts).
  closeModal: {
    title: { genomford: 'Klarmarkera', avbruten: 'Avbryt prioritering' },
    intro: {
      genomford: 'Prioriteringen markeras som genomförd och följs inte upp längre.',
      avbruten:
        'Prioriteringen markeras som avbruten. Den finns kvar i historiken men följs inte upp längre.',
    },
    result: 'Resultat',
    placeholder: {
      genomford: 'Vad blev resultatet? Vad har parterna uppnått?',
      avbruten: 'Varför avbryts den, och vad har hänt så här långt?',
    },
    hint: 'Står i mötets protokoll (Beslut och uppföljning) och i listan över avslutade prioriteringar.',
    submit: { genomford: 'Klarmarkera', avbruten: 'Markera som avbruten' },
    close: 'Avbryt',
  },

  // The modal for a new or changed priority. Modal titles are at most 24 characters.
  modal: {
    titleNew: 'Ny prioritering',
    titleEdit: 'Ändra prioritering',
    editing: (id: number) => `Du ändrar prioritering #${id}.`,
    submit: 'Spara',
    close: 'Avbryt',
    agreedAt: (week: MeetingWeek, date: string) =>
      `Överenskommen vid mötet v. ${weekNumberOf(week)} (${date}).`,
    noPersonalData: 'Skriv inga uppgifter som kan identifiera enskilda personer, till exempel personnummer.',
    title: 'Rubrik',
    titlePlaceholder: 'Vad ska parterna göra tillsammans?',
    description: 'Beskrivning',
    areas: 'Prioriterade områden',
    parties: 'Ansvariga parter',
    contact: 'Kontaktperson',
    followUpHint: (date: string) => `Lämnas datumet tomt följs prioriteringen upp vid nästa möte, ${date}.`,
    followUpKeepHint: (date: string) =>
      `Lämnas datumet tomt behåller prioriteringen sitt uppföljningsdatum, ${date}.`,
    /** The list of the coming held meetings, and the date picker beside it (src/slack/follow-up-date-field.ts). */
    followUpMeeting: 'Följs upp vid mötet',
    followUpChoice: (date: string, week: number) => `${date} (v. ${week})`,
    otherDateOption: 'Annat datum (välj nedan)',
    otherDate: 'Annat datum',
    otherDateHint:
      'Bara om du valt ”Annat datum” ovan. En prioritering följs upp på ett möte; ett datum utan möte får du bekräfta.',
    dateOnCancelled: (date: string, why: string, next: string) =>
      `⚠️ Mötet ${date} är inställt${why}. ${next} Välj ett möte i listan, eller spara igen för att ändå följa upp ${date}.`,
    dateWithoutMeeting: (date: string, next: string) =>
      `⚠️ Inget möte hålls ${date}. ${next} Välj ett möte i listan, eller spara igen för att ändå följa upp ${date}.`,
    cancelledBecause: (reason: string) => ` (${reason})`,
    nextHeld: (date: string) => `Nästa möte som hålls är ${date}.`,
    noNextHeld: 'Inget möte hålls de närmaste veckorna.',
    submitAnyway: 'Spara ändå',
    effectShort: 'Förväntad effekt på kort sikt',
    effectLong: 'Förväntad effekt på lång sikt',
    effectHint: 'En mening om vad som ska bli annorlunda.',
    citizenPromise: 'Koppling till årets medborgarlöfte',
    citizenPromiseHint: 'Valfritt: vilket av polisens och kommunens medborgarlöften prioriteringen hör till.',
  },
  followUpModal: {
    title: 'Följ upp',
    submit: 'Spara',
    close: 'Avbryt',
    heading: (id: number, title: string, followUp: string) =>
      `*#${id} ${title}*\nSka följas upp ${followUp}.`,
    note: 'Anteckning',
    notePlaceholder: 'Vad har hänt sedan sist? Vad är nästa steg?',
    status: 'Ny status',
    statusHint: 'Lämnas tomt behåller prioriteringen sin status.',
    followUpDate: 'Nytt uppföljningsdatum',
    followUpHint: 'Lämnas tomt behåller prioriteringen sitt uppföljningsdatum.',
  },
  errors: {
    required: 'Fyll i det här fältet.',
    titleRequired: 'Skriv en rubrik.',
    noteRequired: 'Skriv en anteckning om uppföljningen.',
    areasRequired: 'Välj minst ett prioriterat område.',
    partiesRequired: 'Välj minst en ansvarig part.',
    tooLong: (limit: number, length: number) => `Högst ${limit} tecken; du har skrivit ${length}.`,
    pastDate: (today: string) => `Datumet har redan passerat. Välj i dag (${today}) eller ett senare datum.`,
    invalidDate: 'Välj ett datum i kalendern.',
    personnummer:
      'Texten innehåller ett personnummer eller samordningsnummer. Ta bort det: prioriteringar får inte identifiera enskilda personer.',
    unknownArea: 'Ett av områdena finns inte längre. Välj bland dem som visas.',
    unknownParty: 'En av parterna finns inte längre. Välj bland dem som visas.',
    notAllowedToClose: (parties: string) =>
      `Bara medlemmar i en ansvarig part (${parties}) och administratörer kan ändra status.`,
    notAllowedToChangeParties: (parties: string) =>
      `Bara medlemmar i en ansvarig part (${parties}) och administratörer kan ändra vilka parter som är ansvariga. Välj samma parter som förut för att spara resten.`,
    changedSinceOpened:
      'Prioriteringen har ändrats av någon annan sedan du öppnade formuläret – öppna den igen. Det du skrev finns kvar här så att du kan kopiera det.',
    gone: 'Prioriteringen finns inte längre.',
    resultRequired: 'Skriv resultatet: vad prioriteringen ledde till, eller varför den avbryts.',
    alreadyClosed: (status: string) => `Prioriteringen är redan ${status.toLowerCase()}. Inget har ändrats.`,
  },

  // A priority in a list, on the agenda and in App Home.
  line: {
    due: '🔔 _ska följas upp_',
    closed: (status: string) => `_${status.toLowerCase()}_`,
    responsible: 'Ansvariga',
    areas: 'Områden',
    followUp: 'Uppföljning',
    contact: 'Kontaktperson',
    agreed: (week: MeetingWeek) => `Överenskommen v. ${weekNumberOf(week)}`,
    description: 'Beskrivning',
    effectShort: 'Effekt på kort sikt',
    effectLong: 'Effekt på lång sikt',
    citizenPromise: 'Medborgarlöfte',
    status: 'Status',
  },
  list: {
    title: 'Gemensamma prioriteringar',
    /** How many the list holds, in words that agree with the number: `1 aktiv prioritering`. */
    count: (scope: ListScope, count: number) => {
      const forms: Record<ListScope, readonly [string, string]> = {
        aktiva: ['aktiv prioritering', 'aktiva prioriteringar'],
        alla: ['prioritering', 'prioriteringar'],
        genomforda: ['genomförd prioritering', 'genomförda prioriteringar'],
        avbrutna: ['avbruten prioritering', 'avbrutna prioriteringar'],
      };
      const [one, many] = forms[scope];
      return `${count} ${plural(count, one, many)}`;
    },
    filterLine: (counted: string, filters: string, due: number) =>
      `${counted}${filters === '' ? '' : ` · ${filters}`}${due > 0 ? ` · ${due} ska följas upp vid nästa möte` : ''}`,
    empty: 'Inga prioriteringar matchar. Registrera en ny med `/prioritet`.',
    /** A closed priority's result in `lista genomförda|avbrutna` (cut when long; `visa` shows it whole). */
    result: (week: MeetingWeek, note: string) => `*Resultat* (v. ${weekNumberOf(week)}): ${note}`,
    noResult: '_Inget resultat skrevs._',
    more: (shown: number, rest: number) =>
      `Visar ${plural(shown, 'den', `de ${shown}`)} första. *…och ${rest} till* – smalna av med \`/prioritet lista <part>\` eller \`/prioritet lista <område>\`, eller öppna en med \`/prioritet visa <nummer>\`.`,
  },
  history: {
    title: 'Historik',
    part: (id: number, part: number, total: number) =>
      `Prioritering #${id}${total > 1 ? ` (del ${part} av ${total})` : ''}`,
    event: (when: string, week: MeetingWeek, actor: string, what: string) =>
      `*${when}* · v. ${weekNumberOf(week)} · ${actor} ${what}`,
    skapad: 'registrerade prioriteringen',
    andrad: 'ändrade',
    status: 'ändrade status',
    statusTo: (status: string) => `ändrade status till ${status}`,
    uppfoljning: 'följde upp',
    change: (field: string, from: string, to: string) => `${field}: ${from} → ${to}`,
    changedWithoutValues: (field: string) => `${field} ändrades`,
    empty: '–',
    fields: {
      title: 'Rubrik',
      description: 'Beskrivning',
      areaKeys: 'Områden',
      partyKeys: 'Ansvariga parter',
      contactUserId: 'Kontaktperson',
      followUpDate: 'Uppföljningsdatum',
      effectShort: 'Effekt på kort sikt',
      effectLong: 'Effekt på lång sikt',
      citizenPromise: 'Medborgarlöfte',
      status: 'Status',
    },
  },
  agenda: {
    heading: '*2. Uppföljning av gemensamma prioriteringar*',
    none: '_Inga gemensamma prioriteringar ska följas upp vid det här mötet._',
    count: (count: number) =>
      `${count} ${plural(count, 'gemensam prioritering', 'gemensamma prioriteringar')} ska följas upp – se \`/prioritet lista\`.`,
    more: (rest: number) => `*…och ${rest} till* – se \`/prioritet lista\`.`,
    /** Point 3: a priority proposed for the meeting since the last one, and who proposed it (a name, no ping). */
    proposal: (title: string, proposer: string, parties: string) =>
      `• ${title} – föreslagen av ${proposer} · Ansvariga: ${parties}`,
    noProposals: '_Inga nya förslag sedan förra mötet. Registrera ett med `/prioritet`._',
    proposalsMore: (rest: number) => `*…och ${rest} till* – se \`/prioritet lista\`.`,
  },
  summary: {
    title: (week: MeetingWeek, part: number, total: number) =>
      `Beslut och uppföljning v. ${weekNumberOf(week)}${total > 1 ? ` (del ${part} av ${total})` : ''}`,
    fallback: (week: MeetingWeek, part: number, total: number) =>
      `Beslut och uppföljning v. ${weekNumberOf(week)}${total > 1 ? `, del ${part} av ${total}` : ''}`,
    agreed: (count: number) => `*Nya gemensamma prioriteringar (${count})*`,
    followedUp: (count: number) => `*Uppföljda (${count})*`,
    completed: (count: number) => `*Genomförda (${count})*`,
    cancelled: (count: number) => `*Avbrutna (${count})*`,
    note: (actor: string, note: string) => `> ${actor}: ${note}`,
    /** A priority still active after the meeting: when it is followed up next. */
    nextFollowUp: (date: string) => `Nästa uppföljning: ${date}`,
    /** Its follow-up date is the meeting's or earlier: no new date was set. */
    noNewDate: 'Nästa uppföljning: _inget nytt datum satt_',
    /** The note written when it was completed or cancelled. */
    result: (actor: string, note: string) => `*Resultat* (${actor}): ${note}`,
    agreedHere: '_registrerad vid mötet_',
    none: '_Inga gemensamma prioriteringar registrerades, följdes upp eller avslutades under mötet._',
    betweenMeetings: (week: number) =>
      `*Mellan mötena* – registrerat sedan förra mötet, inför mötet v. ${week}:`,
  },
  /** The direct message to the members of the parties made responsible for a new priority. */
  notice: {
    text: (id: number, title: string) =>
      `Ny gemensam prioritering där din part är ansvarig: #${id} ”${title}”`,
    body: (id: number, proposer: string, week: number, date: string) =>
      `*Ny gemensam prioritering där din part är ansvarig.* ${proposer} registrerade den till mötet v. ${week}; den följs upp ${date}. Se hela med \`/prioritet visa ${id}\`.`,
  },
  reminder: {
    text: (id: number, title: string, date: string) =>
      `Påminnelse: gemensam prioritering #${id} ”${title}” ska följas upp i morgon, ${date}.`,
    body: (id: number, title: string, date: string) =>
      `*Påminnelse inför i morgon, ${date}:* gemensam prioritering *#${id} ${title}* ska följas upp, och ingen har skrivit någon uppföljning sedan den senast sattes upp. Din part är ansvarig – skriv gärna en kort anteckning före mötet.`,
  },
} as const;
