/**
 * The texts of the weekly cycle the scheduler drives: the call for input, the agenda, the last call, the notice
 * of a cancelled meeting, the admins' alerts when Slack refuses a post, and `npm run cli -- jobs run`.
 * Imported into `sv` as `sv.cycle`.
 */

import { plural } from './plural.js';

export const cycle = {
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
      `Boten försöker igen av sig själv om ${minutes} ${plural(minutes, 'minut', 'minuter')}, så länge det inte är för sent för mötet.`,
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
      `${label}: ${plural(count, 'skickad', `${count} meddelanden skickade`)}.`,
    already: (label: string, count: number) =>
      `${label}: ${plural(count, 'var redan gjord', `${count} var redan gjorda`)}; inget skickades igen. Använd --force för att göra det igen.`,
    inDoubt: (label: string, count: number) =>
      `${label}: Slack gav inget tydligt svar för ${plural(count, 'meddelandet', `${count} meddelanden`)}, så det är oklart om ${plural(count, 'det', 'de')} kom fram. Boten (om den är igång) letar efter ${plural(count, 'det', 'dem')} inom tre minuter och postar bara det som saknas; kör inte kommandot igen.`,
    failed: (label: string, count: number, codes: string) =>
      `${label}: ${count} misslyckades (${codes}). Se loggen; går felet att åtgärda i Slack har administratörerna fått ett direktmeddelande om hur.`,
    cancelled: (week: string, why: string) => `Mötet ${week} är inställt${why}; inget skickades.`,
    noChannel: 'MEETING_CHANNEL_ID är inte satt, så inget kan postas i mötets kanal.',
    allSubmitted: (week: string) => `Alla parter har lämnat lägesbild för ${week}; ingen påminnelse behövs.`,
    noAgenda: (week: string) =>
      `Agendan för ${week} är inte postad, så sista påminnelsen har ingen tråd att svara i. Kör jobs run agenda först.`,
    nothing: (label: string) => `${label}: inget att göra.`,
  },
} as const;
