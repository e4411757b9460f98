import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import type { Deps } from '../src/deps.js';
import { sv } from '../src/i18n/sv.js';
import { escapeMrkdwn, plainTextFromSlack } from '../src/slack/mrkdwn.js';

export const COMMAND = '/lagesbild';

const SUBCOMMANDS = [sv.lagesbild.subcommands.help];

function helpText(): string {
  return `${sv.lagesbild.helpTitle}\n${sv.common.helpLines(SUBCOMMANDS)}`;
}

/** `/lagesbild …`: a party's situational picture for the coming Friday meeting. */
export function register(app: App, deps: Deps): void {
  app.command(COMMAND, async ({ command, ack, respond }) => {
    await ack();
    await handleLagesbild(command, respond, deps);
  });
}

async function handleLagesbild(command: SlashCommand, respond: RespondFn, deps: Deps): Promise<void> {
  const [subcommand = ''] = command.text.trim().split(/\s+/);
  const word = subcommand.toLowerCase();
  deps.logger.debug({ user: command.user_id, subcommand: word }, 'lagesbild command');
  if (word === 'hjälp' || word === 'hjalp' || word === 'help' || word === '') {
    await respond({ response_type: 'ephemeral', text: helpText() });
    return;
  }
  await respond({
    response_type: 'ephemeral',
    text: `${sv.common.unknownSubcommand(COMMAND, escapeMrkdwn(plainTextFromSlack(subcommand)))}\n${helpText()}`,
  });
}
