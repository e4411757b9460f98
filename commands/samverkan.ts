import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Deps } from '../src/deps.js';
import { sv } from '../src/i18n/sv.js';
import { errorFields } from '../src/logger.js';
import { escapeMrkdwn, plainTextFromSlack } from '../src/slack/mrkdwn.js';
import { matchSubcommand, runSubcommand, type Subcommand } from '../src/slack/subcommands.js';
import { CALENDAR_SUBCOMMANDS } from './samverkan/calendar.js';
import { MEMBER_SUBCOMMANDS } from './samverkan/members.js';

export const COMMAND = '/samverkan';

/**
 * `/samverkan …`: administration of the cooperation — members, admins and the meeting calendar.
 * Each group of subcommands lives in its own module under commands/samverkan/ and is listed here.
 */
const SUBCOMMANDS: readonly Subcommand[] = [
  {
    names: [['hjälp'], ['help']],
    usage: sv.samverkan.subcommands.help,
    run: async ({ respond }) => {
      await respond({ response_type: 'ephemeral', text: helpText() });
    },
  },
  ...MEMBER_SUBCOMMANDS,
  ...CALENDAR_SUBCOMMANDS,
];

function helpText(): string {
  return `${sv.samverkan.helpTitle}\n${sv.common.helpLines(SUBCOMMANDS.map((s) => s.usage))}`;
}

export function register(app: App, deps: Deps): void {
  app.command(COMMAND, async ({ command, ack, respond, client }) => {
    await ack();
    await handleSamverkan(command, respond, client, deps);
  });
}

async function handleSamverkan(command: SlashCommand, respond: RespondFn, client: WebClient, deps: Deps) {
  const text = command.text.trim();
  const match = matchSubcommand(SUBCOMMANDS, text === '' ? 'hjälp' : text);
  if (match === null) {
    const given = escapeMrkdwn(plainTextFromSlack(text.split(/\s+/)[0] ?? ''));
    await respond({
      response_type: 'ephemeral',
      text: `${sv.common.unknownSubcommand(COMMAND, given)}\n${helpText()}`,
    });
    return;
  }
  try {
    await runSubcommand(match.subcommand, match.rest, { command, respond, client, deps });
  } catch (error) {
    // Never a stack trace to the user; the log gets what failed, without the command's text.
    deps.logger.error({ err: errorFields(error), user: command.user_id }, 'samverkan command failed');
    await respond({ response_type: 'ephemeral', text: sv.common.genericError }).catch(() => {});
  }
}
