/**
 * `/samverkan …`: administration of the cooperation — members, admins and the meeting calendar. Each group of
 * subcommands lives in its own module under commands/samverkan/ and is listed here; changes are stored before the
 * ack and carried out after it, lists are answered after it.
 */

import { findPersonalIdentityNumber } from '../src/domain/personnummer.js';
import { sv } from '../src/i18n/sv.js';
import type { Kit } from '../src/kit/create.js';
import type { CommandSpec, Subcommand } from '../src/kit/kit.js';
import { matchSubcommand } from '../src/slack/subcommands.js';
import { CALENDAR_SUBCOMMANDS } from './samverkan/calendar.js';
import { CATALOGUE_SUBCOMMANDS } from './samverkan/catalogue.js';
import { DATA_PROTECTION_BUTTONS, DATA_PROTECTION_SUBCOMMANDS } from './samverkan/dataskydd.js';
import { MEMBER_SUBCOMMANDS } from './samverkan/members.js';
import { MOVE_MEETING } from './samverkan/move.js';
import { TRANSFER_SUBCOMMANDS } from './samverkan/transfer.js';

export const COMMAND = '/samverkan';

const HELP: Subcommand = {
  names: [['hjälp'], ['help']],
  usage: sv.samverkan.subcommands.help,
  mode: 'read',
  run: async (ctx) => ctx.reply(helpText()),
};

const SUBCOMMANDS: readonly Subcommand[] = [
  HELP,
  ...MEMBER_SUBCOMMANDS,
  ...CATALOGUE_SUBCOMMANDS,
  ...CALENDAR_SUBCOMMANDS,
  MOVE_MEETING,
  ...TRANSFER_SUBCOMMANDS,
  ...DATA_PROTECTION_SUBCOMMANDS,
];

function helpText(): string {
  return `${sv.samverkan.helpTitle}\n${sv.common.helpLines(SUBCOMMANDS.flatMap((s) => (s.usage === undefined ? [] : [s.usage])))}`;
}

export const samverkanCommand: CommandSpec = {
  command: COMMAND,
  subcommands: SUBCOMMANDS,
  empty: HELP,
  help: async () => helpText(),
  // A party's or an area's name is stored for good: a personal identity number in it is refused in the ack.
  screen: (text) =>
    matchSubcommand(CATALOGUE_SUBCOMMANDS, text) !== null && findPersonalIdentityNumber(text) !== null
      ? sv.katalog.problems.personalNumber
      : null,
};

export function register(kit: Kit): void {
  kit.command(samverkanCommand);
  for (const button of DATA_PROTECTION_BUTTONS) kit.action(button);
}
