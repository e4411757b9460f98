/**
 * Something Slack refused for good, as the admins are told about it: what the bot tried, where, Slack's code, and
 * what an admin must do about it.
 */

/** What an admin must do about a Slack error that retrying cannot fix; each has its own Swedish advice. */
export type SlackFix =
  /** The bot is not in the channel: invite it. */
  | 'invite-bot'
  /** The channel does not exist (or the bot cannot see it): check MEETING_CHANNEL_ID. */
  | 'check-channel'
  /** The channel is archived: unarchive it or choose another. */
  | 'unarchive-channel'
  /** The channel does not let the bot post (posting restricted to admins, a read-only channel): allow it. */
  | 'allow-posting'
  /** The user cannot be reached (deleted, deactivated, DMs to apps turned off): update the membership. */
  | 'check-member'
  /** The token or the app's permissions are wrong: reinstall the app or replace SLACK_BOT_TOKEN. */
  | 'reinstall-app'
  /** Slack refused the message itself: a fault in the bot; the operator must look at the logs. */
  | 'report-bug';

export interface Problem {
  /** What the bot tried: `agenda`, `call`, `svar`, … */
  readonly action: string;
  /** Slack's error code. */
  readonly code: string;
  readonly fix: SlackFix;
  /** The channel it tried to post in, or the user it tried to reach. */
  readonly channelId: string | null;
  readonly userId: string | null;
  /** Minutes until the bot tries again by itself; null when it will not. */
  readonly retryInMinutes: number | null;
}

/** One alert per admin, problem and place: the agenda and the last call failing alike make one message. */
export function problemTarget(problem: Problem): string {
  return `${problem.code}/${problem.channelId ?? problem.userId ?? '-'}`;
}
