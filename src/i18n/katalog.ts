/**
 * Swedish texts about the parties and areas themselves: finding them from what people type, and the admins'
 * `/samverkan part …` and `/samverkan område …`. Part of `sv` (src/i18n/sv.ts) as `sv.katalog`. Functions that
 * embed user text take it already escaped (escapeMrkdwn); the callers escape.
 */

import type { UsageLine } from './common.js';
import { plural } from './plural.js';

export const katalog = {
  lookup: {
    /** `candidates`: `*Kustbevakningen* (\`kustbevakningen\`) eller *Kustradion* (\`kustradio\`)`. */
    ambiguousParty: (typed: string, candidates: string) =>
      `Jag vet inte vilken part du menar med ”${typed}”: ${candidates}. Skriv mer av namnet.`,
    ambiguousArea: (typed: string, candidates: string) =>
      `Jag vet inte vilket område du menar med ”${typed}”: ${candidates}. Skriv mer av ordet.`,
    candidate: (name: string, key: string) => `*${name}* (\`${key}\`)`,
    or: ' eller ',
  },

  subcommands: {
    partyAdd: {
      usage: '/samverkan part lägg till <namn>[: <kortord>, …]',
      description: 'lägger till en part, till exempel en räddningstjänst som ansluter (administratörer)',
    },
    partyRename: {
      usage: '/samverkan part byt namn <part> till <nytt namn>[: <kortord>, …]',
      description:
        'byter partens namn och, om de anges, dess kortord; det kopplade följer med (administratörer)',
    },
    partyRemove: {
      usage: '/samverkan part ta bort <part>',
      description:
        'tar bort parten ur formulär och listor; det den har lämnat finns kvar, och dess medlemmar får veta att de inte längre är medlemmar (administratörer)',
    },
    areaAdd: {
      usage: '/samverkan område lägg till <namn>[: <kortord>, …]',
      description: 'lägger till ett prioriterat område i formulären (administratörer)',
    },
    areaRename: {
      usage: '/samverkan område byt namn <område> till <nytt namn>[: <kortord>, …]',
      description: 'byter områdets namn och, om de anges, dess kortord (administratörer)',
    },
    areaRemove: {
      usage: '/samverkan område ta bort <område>',
      description:
        'tar bort området ur formulären; iakttagelser och prioriteringar som har det behåller det (administratörer)',
    },
  } satisfies Record<string, UsageLine>,

  examples: {
    partyAdd: '/samverkan part lägg till Räddningstjänsten Västervik: räddning, rtj',
    partyRename: '/samverkan part byt namn kommunen till Västerviks kommun: kommun',
    partyRemove: '/samverkan part ta bort räddning',
    areaAdd: '/samverkan område lägg till Sjösäkerhet: sjö, båt',
    areaRename: '/samverkan område byt namn fiske till Fiske och fiskevård: fiske',
    areaRemove: '/samverkan område ta bort fiske',
  },

  usageHint: (example: string) => `Skriv till exempel \`${example}\`.`,
  unknownArea: (typed: string, areas: string) =>
    `Jag känner inte till området ”${typed}”. Områden: ${areas}.`,
  whatParty: (name: string) => `parten *${name}*`,
  whatArea: (name: string) => `området *${name}*`,

  problems: {
    nameMissing: (example: string) => `Skriv namnet, till exempel \`${example}\`. Inget har ändrats.`,
    nameTooLong: (limit: number, length: number) =>
      `Namnet får vara högst ${limit} tecken; det har ${length}. Inget har ändrats.`,
    nameInvalid: 'Namnet får inte innehålla tecknen : < > * _ ` ~ eller |. Inget har ändrats.',
    personalNumber:
      'Här står ett person- eller samordningsnummer, och det får inte stå i ett namn eller kortord. Inget har ändrats.',
    tooManyAliases: (limit: number) => `Högst ${limit} kortord. Inget har ändrats.`,
    aliasTooLong: (alias: string, limit: number, length: number) =>
      `Kortordet ”${alias}” får vara högst ${limit} tecken; det har ${length}. Inget har ändrats.`,
    aliasInvalid: (alias: string) =>
      `”${alias}” kan inte vara ett kortord: ett kortord är ett ord som börjar med en bokstav (bokstäver, siffror och bindestreck) och ser inte ut som en vecka. Inget har ändrats.`,
    aliasReserved: (alias: string) =>
      `”${alias}” används av kommandona själva och kan inte vara ett kortord. Inget har ändrats.`,
    taken: (word: string, what: string) =>
      `”${word}” används redan av ${what}; välj ett annat namn eller ord. Inget har ändrats.`,
  },

  partyAdded: (name: string, key: string, words: string) =>
    `✅ *${name}* är nu en part i Fredagsmötet, med det korta namnet \`${key}\`${words === '' ? '' : ` och kortorden ${words}`}. ` +
    `Lägg till dess medlemmar med \`/samverkan medlem lägg till @användare ${key}\`.`,
  areaAdded: (name: string, words: string) =>
    `✅ Området *${name}* finns nu i formulären och kan skrivas som ${words}, till exempel i \`/lagesbild <område>: <text>\`.`,
  revived: (name: string, key: string) =>
    `✅ *${name}* är i bruk igen, med samma korta namn \`${key}\` och sin historik från förut.`,
  renamed: (before: string, after: string, words: string) =>
    `✅ *${before}* heter nu *${after}* (${words}). Det som redan har lämnats och beslutats följer med.`,
  unchanged: (name: string) => `*${name}* heter redan så, med samma kortord. Inget har ändrats.`,
  partyRetired: (name: string, members: number) =>
    `✅ *${name}* är borttagen ur formulär och listor. Det parten har lämnat och dess gemensamma prioriteringar finns kvar i historiken. ` +
    (members === 0
      ? 'Parten hade inga medlemmar.'
      : `${members} ${plural(members, 'medlem', 'medlemmar')} har fått ett meddelande om att de inte längre är medlemmar i den.`),
  areaRetired: (name: string) =>
    `✅ Området *${name}* är borttaget ur formulären. Iakttagelser och prioriteringar som har det behåller det i historiken.`,
  lastParty: 'Det måste finnas minst en part. Inget har ändrats.',
  lastArea: 'Det måste finnas minst ett område. Inget har ändrats.',
  memberOfRetired: (name: string, admin: string) =>
    `${admin} har tagit bort *${name}* ur Fredagsmötet, så du är inte längre medlem i den. Det ni har lämnat finns kvar i historiken.`,
  partyLine: (key: string, name: string, aliases: string) =>
    `• \`${key}\` – ${name}${aliases === '' ? '' : `; kortord: ${aliases}`}`,
};
