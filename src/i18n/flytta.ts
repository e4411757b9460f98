/**
 * Swedish texts for moving a cancelled meeting's lägesbild to the next held meeting: `/lagesbild flytta <vecka>`
 * (a party's own) and `/samverkan överför <vecka>` (an admin, every party's). Part of `sv` as `sv.flytta`.
 */

import type { UsageLine } from './common.js';
import { plural } from './plural.js';

export const flytta = {
  subcommands: {
    own: {
      usage: '/lagesbild flytta <vecka> [<part>]',
      description:
        'flyttar din parts iakttagelser från ett inställt möte till nästa möte som hålls, till exempel `/lagesbild flytta v51`',
    },
    all: {
      usage: '/samverkan överför <vecka>',
      description:
        'flyttar alla parters lägesbild från ett inställt möte till nästa möte som hålls (administratörer)',
    },
  } satisfies Record<string, UsageLine>,
  examples: { own: '/lagesbild flytta v51', all: '/samverkan överför v51' },

  needWeek: (example: string) => `Ange det inställda mötets vecka, till exempel \`${example}\`.`,
  notCancelled: (week: number) =>
    `Mötet v. ${week} är inte inställt, så dess lägesbild ligger kvar där. Bara lägesbild från ett inställt möte kan flyttas. Inget har flyttats.`,
  noNextMeeting: (week: number) =>
    `Inget möte hålls de närmaste åtta veckorna efter v. ${week}, så det finns inget möte att flytta till. Inget har flyttats.`,
  targetLocked: (week: number, target: number, startedAt: string) =>
    `Nästa möte som hålls efter v. ${week} är v. ${target}, och dess lägesbild låstes ${startedAt}. Inget har flyttats.`,
  nothing: (week: number, parties: string) =>
    `${parties} har inga iakttagelser kvar på det inställda mötet v. ${week}; inget flyttades.`,
  moved: (count: number, party: string) =>
    `✅ ${count} ${plural(count, 'iakttagelse', 'iakttagelser')} från *${party}*`,
  movedTo: (week: number, when: string, target: number) =>
    `Flyttat från det inställda mötet v. ${week} till mötet ${when} (v. ${target}):`,
  notOwnParty: (party: string, own: string) =>
    `Du är inte medlem i ${party}, så du kan inte flytta dess lägesbild. Du är medlem i: ${own}.`,
  hint: 'De syns nu i agendan och i `/lagesbild mina` för det mötet, och kan ändras där tills mötet börjar.',
};
