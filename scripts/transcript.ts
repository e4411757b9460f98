import type { RecordedCall, RecordedResponse } from '../test/support/slack-fake.js';

/**
 * Turns what the bot sent to the Slack fake into text a person reads in a terminal: who sees the message,
 * where, and what it shows, with buttons in brackets and mentions as names.
 */
export interface Directory {
  readonly users: ReadonlyMap<string, string>;
  readonly channels: ReadonlyMap<string, string>;
  /** The user a direct-message channel (`D…`) belongs to. */
  dmOwner(channelId: string): string | null;
}

const INDENT = '    ';

function plain(text: string, directory: Directory): string {
  return text
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => `@${directory.users.get(id) ?? id}`)
    .replace(/<#([CG][A-Z0-9]+)(?:\|[^>]*)?>/g, (_m, id: string) => `#${directory.channels.get(id) ?? id}`)
    .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<(https?:[^>]+)>/g, '$1')
    .replace(/(^|[\s(])\*([^*\n]+)\*/g, '$1$2')
    .replace(/(^|[\s(])_([^_\n]+)_/g, '$1$2')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

interface Block {
  type: string;
  text?: { text?: string };
  fields?: Array<{ text?: string }>;
  elements?: Array<{ type?: string; text?: string | { text?: string } }>;
  accessory?: { type?: string; text?: { text?: string } };
}

function buttonLabel(element: { type?: string; text?: string | { text?: string } }): string | null {
  if (element.type !== 'button') return null;
  const text = typeof element.text === 'string' ? element.text : element.text?.text;
  return `[ ${text ?? ''} ]`;
}

/** The lines of a message's blocks, or its fallback text when it has none. */
export function messageLines(args: Record<string, unknown>, directory: Directory): string[] {
  const blocks = Array.isArray(args.blocks) ? (args.blocks as Block[]) : [];
  if (blocks.length === 0) return plain(String(args.text ?? ''), directory).split('\n');
  const lines: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'header':
        lines.push(`▌ ${plain(block.text?.text ?? '', directory).toUpperCase()}`);
        break;
      case 'section': {
        const texts = [block.text?.text ?? '', ...(block.fields ?? []).map((f) => f.text ?? '')].filter(
          (t) => t !== '',
        );
        const body = plain(texts.join('\n'), directory).split('\n');
        const button = block.accessory ? buttonLabel(block.accessory) : null;
        if (button !== null && body.length > 0)
          body[body.length - 1] = `${body[body.length - 1]}   ${button}`;
        lines.push(...body);
        break;
      }
      case 'context':
        for (const element of block.elements ?? []) {
          const text = typeof element.text === 'string' ? element.text : (element.text?.text ?? '');
          lines.push(
            ...plain(text, directory)
              .split('\n')
              .map((line) => `  ${line}`),
          );
        }
        break;
      case 'actions':
        lines.push(
          (block.elements ?? [])
            .map(buttonLabel)
            .filter((b) => b !== null)
            .join('  '),
        );
        break;
      case 'divider':
        lines.push('──────────');
        break;
      default:
        lines.push(`(${block.type})`);
    }
  }
  return lines;
}

/** A heading line for one call: what kind of message, where, for whom. */
function headingOf(call: RecordedCall, directory: Directory): string | null {
  const channel = String(call.args.channel ?? '');
  const where = (id: string) => {
    if (directory.channels.has(id)) return `#${directory.channels.get(id)}`;
    const owner = /^[UW]/.test(id) ? id : directory.dmOwner(id);
    return owner === null ? id : `direktmeddelande till ${directory.users.get(owner) ?? owner}`;
  };
  switch (call.method) {
    case 'chat.postMessage':
      return call.args.thread_ts === undefined ? `→ ${where(channel)}` : `→ ${where(channel)}, svar i tråden`;
    case 'chat.update':
      return `✎ ${where(channel)}: meddelandet uppdateras`;
    case 'chat.postEphemeral':
      return `→ ${where(channel)}, syns bara för ${directory.users.get(String(call.args.user)) ?? call.args.user}`;
    default:
      return null;
  }
}

/** A recorded Web API call as readable lines, or nothing for calls a user never sees. */
export function describeCall(call: RecordedCall, directory: Directory): string[] {
  if (call.outcome !== 'ok') {
    return ['chat.postMessage', 'chat.update'].includes(call.method)
      ? [`  (Slack svarade ${call.outcome}; boten försöker igen)`]
      : [];
  }
  const heading = headingOf(call, directory);
  if (heading === null) return [];
  return [heading, ...messageLines(call.args, directory).map((line) => `${INDENT}${line}`), ''];
}

/** A response_url post: the bot's answer to a slash command or a button, seen only by whoever used it. */
export function describeResponse(response: RecordedResponse, who: string, directory: Directory): string[] {
  return [
    `→ svar till ${who} (syns bara för hen)`,
    ...messageLines(response.body, directory).map((l) => `${INDENT}${l}`),
    '',
  ];
}
