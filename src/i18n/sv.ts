import type { Assessment, Trend } from '../domain/entry.js';
import type { ListScope } from '../domain/priority-list.js';
import { formatLocalDate, type MeetingWeek, weekNumberOf } from '../domain/schedule.js';
import { dataskydd } from './dataskydd.js';
import { flytta } from './flytta.js';
import { katalog } from './katalog.js';
import { plural } from './plural.js';
import { protokoll } from './protokoll.js';
import { rapport } from './rapport.js';

/**
 * Every text the bot shows, in Swedish. Nothing user-facing is written anywhere else.
 * Functions that embed user text take it already escaped (src/slack/mrkdwn.ts escapeMrkdwn); the callers escape.
 */

export interface UsageLine {
  readonly usage: string;
  readonly description: string;
}

export const sv = {
  common: {
    genericError:
      'Något gick fel hos Fredagsmötet. Försök igen om en stund; om felet består, kontakta en administratör.',
    unknownSubcommand: (command: string, given: string) =>
      `Jag känner inte igen \`${command} ${given}\`. Här är vad kommandot kan:`,
    helpLines: (lines: readonly UsageLine[]) =>
      lines.map((l) => `• \`${l.usage}\` – ${l.description}`).join('\n'),
    /** A person the bot names without a mention and whose name Slack could not tell (src/services/user-names.ts). */
    unknownUser: 'okänd användare',
    /** A text field's hint: the limit is checked by the bot, which answers in Swedish on the field. */
    maxCharacters: (limit: number) => `Högst ${limit} tecken.`,
    /** The request could not be stored (the database away): nothing was saved, and the person is told so. */
    notReceived:
      'Fredagsmötet kunde inte ta emot det just nu, så inget sparades. Försök igen om en stund; om felet består, kontakta en administratör.',
    /** A stored request that could not be carried out after several tries. */
    notCarriedOut:
      'Något gick fel hos Fredagsmötet, och det du skickade kunde inte sparas. Försök igen; om felet består, kontakta en administratör.',
  },

  // ── data protection: access log, gallring, register extracts, leavers (./dataskydd.ts) ──
  dataskydd,

  // ── /rapport and `npm run cli -- rapport`: the follow-up report (./rapport.ts) ──
  rapport,

  // ── parties and areas: finding them from what people type, and the admins' changes (./katalog.ts) ──
  katalog,

  // ── moving a cancelled meeting's lägesbild to the next held meeting (./flytta.ts) ──
  flytta,

  // ── /protokoll and the meeting's minutes (./protokoll.ts) ──
  protokoll,

  // ── /lagesbild: a party's situational picture ──
  lagesbild: {
    helpTitle: '*Lägesbild till mötet* – så använder du `/lagesbild`:',
    subcommands: {
      open: {
        usage: '/lagesbild',
        description: 'öppnar formuläret: område, iakttagelse, plats, när, utveckling och samlad bedömning',
      },
      entry: {
        usage: '/lagesbild <område>: <text>',
        description:
          'lämnar en iakttagelse direkt, till exempel `/lagesbild trafik: fler hastighetsöverträdelser på E22 vid Gamleby`',
      },
      entryForParty: {
        usage: '/lagesbild <part> <område>: <text>',
        description: 'samma sak för en viss part, om du är medlem i flera (annars gäller din första part)',
      },
      nothing: {
        usage: '/lagesbild inget [<part>]',
        description: 'meddelar att parten inte har något att rapportera till mötet',
      },
      status: {
        usage: '/lagesbild status [vecka]',
        description: 'visar vilka parter som har lämnat lägesbild till kommande (eller en given) möte',
      },
      show: {
        usage: '/lagesbild visa [vecka] [part]',
        description:
          'visar den sammanställda lägesbilden för kommande möte, eller för en vecka (`v49`, `49`, `2026-W49`)',
      },
      mine: {
        usage: '/lagesbild mina',
        description:
          'visar din parts iakttagelser till kommande möte, med knappar för att ändra eller ta bort',
      },
      help: { usage: '/lagesbild hjälp', description: 'visar den här hjälpen' },
    } satisfies Record<string, UsageLine>,
    helpAreasTitle: '*Områden* – skriv ett av orden före kolonet:',
    helpArea: (name: string, aliases: readonly string[]) =>
      `• ${name}: ${aliases.map((alias) => `\`${alias}\``).join(', ')}`,
    helpPartiesTitle: '*Parter* – behövs bara om du är medlem i flera:',
    helpParty: (key: string, name: string) => `• \`${key}\` – ${name}`,
    helpFooter:
      'Du kan också skriva direkt till mig i ett direktmeddelande, eller svara i tråden när jag ber om lägesbild, ' +
      'i formen `<område>: <text>` eller `inget`. Allt gäller nästa möte som inte har börjat; när mötet börjar ' +
      'låses dess lägesbild. Skriv aldrig något som identifierar enskilda personer.',

    // the modal
    modalTitle: 'Lämna lägesbild',
    editTitle: 'Ändra iakttagelse',
    submit: 'Skicka',
    save: 'Spara',
    cancel: 'Avbryt',
    close: 'Stäng',
    modalMovedOnStarted: (askedWeek: number, weekNumber: number) =>
      `:information_source: Mötet v. ${askedWeek} har redan börjat, så dess lägesbild tar inte emot mer. Det du lämnar här går till mötet v. ${weekNumber}.`,
    modalMovedOnCompiled: (askedWeek: number, weekNumber: number) =>
      `:information_source: Lägesbilden till mötet v. ${askedWeek} är redan sammanställd och låst. Det du lämnar här går till mötet v. ${weekNumber}.`,
    modalMovedOnCancelled: (askedWeek: number, reason: string, weekNumber: number) =>
      `:information_source: Mötet v. ${askedWeek} är inställt${reason === '' ? '' : ` (${reason})`}. Det du lämnar här går till mötet v. ${weekNumber}.`,
    modalIntro: (meetingWhen: string, weekNumber: number) =>
      `Till mötet *${meetingWhen}* (v. ${weekNumber}). Skriv inget som identifierar enskilda personer.`,
    partyLabel: 'Part',
    partyFixed: (partyName: string) => `*Part:* ${partyName}`,
    areaLabel: 'Område',
    areaPlaceholder: 'Välj prioriterat område',
    textLabel: 'Iakttagelse',
    textPlaceholder: 'Vad har ni sett eller fått kännedom om?',
    textHint: 'Högst 2000 tecken. Inga namn, personnummer eller annat som pekar ut enskilda.',
    placeLabel: 'Plats',
    placePlaceholder: 'till exempel Gamleby centrum',
    whenLabel: 'När',
    whenPlaceholder: 'till exempel fre–lör nätter',
    trendLabel: 'Utveckling',
    trendPlaceholder: 'Välj utveckling',
    trend: { okar: 'Ökar', oforandrat: 'Oförändrat', minskar: 'Minskar' } satisfies Record<Trend, string>,
    assessmentLabel: 'Samlad bedömning',
    assessmentPlaceholder: 'Välj bedömning',
    assessmentHint: 'Gäller partens hela lägesbild till mötet.',
    nothingLabel: 'Inget att rapportera',
    nothingOption: 'Inget att rapportera denna vecka',
    nothingTitle: 'Inget att rapportera',
    nothingButton: 'Inget att rapportera',
    nothingHint:
      'Inget att rapportera denna vecka? Avbryt och skriv `/lagesbild inget`, eller välj *Inget att rapportera* där du fick knappen *Lämna lägesbild*.',
    nothingIntro: (meetingWhen: string, weekNumber: number) =>
      `Din part har inget att rapportera till mötet *${meetingWhen}* (v. ${weekNumber}). Välj gärna en samlad bedömning.`,

    // field errors and refusals
    areaMissing: 'Välj ett område.',
    areaGone: 'Området finns inte längre; välj ett annat.',
    textMissing: 'Skriv er iakttagelse.',
    oneLinerTextMissing: (example: string) =>
      `Skriv iakttagelsen efter kolonet, till exempel \`${example}\`.`,
    tooLong: (limit: number, length: number) => `Högst ${limit} tecken (nu ${length}).`,
    textTooLong: (limit: number, length: number) =>
      `Texten är för lång: ${length} tecken, högst ${limit}. Korta den, eller använd \`/lagesbild\` och dela upp den på flera iakttagelser.`,
    personalNumber:
      'Här står ett person- eller samordningsnummer. Lägesbilden får inte identifiera enskilda personer; ta bort numret.',
    oneLinerPersonalNumber:
      'Inget sparades: texten innehåller ett person- eller samordningsnummer, och lägesbilden får inte identifiera enskilda personer. Skriv om den utan numret.',
    nothingWithText: 'Välj bort ”Inget att rapportera” eller töm fälten Iakttagelse, Plats och När.',
    nothingButEntries: (partyName: string, count: number, weekNumber: number) =>
      `${partyName} har redan ${count} ${plural(count, 'iakttagelse', 'iakttagelser')} till mötet v. ${weekNumber}. ` +
      `Ta bort ${plural(count, 'den', 'dem')} med \`/lagesbild mina\` om ni inte har något att rapportera.`,
    notMember: (admins: string) =>
      `Du är inte medlem i någon part i Fredagsmötet och kan därför inte lämna lägesbild. ${admins}`,
    askAdmins: (mentions: string) => `Be en administratör lägga till dig: ${mentions}.`,
    noAdmins: 'Det finns ännu ingen administratör; be den som driftar boten att ange ADMIN_USER_IDS.',
    adminNotMember:
      'Du är administratör men inte medlem i någon part. Lägg till dig själv med `/samverkan medlem lägg till @du <part>`.',
    notMemberOfParty: (partyName: string, ownParties: string) =>
      `Du är inte medlem i ${partyName}, så du kan inte lämna lägesbild för den. Du är medlem i: ${ownParties}.`,
    otherPartysEntry: (partyName: string) =>
      `Iakttagelsen hör till ${partyName}; bara partens medlemmar kan ändra eller ta bort den.`,
    locked: (weekNumber: number, startedAt: string) =>
      `Mötet v. ${weekNumber} började ${startedAt}, så dess lägesbild är låst och kan inte längre ändras.`,
    lockedCompiled: (weekNumber: number, lockedAt: string) =>
      `Lägesbilden till mötet v. ${weekNumber} sammanställdes och låstes ${lockedAt}, så den kan inte längre ändras.`,
    /** A submission that went to the next meeting because the one it may have been meant for is locked. */
    passedStarted: (lockedWeek: number, savedWeek: number) =>
      `ℹ️ Mötet v. ${lockedWeek} har börjat och dess lägesbild är låst, så det här sparades till nästa möte, v. ${savedWeek}.`,
    passedCompiled: (lockedWeek: number, savedWeek: number) =>
      `ℹ️ Lägesbilden till mötet v. ${lockedWeek} är redan sammanställd och låst, så det här sparades till nästa möte, v. ${savedWeek}.`,
    lockedInModalCompiled: (weekNumber: number, lockedAt: string) =>
      `Lägesbilden till mötet v. ${weekNumber} sammanställdes och låstes ${lockedAt}. Kopiera din text, stäng ` +
      'formuläret och öppna det igen för att lämna den till nästa möte.',
    lockedInModal: (weekNumber: number, startedAt: string) =>
      `Mötet v. ${weekNumber} började ${startedAt}, och dess lägesbild är låst. Kopiera din text, stäng ` +
      'formuläret och öppna det igen för att lämna den till nästa möte.',
    entryGone: 'Iakttagelsen finns inte längre; den har redan tagits bort.',
    /** A form whose meeting is neither the coming one nor the next held one (tampered, or very old). */
    formOutdated:
      'Formuläret hör inte till kommande möte och kan inte skickas. Kopiera din text, stäng formuläret och öppna det igen.',
    unknownAreaSuggest: (word: string, suggestion: string) =>
      `Jag känner inte till området ”${word}”. Menade du *${suggestion}*? Skriv områdets kortord före kolonet; \`/lagesbild hjälp\` visar alla.`,
    unknownAreaNoSuggestion: (word: string) =>
      `Jag känner inte till området ”${word}”. Skriv ett av områdenas kortord före kolonet; \`/lagesbild hjälp\` visar dem.`,
    unknownArea: (word: string, aliases: string) =>
      `Jag känner inte till området ”${word}”. Områden: ${aliases}.`,
    unknownParty: (word: string, parties: string) =>
      `Jag känner inte till parten ”${word}”. Parter: ${parties}.`,
    missingColon: (example: string) => `Skriv ett kolon efter området, till exempel \`${example}\`.`,
    badWeek: (text: string) =>
      `Jag förstår inte veckan ”${text}”. Skriv till exempel \`v49\`, \`49\` eller \`2026-W49\`.`,
    notAllowedToShow: (admins: string) =>
      `Den sammanställda lägesbilden visas bara för parternas medlemmar och administratörer. ${admins}`,
    saveFailed:
      'Det gick inte att spara just nu. Försök igen om en stund; det du skrev finns kvar i formuläret.',
    refusedTitle: 'Kan inte sparas',
    back: 'Tillbaka',
    notAllowedToSeeStatus: (admins: string) =>
      `Parternas status inför mötet visas bara för parternas medlemmar och administratörer. ${admins}`,

    // confirmations
    savedTitle: 'Lägesbild sparad',
    changedTitle: 'Iakttagelse ändrad',
    saved: (partyName: string, meetingWhen: string, weekNumber: number) =>
      `✅ Sparat för *${partyName}* till mötet ${meetingWhen} (v. ${weekNumber}):`,
    changed: (partyName: string, meetingWhen: string, weekNumber: number) =>
      `✏️ Ändrat i lägesbilden för *${partyName}* till mötet ${meetingWhen} (v. ${weekNumber}):`,
    removed: (partyName: string, weekNumber: number) =>
      `🗑️ Borttagen ur lägesbilden för *${partyName}* till mötet v. ${weekNumber}:`,
    nothingSaved: (partyName: string, meetingWhen: string, weekNumber: number) =>
      `✅ Noterat: *${partyName}* har inget att rapportera till mötet ${meetingWhen} (v. ${weekNumber}).`,
    nothingAlready: (partyName: string, meetingWhen: string, weekNumber: number) =>
      `*${partyName}* är redan noterad som ”inget att rapportera” till mötet ${meetingWhen} (v. ${weekNumber}).`,
    assessmentSaved: (assessment: string) => `Samlad bedömning: *${assessment}*.`,
    /** A member of several parties who named none: stored for the first, with a button to move it. */
    firstPartyChosen: (partyName: string) =>
      `Du är medlem i flera parter och angav ingen, så det sparades för *${partyName}*. Gällde det en annan part? Flytta det med en knapp nedan.`,
    moveToParty: (partyName: string) => `Flytta till ${partyName}`,
    movedToParty: (partyName: string, weekNumber: number) =>
      `↪️ Flyttad till *${partyName}* i lägesbilden till mötet v. ${weekNumber}:`,
    alreadyParty: (partyName: string) => `Iakttagelsen hör redan till *${partyName}*; inget har ändrats.`,
    chooseNothingParty:
      'Du är medlem i flera parter. Vilken part har inget att rapportera denna vecka? Välj med en knapp (eller skriv till exempel `inget kommunen`).',
    replacedNothing: (partyName: string, weekNumber: number) =>
      `Det ersätter ”inget att rapportera” som *${partyName}* hade lämnat till mötet v. ${weekNumber}.`,
    manageHint: 'Ändra eller ta bort med `/lagesbild mina` fram till mötet börjar.',
    edit: 'Ändra',
    /** On an entry without place, time and trend: opens its form to add them. */
    complete: 'Komplettera',
    againLabel: 'Fler iakttagelser',
    againOption: 'Spara och lägg till en till',
    remove: 'Ta bort',
    removeConfirmTitle: 'Ta bort iakttagelsen?',
    removeConfirmText: (weekNumber: number) =>
      `Iakttagelsen tas bort ur lägesbilden till mötet v. ${weekNumber}. Det går inte att ångra.`,
    submitButton: 'Lämna lägesbild',

    // status
    statusTitle: (meetingWhen: string, weekNumber: number) =>
      `*Lägesbild till mötet ${meetingWhen} (v. ${weekNumber})*`,
    statusSubmitted: (partyName: string, detail: string) => `✅ *${partyName}* – ${detail}`,
    statusMissing: (partyName: string) => `⏳ *${partyName}* – har inte lämnat`,
    entryCount: (count: number) => `${count} ${plural(count, 'iakttagelse', 'iakttagelser')}`,
    nothingToReport: 'inget att rapportera',
    statusSummary: (submitted: number, total: number) =>
      `${submitted} av ${total} ${plural(total, 'part', 'parter')} har lämnat.`,
    statusHint: 'Lämna med `/lagesbild`, se helheten med `/lagesbild visa`.',

    /** `status` and `visa` of a cancelled meeting. */
    cancelledMeeting: (weekNumber: number, day: string, reason: string) =>
      `🚫 Mötet v. ${weekNumber} (${day}) är inställt${reason === '' ? '' : ` (${reason})`}.`,
    nextMeeting: (weekNumber: number, when: string) => `Nästa möte: v. ${weekNumber}, ${when}.`,
    noNextMeeting: 'Inget möte är inplanerat de närmaste veckorna.',

    // visa
    showTruncated: (shown: number, total: number, example: string, parties: string) =>
      `Lägesbilden har ${total} ${plural(total, 'del', 'delar')}, men Slack tar bara emot fem svar på ett kommando: del ${shown + 1}–${total} ` +
      `visas inte här. Visa en part i taget med \`${example}\` (parter: ${parties}).`,

    // mina
    mineTitle: (meetingWhen: string, weekNumber: number) =>
      `*Din parts lägesbild till mötet ${meetingWhen} (v. ${weekNumber})*`,
    mineParty: (partyName: string, detail: string) => `*${partyName}* – ${detail}`,
    mineNone: 'inga iakttagelser ännu',
    mineBy: (author: string, changed: boolean) => `av ${author}${changed ? ' · ändrad' : ''}`,
    mineFallback: (weekNumber: number) => `Din parts lägesbild till mötet v. ${weekNumber}`,
    mineContinued: (part: number, total: number) => `(del ${part} av ${total})`,
    mineTruncated: (shown: number, total: number) =>
      `Listan har ${total} ${plural(total, 'del', 'delar')}; Slack tar bara emot fem svar på ett kommando, så del ${shown + 1}–${total} visas inte. ` +
      'Ta bort eller slå ihop iakttagelser och kör `/lagesbild mina` igen för att se resten.',

    // answering in chat
    chatUnreadable: (aliases: string) =>
      'Jag kunde inte läsa det som en lägesbild. Skriv en iakttagelse i formen `<område>: <text>`, till exempel ' +
      '`trafik: fler hastighetsöverträdelser på E22 vid Gamleby`, eller `inget` om din part inte har något att ' +
      `rapportera denna vecka.\nOmråden: ${aliases}`,
    chatFilesNotStored: 'Bifogade filer sparas inte i lägesbilden, bara texten.',

    // an answer in chat edited or deleted
    changedByEdit: (partyName: string, meetingWhen: string, weekNumber: number) =>
      `✏️ Ändrat efter att du redigerade ditt meddelande, i lägesbilden för *${partyName}* till mötet ${meetingWhen} (v. ${weekNumber}):`,
    editPersonalNumber:
      'Ändringen sparades inte: texten innehåller ett person- eller samordningsnummer, och lägesbilden får inte identifiera enskilda personer. Iakttagelsen är som förut; redigera meddelandet igen utan numret.',
    editNotSaved: (why: string) => `Ändringen sparades inte. ${why}`,
    editUnreadable:
      'Jag kunde inte läsa det ändrade meddelandet som en iakttagelse (`<område>: <text>`), så iakttagelsen är som förut. Ta bort meddelandet om iakttagelsen ska bort.',
    editOfRemoved:
      'Iakttagelsen från det här meddelandet är redan borttagen, så ändringen sparades inte. Skriv ett nytt meddelande för att lämna den igen.',
    deletedAsk: (weekNumber: number) =>
      `Du tog bort ditt meddelande. Ska iakttagelsen det lämnade också tas bort ur lägesbilden till mötet v. ${weekNumber}?`,
    deletedButKept: (why: string) => `Du tog bort ditt meddelande, men iakttagelsen ligger kvar: ${why}`,
    removeEntry: 'Ta bort iakttagelsen',
    keepEntry: 'Behåll',
    entryKept: 'Iakttagelsen ligger kvar i lägesbilden.',
  },

  // ── the compiled lägesbild (/lagesbild visa and the meeting's thread) ──
  compiled: {
    title: (week: MeetingWeek, startsAt: Date, timezone: string, part: number, total: number) =>
      `Lägesbild v. ${weekNumberOf(week)} – ${formatLocalDate(startsAt, timezone)}${total > 1 ? ` (del ${part} av ${total})` : ''}`,
    fallback: (week: MeetingWeek, part: number, total: number) =>
      `Sammanställd lägesbild v. ${weekNumberOf(week)}${total > 1 ? `, del ${part} av ${total}` : ''}`,
    place: 'plats:',
    when: 'när:',
    trend: { okar: 'ökar', oforandrat: 'oförändrat', minskar: 'minskar' } satisfies Record<Trend, string>,
    assessment: {
      normallage: 'Normalläge',
      forhojt: 'Förhöjt läge',
      allvarligt: 'Allvarligt läge',
    } satisfies Record<Assessment, string>,
    nothingToReport: '_Inget att rapportera denna vecka._',
    notSubmitted: '⏳ _Har inte lämnat lägesbild._',
    noParties: '_Inga parter är registrerade._',
    /** Who gave an entry (a name, never a mention) and when; only the time when the name is not known. */
    byline: (name: string | null, givenAt: string) => ` — _${name === null ? '' : `${name}, `}${givenAt}_`,
  },

  // ── /samverkan: parties, members, admins, calendar ──
  samverkan: {
    helpTitle: '*Samverkan* – administration av parter, medlemmar och mötesdagar med `/samverkan`:',
    subcommands: {
      help: { usage: '/samverkan hjälp', description: 'visar den här hjälpen' },
      memberAdd: {
        usage: '/samverkan medlem lägg till @användare <part>',
        description: 'gör användaren till medlem i parten (administratörer)',
      },
      memberRemove: {
        usage: '/samverkan medlem ta bort @användare [<part>]',
        description: 'tar bort användaren ur parten, eller ur alla parter om ingen anges (administratörer)',
      },
      members: {
        usage: '/samverkan medlemmar',
        description: 'visar parternas medlemmar och administratörerna',
      },
      adminAdd: {
        usage: '/samverkan admin lägg till @användare',
        description: 'gör användaren till administratör (administratörer)',
      },
      adminRemove: {
        usage: '/samverkan admin ta bort @användare',
        description: 'tar bort användarens administratörsbehörighet (administratörer)',
      },
      parties: { usage: '/samverkan parter', description: 'visar parterna och deras korta namn' },
      areas: { usage: '/samverkan områden', description: 'visar de prioriterade områdena och deras kortord' },
    } satisfies Record<string, UsageLine>,
    members: {
      adminOnly: (admins: string) => `Det här får bara administratörer göra. ${admins}`,
      admins: (mentions: string) => `Administratörer: ${mentions}.`,
      needUser: (example: string) => `Ange användaren med @, till exempel \`${example}\`.`,
      userNotFound: (userId: string) =>
        `Jag hittar ingen användare med id \`${userId}\` i arbetsytan. Välj användaren med @ i Slack.`,
      userIsBot: (user: string) => `${user} är en bot och kan inte vara medlem eller administratör.`,
      userDeactivated: (user: string) => `${user} har ett avaktiverat konto.`,
      slackUnavailable: 'Jag kunde inte fråga Slack om användaren just nu. Försök igen om en stund.',
      needParty: (parties: string) => `Ange vilken part, en av: ${parties}.`,
      unknownParty: (word: string, parties: string) =>
        `Jag känner inte till parten ”${word}”. Parter: ${parties}.`,
      tooManyWords: (example: string) =>
        `Jag förstår inte resten av kommandot. Skriv till exempel \`${example}\`.`,
      /** How each command is typed, in the messages about a mistake in it. */
      examples: {
        memberAdd: '/samverkan medlem lägg till @anna polisen',
        memberRemove: '/samverkan medlem ta bort @anna polisen',
        adminAdd: '/samverkan admin lägg till @anna',
        adminRemove: '/samverkan admin ta bort @anna',
      },
      added: (user: string, partyName: string) => `✅ ${user} är nu medlem i *${partyName}*.`,
      alreadyMember: (user: string, partyName: string) => `${user} är redan medlem i *${partyName}*.`,
      removed: (user: string, partyNames: string) => `✅ ${user} är inte längre medlem i ${partyNames}.`,
      /** The direct message to the member removed. */
      removedNotice: (partyNames: string, admin: string) =>
        `Hej! ${admin} har tagit bort dig som medlem i ${partyNames} i Fredagsmötet. Du får inte längre ` +
        'inbjudningar eller påminnelser för den och kan inte lämna lägesbild för den. Hör av dig till en ' +
        'administratör om det är fel.',
      notMemberOf: (user: string, partyName: string) => `${user} är inte medlem i *${partyName}*.`,
      notMemberAnywhere: (user: string) => `${user} är inte medlem i någon part.`,
      welcome: (partyName: string, admin: string) =>
        `Hej! ${admin} har lagt till dig som medlem i *${partyName}* i Fredagsmötet. Inför varje möte ` +
        'lämnar du din parts lägesbild med `/lagesbild`, eller genom att skriva till mig här i formen ' +
        '`<område>: <text>`. Skriv `/lagesbild hjälp` för mer.',
      listParty: (partyName: string, key: string, mentions: string) =>
        `*${partyName}* (\`${key}\`): ${mentions}`,
      listNone: '_inga medlemmar_',
      listAdmins: (mentions: string) => `*Administratörer:* ${mentions}`,
      listFallback: 'Parternas medlemmar och administratörer',
      listNotAllowed: (admins: string) =>
        `Medlemslistan visas bara för parternas medlemmar och administratörer. ${admins}`,
      adminAdded: (user: string) => `✅ ${user} är nu administratör.`,
      alreadyAdmin: (user: string) => `${user} är redan administratör.`,
      adminRemoved: (user: string) => `✅ ${user} är inte längre administratör.`,
      notAdmin: (user: string) => `${user} är inte administratör.`,
      lastAdmin: 'Det måste finnas minst en administratör; lägg till en annan innan du tar bort den sista.',
      configuredAdmin: (user: string) =>
        `Obs: ${user} står i ADMIN_USER_IDS och blir administratör igen när boten startas om; ta bort id:t där också.`,
      partiesTitle: '*Parter* – skriv det korta namnet i kommandon:',
      partyLine: (key: string, name: string) => `• \`${key}\` – ${name}`,
      areasTitle: '*Prioriterade områden* – skriv ett av kortorden i `/lagesbild <område>: <text>`:',
      areaLine: (name: string, aliases: string) => `• ${name}: ${aliases}`,
    },
    calendar: {
      subcommands: {
        cancel: {
          usage: '/samverkan ställ in <vecka> [orsak]',
          description:
            'ställer in mötet den veckan: ingen inbjudan, inga påminnelser, ingen agenda (administratörer)',
        },
        resume: {
          usage: '/samverkan återuppta <vecka>',
          description:
            'återupptar ett inställt möte, också ett som en helgdag har ställt in (administratörer)',
        },
        list: { usage: '/samverkan kalender', description: 'visar de kommande åtta mötena och om de hålls' },
        move: {
          usage: '/samverkan flytta <vecka> <dag> [hh:mm]',
          description:
            'håller veckans möte en annan dag eller tid, till exempel `/samverkan flytta v52 onsdag 08:30`; hela veckans cykel följer med (administratörer)',
        },
      } satisfies Record<string, UsageLine>,
      move: {
        adminOnly: (admins: string) =>
          `Bara administratörer kan flytta möten.${admins === '' ? '' : ` Administratörer: ${admins}.`}`,
        example: '/samverkan flytta v52 onsdag 08:30',
        needDay: (example: string) => `Ange vilken dag och gärna vilken tid, till exempel \`${example}\`.`,
        badDay: (given: string, example: string) =>
          `Jag förstår inte dagen ”${given}”. Skriv en veckodag eller ett datum och gärna en tid, till exempel \`${example}\`.`,
        badTime: (given: string) => `Jag förstår inte tiden ”${given}”. Skriv den som \`08:30\`.`,
        past: (when: string) =>
          `${when} har redan passerat. Välj en tid som inte har varit; inget har ändrats.`,
        otherWeek: (date: string, week: number, own: number) =>
          `${date} hör till v. ${week}, som har sitt eget möte. Ett möte flyttas inom sin vecka: välj en dag i v. ${own}. Inget har ändrats.`,
        cancelled: (week: number) =>
          `Mötet v. ${week} är inställt. Återuppta det först med \`/samverkan återuppta v${week}\` och flytta det sedan. Inget har ändrats.`,
        holiday: (week: number, date: string, holiday: string) =>
          `${date} är ${holiday}, så mötet skulle ställas in där. Välj en annan dag, eller återuppta mötet först med \`/samverkan återuppta v${week}\` om det ska hållas trots ${holiday}. Inget har ändrats.`,
        unchanged: (week: number, when: string) => `Mötet v. ${week} hålls redan ${when}. Inget har ändrats.`,
        moved: (week: number, from: string, to: string) =>
          `✅ Mötet v. ${week} flyttas från ${from} till ${to}. Inbjudan, agenda, sista påminnelse, sammanställd lägesbild och beslut och uppföljning följer med, och lägesbilden låses när mötet börjar. Parterna ser den nya tiden i agendan.`,
      },
      adminOnly: (admins: string) =>
        `Bara administratörer kan ställa in eller återuppta möten.${admins === '' ? '' : ` Administratörer: ${admins}.`}`,
      needWeek: (example: string) => `Ange vilken vecka, till exempel \`${example}\`.`,
      badWeek: (given: string) =>
        `Jag förstår inte veckan \`${given}\`. Skriv till exempel \`v49\`, \`vecka 49\` eller \`2026-W49\`.`,
      started: (week: number) =>
        `Mötet v. ${week} har redan börjat eller hållits och kan inte ändras längre.`,
      reasonTooLong: (max: number, length: number) =>
        `Orsaken får vara högst ${max} tecken; din är ${length}. Inget har ändrats.`,
      reasonIdentifies:
        'Orsaken ser ut att innehålla ett personnummer eller samordningsnummer. Skriv den utan uppgifter som pekar ut en person; inget har ändrats.',
      cancelled: (week: number, date: string, agendaTime: string) =>
        `✅ Mötet v. ${week} (${date}) är inställt. Ingen inbjudan, inga påminnelser och ingen agenda skickas; i stället postas ett kort meddelande i mötets kanal kl. ${agendaTime} samma dag.`,
      submittedStays: (week: number, parties: readonly string[]) =>
        `Lägesbild till v. ${week} har redan lämnats av ${parties.join(', ')}. Den ligger kvar på v. ${week} (\`/lagesbild visa v${week}\`) men sammanställs inte; det som lämnas från och med nu går till nästa möte som hålls. Flytta den dit med \`/samverkan överför v${week}\` (eller låt parterna göra det med \`/lagesbild flytta v${week}\`).`,
      decisionsCarried:
        'Gemensamma prioriteringar som redan beslutats eller följts upp inför mötet redovisas i nästa mötes *Beslut och uppföljning*.',
      alreadyCancelled: (week: number, why: string) =>
        `Mötet v. ${week} är redan inställt${why}. Inget har ändrats.`,
      resumed: (week: number, dateTime: string) => `✅ Mötet v. ${week} hålls som vanligt, ${dateTime}.`,
      resumedDespiteHoliday: (week: number, holiday: string, dateTime: string) =>
        `✅ Mötet v. ${week} hålls trots ${holiday}, ${dateTime}.`,
      notCancelled: (week: number) => `Mötet v. ${week} är inte inställt. Inget har ändrats.`,
      because: (reason: string) => `: ${reason}`,
      listTitle: '*Kommande möten*',
      listHeld: (week: number, dateTime: string) => `• *v. ${week}* – ${dateTime}`,
      listMoved: (week: number, dateTime: string, from: string) =>
        `• *v. ${week}* – ${dateTime} _(flyttat från ${from})_`,
      listHeldDespiteHoliday: (week: number, dateTime: string, holiday: string) =>
        `• *v. ${week}* – ${dateTime} _(hålls trots ${holiday})_`,
      listHeldOnHoliday: (week: number, dateTime: string, holiday: string) =>
        `• *v. ${week}* – ${dateTime} _(${holiday})_`,
      listCancelledByAdmin: (week: number, date: string, why: string, by: string) =>
        `• ~v. ${week} – ${date}~ *inställt*${why}${by === '' ? '' : ` _(av ${by})_`}`,
      listCancelledByHoliday: (week: number, date: string, holiday: string) =>
        `• ~v. ${week} – ${date}~ *inställt*: ${holiday}`,
      listFooter:
        'Administratörer ställer in ett möte med `/samverkan ställ in <vecka> [orsak]` och återupptar det med `/samverkan återuppta <vecka>`.',
      listFallback: 'Kommande möten',
    },
  },

  // ── the weekly cycle: call for input, agenda, last call, compiled picture, admin alerts ──
  cycle: {
    agenda: {
      title: (week: number, date: string) => `Fredagsmötet v. ${week} – ${date}`,
      cancelledTitle: (week: number, date: string) => `Inställt: mötet v. ${week} – ${date}`,
      fallback: (week: number, dateTime: string) => `Agenda för mötet v. ${week}, ${dateTime}`,
      cancelledFallback: (week: number) => `Fredagsmötet v. ${week} är inställt`,
      time: (start: string, end: string) => `*Tid:* ${start}–${end}`,
      link: (url: string) => `*Möte:* <${url}|Anslut till mötet>`,
      picture: '*1. Lägesbild*',
      followUp: '*2. Uppföljning av gemensamma prioriteringar*',
      newPriorities: '*3. Nya gemensamma prioriteringar*',
      other: '*4. Övrigt*',
      submitted: (party: string, count: number) =>
        `✅ ${party} – ${count} ${plural(count, 'iakttagelse', 'iakttagelser')}`,
      nothingToReport: (party: string) => `✅ ${party} – inget att rapportera`,
      missing: (party: string) => `⏳ ${party} – har inte lämnat ännu`,
      assessment: (label: string) => ` · _${label}_`,
      count: (submitted: number, total: number) =>
        `${submitted} av ${total} ${plural(total, 'part', 'parter')} har lämnat lägesbild.`,
      noParties: '_Inga parter är registrerade._',
      submit: 'Lämna lägesbild',
      show: 'Visa lägesbild',
      live: 'Statusen uppdateras av sig själv när parterna lämnar lägesbild. Den sammanställda lägesbilden postas i tråden när mötet börjar.',
      cancelled: (why: string) => `*Mötet är inställt*${why}.`,
    },
    call: {
      fallback: (week: number) => `Lämna lägesbild till mötet v. ${week}`,
      greeting: (week: number, dateTime: string, parties: string) =>
        `Hej! Fredagsmötet v. ${week} hålls ${dateTime}. ${parties} har inte lämnat lägesbild ännu.`,
      how: 'Lämna den med knappen nedan eller med `/lagesbild`. Du kan också svara på det här meddelandet i tråden, en iakttagelse per meddelande i formen `<område>: <text>`, eller `inget` om ni inte har något att rapportera denna vecka. `/lagesbild hjälp` visar områdenas kortord.',
      lock: (time: string) => `Lägesbilden låses när mötet börjar kl. ${time}.`,
      submit: 'Lämna lägesbild',
    },
    lastCall: {
      fallback: (week: number) => `Sista chansen att lämna lägesbild till mötet v. ${week}`,
      intro: (time: string, missing: number, total: number) =>
        `⏰ *Sista chansen före mötet kl. ${time}:* lägesbild saknas från ${missing} av ${total} ${plural(total, 'part', 'parter')}.`,
      party: (party: string, members: string) => `⏳ *${party}* – ${members}`,
      noMembers: '_inga medlemmar registrerade_',
      how: 'Lämna den med `/lagesbild` eller med knappen i agendan.',
    },
    notice: {
      fallback: (week: number) => `Fredagsmötet v. ${week} är inställt`,
      text: (week: number, date: string) => `🚫 *Fredagsmötet v. ${week} (${date}) är inställt.*`,
      reason: (reason: string) => `Orsak: ${reason}`,
      next: (dateTime: string) => `Nästa möte: ${dateTime}.`,
      noNext: 'Inget nytt möte är inplanerat de närmaste veckorna.',
    },
    alert: {
      fallback: (week: number) => `Fredagsmötet v. ${week}: något behöver åtgärdas`,
      what: {
        agenda: 'posta agendan',
        'agenda-update': 'uppdatera agendan',
        lastcall: 'posta sista påminnelsen',
        summary: 'posta beslut och uppföljning',
        followup: 'skicka påminnelsen om att följa upp en gemensam prioritering',
        compile: 'posta den sammanställda lägesbilden',
        notice: 'posta meddelandet om inställt möte',
        call: 'skicka inbjudan att lämna lägesbild',
      } as Record<string, string>,
      somethingElse: 'göra det som var planerat',
      intro: (what: string, week: number, where: string, code: string) =>
        `⚠️ *Fredagsmötet kunde inte ${what} för v. ${week}*${where === '' ? '' : ` ${where}`}. Slack svarade \`${code}\`.`,
      inChannel: (channel: string) => `i ${channel}`,
      toUser: (user: string) => `till ${user}`,
      fix: {
        'invite-bot': (channel: string) =>
          `*Åtgärd:* bjud in boten till kanalen: skriv \`/invite @Fredagsmötet\` i ${channel}.`,
        'check-channel': (channel: string) =>
          `*Åtgärd:* kanalen ${channel} finns inte eller syns inte för boten. Kontrollera MEETING_CHANNEL_ID (kanalens id, inte dess namn) och bjud in boten om kanalen är privat.`,
        'unarchive-channel': (channel: string) =>
          `*Åtgärd:* kanalen ${channel} är arkiverad. Återställ den, eller ange en annan kanal i MEETING_CHANNEL_ID.`,
        'allow-posting': (channel: string) =>
          `*Åtgärd:* kanalen ${channel} tillåter inte att boten postar (till exempel får bara administratörer skriva där). Ändra kanalens inställningar så att Fredagsmötet får posta, eller ange en annan kanal i MEETING_CHANNEL_ID.`,
        'check-member': (user: string) =>
          `*Åtgärd:* ${user} kan inte nås; kontot kan vara avaktiverat eller ha stängt av meddelanden från appar. Kontrollera kontot, eller ta bort personen med \`/samverkan medlem ta bort\`.`,
        'reinstall-app': () =>
          '*Åtgärd:* appens token eller behörigheter räcker inte. Installera om appen i arbetsytan eller byt SLACK_BOT_TOKEN.',
        'report-bug': () =>
          '*Åtgärd:* Slack tog inte emot meddelandet, vilket tyder på ett fel i boten. Kontakta den som driftar Fredagsmötet och hänvisa till loggen.',
      },
      retry: (minutes: number) =>
        `Boten försöker igen av sig själv om ${minutes} minuter, så länge det inte är för sent för mötet.`,
    },
    showPicture: {
      notAllowed: (admins: string) =>
        `Den sammanställda lägesbilden visas bara för parternas medlemmar och administratörer.${admins === '' ? '' : ` Be en administratör lägga till dig: ${admins}.`}`,
      badWeek: 'Knappen hör till ett möte som jag inte känner igen.',
    },
    cli: {
      usage: `  jobs run <call|agenda|lastcall|compile|summary|followup> [--week 2026-W49] [--force]
              kör ett steg i veckans cykel nu (inbjudan, agenda, sista påminnelse, sammanställd
              lägesbild, beslut och uppföljning, påminnelser om uppföljning) för kommande möte eller
              veckans; det som redan är gjort görs inte igen utan --force`,
      label: {
        call: 'Inbjudan att lämna lägesbild',
        agenda: 'Agendan',
        lastcall: 'Sista påminnelsen',
        compile: 'Den sammanställda lägesbilden',
        summary: 'Beslut och uppföljning',
        followup: 'Påminnelserna om uppföljning',
        notice: 'Meddelandet om inställt möte',
      } as Record<string, string>,
      unknownAction: (given: string) =>
        `Okänt steg: ${given}. Välj ett av call, agenda, lastcall, compile, summary, followup.`,
      refusal: {
        compileEarly: (week: string, startsAt: string) =>
          `Mötet ${week} har inte börjat än (det börjar ${startsAt}). Den sammanställda lägesbilden postas av sig själv när mötet börjar, och då låses veckans lägesbild. Vill du posta den redan nu och låsa lägesbilden, kör igen med --force.`,
        summaryNotHeld: (week: string, startsAt: string) =>
          `Mötet ${week} har inte hållits än (det börjar ${startsAt}), så det finns inga beslut att redovisa. Beslut och uppföljning postas av sig själv efter mötet.`,
        summaryUnderway: (week: string, endsAt: string) =>
          `Mötet ${week} pågår till ${endsAt}. Beslut och uppföljning postas av sig själv när det är slut; det som beslutas efter en körning nu kommer inte med. Kör igen med --force för att posta ändå.`,
        compiledEarly: (week: string, lockedAt: string) =>
          `Lägesbilden till mötet ${week} sammanställdes och låstes ${lockedAt}; det som lämnas nu går till nästa möte. Inbjudan och sista påminnelsen skickas inte för ${week}.`,
        started: (week: string, startsAt: string) =>
          `Mötet ${week} började ${startsAt}, och dess lägesbild är låst; det som lämnas nu går till nästa möte. Kör igen med --force om du ändå vill skicka.`,
        followUpNotTomorrow: (week: string, day: string) =>
          `Påminnelserna om uppföljning inför mötet ${week} går ut dagen före mötet, ${day}: de säger ”i morgon” och kan inte skickas en annan dag.`,
      },
      lockedNow: (week: string) =>
        `Lägesbilden till mötet ${week} är nu låst: det som lämnas från och med nu går till nästa möte.`,
      noFollowUps: (week: string) =>
        `Ingen gemensam prioritering som ska följas upp vid mötet ${week} väntar på en påminnelse; inget skickades.`,
      badWeek: (given: string) => `Jag förstår inte veckan ${given}. Skriv till exempel --week 2026-W49.`,
      unknownOption: (given: string) => `Okänt val: ${given}.`,
      week: (week: string, dateTime: string) => `Möte ${week}, ${dateTime}.`,
      done: (label: string, count: number) =>
        `${label}: ${count === 1 ? 'skickad' : `${count} ${plural(count, 'meddelande', 'meddelanden')} skickade`}.`,
      already: (label: string, count: number) =>
        `${label}: ${count === 1 ? 'var redan gjord' : `${count} var redan gjorda`}; inget skickades igen. Använd --force för att göra det igen.`,
      inDoubt: (label: string, count: number) =>
        `${label}: Slack gav inget tydligt svar för ${count === 1 ? 'meddelandet' : `${count} meddelanden`}, så det är oklart om ${plural(count, 'det', 'de')} kom fram. Boten (om den är igång) letar efter ${plural(count, 'det', 'dem')} inom tre minuter och postar bara det som saknas; kör inte kommandot igen.`,
      failed: (label: string, count: number, codes: string) =>
        `${label}: ${count} misslyckades (${codes}). Se loggen; går felet att åtgärda i Slack har administratörerna fått ett direktmeddelande om hur.`,
      cancelled: (week: string, why: string) => `Mötet ${week} är inställt${why}; inget skickades.`,
      noChannel: 'MEETING_CHANNEL_ID är inte satt, så inget kan postas i mötets kanal.',
      allSubmitted: (week: string) =>
        `Alla parter har lämnat lägesbild för ${week}; ingen påminnelse behövs.`,
      noAgenda: (week: string) =>
        `Agendan för ${week} är inte postad, så sista påminnelsen har ingen tråd att svara i. Kör jobs run agenda först.`,
      nothing: (label: string) => `${label}: inget att göra.`,
    },
  },

  // ── /prioritet: joint priorities ──
  prioritet: {
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
      noPersonalData:
        'Skriv inga uppgifter som kan identifiera enskilda personer, till exempel personnummer.',
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
        'Bara om du valt "Annat datum" ovan. En prioritering följs upp på ett möte; ett datum utan möte får du bekräfta.',
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
      citizenPromiseHint:
        'Valfritt: vilket av polisens och kommunens medborgarlöften prioriteringen hör till.',
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
      pastDate: (today: string) =>
        `Datumet har redan passerat. Välj i dag (${today}) eller ett senare datum.`,
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
      alreadyClosed: (status: string) =>
        `Prioriteringen är redan ${status.toLowerCase()}. Inget har ändrats.`,
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
        const [one, many] = {
          aktiva: ['aktiv prioritering', 'aktiva prioriteringar'],
          alla: ['prioritering', 'prioriteringar'],
          genomforda: ['genomförd prioritering', 'genomförda prioriteringar'],
          avbrutna: ['avbruten prioritering', 'avbrutna prioriteringar'],
        }[scope];
        return `${count} ${count === 1 ? one : many}`;
      },
      filterLine: (counted: string, filters: string, due: number) =>
        `${counted}${filters === '' ? '' : ` · ${filters}`}${due > 0 ? ` · ${due} ska följas upp vid nästa möte` : ''}`,
      empty: 'Inga prioriteringar matchar. Registrera en ny med `/prioritet`.',
      /** A closed priority's result in `lista genomförda|avbrutna` (cut when long; `visa` shows it whole). */
      result: (week: MeetingWeek, note: string) => `*Resultat* (v. ${weekNumberOf(week)}): ${note}`,
      noResult: '_Inget resultat skrevs._',
      more: (shown: number, rest: number) =>
        `${shown === 1 ? 'Visar den första.' : `Visar de ${shown} första.`} *…och ${rest} till* – smalna av med \`/prioritet lista <part>\` eller \`/prioritet lista <område>\`, eller öppna en med \`/prioritet visa <nummer>\`.`,
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
        `${count === 1 ? '1 gemensam prioritering' : `${count} gemensamma prioriteringar`} ska följas upp – se \`/prioritet lista\`.`,
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
  },

  // ── App Home ──
  home: {
    title: 'Fredagsmötet',
    nextMeeting: (week: MeetingWeek, when: string) => `*Nästa möte:* v. ${weekNumberOf(week)}, ${when}`,
    meetingLink: (url: string) => `<${url}|Anslut till mötet>`,
    cancelled: (reason: string | null) => `⛔ *Mötet är inställt*${reason === null ? '.' : `: ${reason}.`}`,
    yourStatus: 'Din parts lägesbild till nästa möte',
    /** For admins: every party's status for the coming meeting. */
    allStatuses: '*Parternas lägesbild till nästa möte* (syns bara för administratörer)',
    submitted: (party: string, count: number) =>
      `✅ *${party}*: lämnad, ${count} ${count === 1 ? 'iakttagelse' : 'iakttagelser'}`,
    nothingToReport: (party: string) => `✅ *${party}*: inget att rapportera`,
    notSubmitted: (party: string) => `⏳ *${party}*: inte lämnad ännu`,
    assessment: (label: string) => ` · ${label}`,
    submitButton: 'Lämna lägesbild',
    notMember: (admins: string) =>
      `Du är inte medlem i någon part ännu, så du kan inte lämna lägesbild eller se och registrera gemensamma prioriteringar. Be en administratör att lägga till dig: ${admins}.`,
    adminNoParty:
      'Du är administratör men inte medlem i någon part, så du har ingen egen lägesbild att lämna. Gemensamma prioriteringar kan du registrera och följa upp som alla medlemmar.',
    statusMore: (rest: number, submitted: number) =>
      `*…och ${rest === 1 ? '1 part' : `${rest} parter`} till*, varav ${submitted} har lämnat – se \`/lagesbild status\`.`,
    ownPriorities: (count: number) =>
      `*Era gemensamma prioriteringar (${count} ${count === 1 ? 'aktiv' : 'aktiva'})*`,
    otherPriorities: (count: number) =>
      `*Övriga gemensamma prioriteringar (${count} ${count === 1 ? 'aktiv' : 'aktiva'})*`,
    allPriorities: (count: number) =>
      `*Gemensamma prioriteringar (${count} ${count === 1 ? 'aktiv' : 'aktiva'})*`,
    noPriorities: '_Inga aktiva._',
    more: (rest: number) => `*…och ${rest} till* – se \`/prioritet lista\`.`,
    members: '*Medlemmar per part* (syns bara för administratörer)',
    noMembers: '_inga medlemmar_',
    membersMore: (rest: number) =>
      `*…och ${rest === 1 ? '1 part' : `${rest} parter`} till* – se \`/samverkan medlemmar\`.`,
    partyMembersMore: (rest: number) =>
      `*…och ${rest === 1 ? '1 medlem' : `${rest} medlemmar`} till* – se \`/samverkan medlemmar\`.`,
    updated: (when: string) => `Uppdaterad ${when}.`,
  },
} as const;
