/**
 * The texts of `/samverkan`, the admins' command: its help, members and admins, and the meeting calendar
 * (cancel, resume, move, list). Imported into `sv` as `sv.samverkan`; the parties and areas themselves are in
 * ./katalog.ts, moving a cancelled meeting's lägesbild in ./flytta.ts, the access log in ./dataskydd.ts.
 */

import type { UsageLine } from './common.js';

export const samverkan = {
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
  /** Any other `/samverkan` change whose text holds a personal identity number: refused before it is stored. */
  personalNumber:
    'Texten ser ut att innehålla ett personnummer eller samordningsnummer, och sådant sparas inte. Skriv kommandot utan det; inget har ändrats.',
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
        description: 'återupptar ett inställt möte, också ett som en helgdag har ställt in (administratörer)',
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
    started: (week: number) => `Mötet v. ${week} har redan börjat eller hållits och kan inte ändras längre.`,
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
} as const;
