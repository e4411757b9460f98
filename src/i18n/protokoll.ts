/**
 * The meeting's minutes in Swedish: `/protokoll`, its forms and buttons on the agenda, and the parts of ”Beslut
 * och uppföljning” besides the joint priorities (who attended, ”Övrigt”). Imported into `sv` as
 * `sv.protokoll`. Functions that embed user text take it already escaped.
 */

import type { UsageLine } from './common.js';
import { plural } from './plural.js';

export const protokoll = {
  helpTitle: '*Mötets protokoll* – så använder du `/protokoll`:',
  subcommands: {
    form: {
      usage: '/protokoll',
      description: 'öppnar ett formulär för ett beslut eller en notering till mötets protokoll',
    },
    note: {
      usage: '/protokoll <text>',
      description: 'skriver en notering i protokollet för mötet som pågår (eller nästa möte som hålls)',
    },
    decision: {
      usage: '/protokoll beslut: <text>',
      description: 'skriver ett beslut i protokollet',
    },
    attendance: {
      usage: '/protokoll närvaro <part> [<part> …]',
      description: 'markerar parterna som närvarande vid mötet',
    },
    show: { usage: '/protokoll visa', description: 'visar vad protokollet hittills innehåller' },
    help: { usage: '/protokoll hjälp', description: 'visar den här hjälpen' },
  } satisfies Record<string, UsageLine>,
  helpFooter:
    'Protokollet – övriga beslut och noteringar och vilka parter som var med – postas i agendans tråd efter mötet, ' +
    'i *Beslut och uppföljning*, tillsammans med de gemensamma prioriteringarna. Att klarmarkera eller avbryta en ' +
    'prioritering gör du med knapparna i `/prioritet lista`. Skriv inget som identifierar enskilda personer.',
  notAllowed: (admins: string) =>
    `Protokollet kan bara parternas medlemmar och administratörer skriva i och läsa. ${admins}`,
  /** The same in a form (plain text, no mentions): someone who left their party while it was open. */
  notAllowedField:
    'Du är inte längre medlem i någon part och kan därför inte skriva i protokollet. Be en administratör att lägga till dig.',

  // a note or decision
  saved: (kind: 'beslut' | 'notering', week: number, text: string) =>
    `✅ ${kind === 'beslut' ? 'Beslutet' : 'Noteringen'} står i protokollet för mötet v. ${week}:\n> ${text.replace(/\n/g, '\n> ')}`,
  empty:
    'Skriv vad som ska stå i protokollet, till exempel `/protokoll beslut: Kommunen bjuder in till trygghetsvandring i januari`.',
  tooLong: (limit: number, length: number) =>
    `Texten är för lång: ${length} tecken, högst ${limit}. Inget sparades; korta den eller dela upp den.`,
  personnummer:
    'Inget sparades: texten innehåller ett person- eller samordningsnummer, och protokollet får inte identifiera enskilda personer. Skriv om den utan numret.',

  // attendance
  needParty: (parties: string) =>
    `Ange vilka parter som är närvarande, till exempel \`/protokoll närvaro polisen kommunen\`. Parter: ${parties}.`,
  unknownParty: (word: string, parties: string) =>
    `Jag känner inte till parten ”${word}”. Parter: ${parties}. Inget har ändrats.`,
  marked: (week: number, present: string) => `✅ Närvarande vid mötet v. ${week}: ${present}.`,
  alreadyMarked: (week: number, present: string) =>
    `Redan markerade som närvarande vid mötet v. ${week}: ${present}. Inget har ändrats.`,
  attendanceSaved: (week: number, present: string) =>
    `✅ Närvaron vid mötet v. ${week} är sparad. Närvarande: ${present}.`,
  nobody: 'ingen',

  // the forms
  noteForm: {
    title: 'Anteckna i protokollet',
    intro: (week: number, date: string) =>
      `Till protokollet för mötet v. ${week} (${date}). Skriv inget som identifierar enskilda personer.`,
    kind: 'Vad är det?',
    kinds: { beslut: 'Ett beslut', notering: 'En notering' },
    text: 'Text',
    placeholder: 'Vad beslutades eller ska antecknas?',
    required: 'Skriv vad som ska stå i protokollet.',
    submit: 'Spara',
    close: 'Avbryt',
  },
  attendanceForm: {
    title: 'Närvaro',
    intro: (week: number, date: string) => `Vilka parter är med på mötet v. ${week} (${date})?`,
    parties: 'Närvarande parter',
    submit: 'Spara',
    close: 'Avbryt',
  },
  buttons: { note: 'Anteckna i protokollet', attendance: 'Närvaro' },
  saveFailed:
    'Det gick inte att spara just nu. Försök igen om en stund; det du skrev finns kvar i formuläret.',
  badWeek: 'Knappen hör till ett möte som jag inte känner igen.',

  // /protokoll visa
  showTitle: (week: number, date: string) => `*Protokoll för mötet v. ${week} (${date}) – hittills*`,
  showFallback: (week: number) => `Protokoll för mötet v. ${week}`,
  showTruncated: (shown: number, total: number) =>
    `Protokollet har ${total} ${plural(total, 'del', 'delar')}, men Slack tar bara emot fem svar på ett kommando, så del ${shown + 1}–${total} visas inte här. Allt kommer med i *Beslut och uppföljning* efter mötet.`,

  // in ”Beslut och uppföljning” (and /protokoll visa)
  summary: {
    present: (parties: string) => `*Närvarande:* ${parties}`,
    absent: (parties: string) => `*Inte närvarande:* ${parties}`,
    noAttendance: '_Ingen närvaro registrerades._',
    other: '*Övrigt*',
    decisions: '*Beslut*',
    notes: '*Noteringar*',
    line: (text: string, author: string) => `• ${text.replace(/\n/g, '\n    ')} _(${author})_`,
    none: '_Inga övriga beslut eller noteringar._',
  },
} as const;
