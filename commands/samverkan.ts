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

/**
 * Every change's text is stored before the ack (names, reasons): one with a personal identity number is refused
 * in the ack itself, so it never reaches the database, not even for a moment. Said in the subcommand's words.
 */
function personalNumberRefusal(text: string): string | null {
  if (findPersonalIdentityNumber(text) === null) return null;
  if (matchSubcommand(CATALOGUE_SUBCOMMANDS, text) !== null) return sv.katalog.problems.personalNumber;
  if (matchSubcommand(CALENDAR_SUBCOMMANDS, text) !== null) return sv.samverkan.calendar.reasonIdentifies;
  if (matchSubcommand(DATA_PROTECTION_SUBCOMMANDS, text) !== null) return sv.dataskydd.purge.reasonIdentifies;
  return sv.samverkan.personalNumber;
}

export const samverkanCommand: CommandSpec = {
  command: COMMAND,
  subcommands: SUBCOMMANDS,
  empty: HELP,
  help: async () => helpText(),
  screen: personalNumberRefusal,
};

export function register(kit: Kit): void {
  kit.command(samverkanCommand);
  for (const button of DATA_PROTECTION_BUTTONS) kit.action(button);
}
