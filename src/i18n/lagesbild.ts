/**
 * The texts of `/lagesbild`, a party's situational picture for the coming meeting: its help, the form, the
 * one-line and chat answers, refusals, confirmations, `status`, `visa` and `mina`, and edits or deletions of an
 * answer in chat. Imported into `sv` as `sv.lagesbild`. Functions that embed user text take it already escaped.
 */

import type { Trend } from '../domain/entry.js';
import type { UsageLine } from './common.js';
import { plural } from './plural.js';

export const lagesbild = {
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
      description: 'visar din parts iakttagelser till kommande möte, med knappar för att ändra eller ta bort',
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
  oneLinerTextMissing: (example: string) => `Skriv iakttagelsen efter kolonet, till exempel \`${example}\`.`,
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
} as const;
