/**
 * Checks what the bot sends against Slack's published Block Kit limits (and the project's own message budget),
 * so the tests catch what real Slack would refuse or show badly. Each violation names where it is and why;
 * `severity` says whether Slack refuses the call (`refused`, with the error it answers) or accepts it and users
 * see it badly (`shown-badly`: markup shown literally in plain text, a message over our 12k budget).
 */
import { LIMITS } from '../../src/slack/blocks.js';
import { hasBrokenCharacter, markupIn, measure, overLimit, textsUnder } from './block-kit-text.js';

export interface Violation {
  readonly path: string;
  readonly reason: string;
  readonly severity: 'refused' | 'shown-badly';
  /** For `refused`: what Slack answers. */
  readonly error?: 'invalid_blocks' | 'msg_too_long';
}

/** Slack's limits, from the Block Kit reference (characters; see block-kit-text.ts for how they are counted). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  messageText: 40_000,
  sectionText: 3000,
  sectionFields: 10,
  sectionField: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  id: 255,
  options: 100,
  optionText: 75,
  optionValue: 150,
  optionDescription: 75,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  initialValue: 3000,
  viewTitle: 24,
  privateMetadata: 3000,
} as const;

// biome-ignore lint/suspicious/noExplicitAny: Block Kit as sent is free-form JSON; the checker reads it as such.
type Json = any;

export interface CheckOptions {
  /**
   * Texts users typed that plain text rightly shows as typed, markup and all (a title `Skolväg <!channel>`):
   * not counted as markup the bot put there.
   */
  readonly typed?: Iterable<string>;
}

class Checker {
  readonly violations: Violation[] = [];
  private readonly typed: readonly string[];

  constructor(options: CheckOptions = {}) {
    this.typed = [...(options.typed ?? [])].filter((t) => t !== '');
  }

  refuse(path: string, reason: string, error: Violation['error'] = 'invalid_blocks'): void {
    this.violations.push({ path, reason, severity: 'refused', error });
  }

  badly(path: string, reason: string): void {
    this.violations.push({ path, reason, severity: 'shown-badly' });
  }

  /** A string with a hard limit (ids, values, metadata). */
  string(value: unknown, path: string, limit: number) {
    if (value === undefined || value === null) return;
    if (typeof value !== 'string') return this.refuse(path, 'is not a string');
    const over = overLimit(value, limit);
    if (over !== null) this.refuse(path, over);
  }

  /** A text object; `plainOnly` where Slack takes nothing but plain_text. */
  text(object: Json, path: string, limit: number, options: { plainOnly?: boolean; required?: boolean } = {}) {
    if (object === undefined || object === null) {
      if (options.required) this.refuse(path, 'is missing');
      return;
    }
    if (typeof object.text !== 'string') return this.refuse(path, 'has no text');
    if (object.type !== 'plain_text' && (options.plainOnly || object.type !== 'mrkdwn'))
      return this.refuse(`${path}.type`, `is ${JSON.stringify(object.type)}, Slack takes plain_text here`);
    if (object.text.length === 0) this.refuse(`${path}.text`, 'is empty');
    const over = overLimit(object.text, limit);
    if (over !== null) this.refuse(`${path}.text`, over);
    if (object.type === 'plain_text') this.plain(object.text, `${path}.text`);
    if (hasBrokenCharacter(object.text)) this.badly(`${path}.text`, 'cuts a character in two: users see �');
  }

  /** Text shown as plain text: mrkdwn in it is shown literally. */
  plain(text: string, path: string): void {
    const bare = this.typed.reduce((rest, typed) => rest.split(typed).join(' '), text);
    const markup = markupIn(bare);
    if (markup.length > 0)
      this.badly(path, `plain text shows ${markup.join(', ')} literally: ${quote(text)}`);
  }

  confirm(confirm: Json, path: string): void {
    if (confirm === undefined) return;
    this.text(confirm.title, `${path}.title`, SLACK_LIMITS.confirmTitle, { plainOnly: true, required: true });
    this.text(confirm.text, `${path}.text`, SLACK_LIMITS.confirmText, { required: true });
    this.text(confirm.confirm, `${path}.confirm`, SLACK_LIMITS.confirmButton, {
      plainOnly: true,
      required: true,
    });
    this.text(confirm.deny, `${path}.deny`, SLACK_LIMITS.confirmButton, { plainOnly: true, required: true });
  }

  options(options: Json, path: string, plainOnly: boolean): string[] {
    if (!Array.isArray(options)) return [];
    if (options.length > SLACK_LIMITS.options)
      this.refuse(path, `has ${options.length} options, over Slack's ${SLACK_LIMITS.options}`);
    options.forEach((option: Json, i: number) => {
      const at = `${path}[${i}]`;
      this.text(option?.text, `${at}.text`, SLACK_LIMITS.optionText, { plainOnly, required: true });
      this.string(option?.value, `${at}.value`, SLACK_LIMITS.optionValue);
      this.text(option?.description, `${at}.description`, SLACK_LIMITS.optionDescription, {
        plainOnly: true,
      });
    });
    return options.map((option: Json) => String(option?.value));
  }

  /** An interactive or input element (button, select, text input, date picker, …). */
  element(element: Json, path: string) {
    if (typeof element !== 'object' || element === null) return this.refuse(path, 'is not an element');
    this.string(element.action_id, `${path}.action_id`, SLACK_LIMITS.id);
    this.text(element.placeholder, `${path}.placeholder`, SLACK_LIMITS.placeholder, { plainOnly: true });
    this.confirm(element.confirm, `${path}.confirm`);
    switch (element.type) {
      case 'button':
        this.text(element.text, `${path}.text`, SLACK_LIMITS.buttonText, { plainOnly: true, required: true });
        this.string(element.value, `${path}.value`, SLACK_LIMITS.buttonValue);
        this.string(element.url, `${path}.url`, SLACK_LIMITS.url);
        return;
      case 'plain_text_input':
        this.string(element.initial_value, `${path}.initial_value`, SLACK_LIMITS.initialValue);
        return;
      case 'static_select':
      case 'multi_static_select':
      case 'overflow':
      case 'radio_buttons':
      case 'checkboxes': {
        const plainOnly = element.type !== 'radio_buttons' && element.type !== 'checkboxes';
        const values = this.options(element.options, `${path}.options`, plainOnly);
        const initial = [element.initial_option, ...(element.initial_options ?? [])].filter(Boolean);
        for (const [i, option] of initial.entries()) {
          if (!values.includes(String(option?.value)))
            this.refuse(`${path}.initial_options[${i}]`, 'is not one of the options');
        }
        return;
      }
    }
  }

  /** Elements with their action_ids, which Slack wants unique within their block. */
  uniqueActionIds(elements: Json[], path: string): void {
    const seen = new Set<string>();
    elements.forEach((element, i) => {
      const id = element?.action_id;
      if (typeof id !== 'string') return;
      if (seen.has(id)) this.refuse(`${path}[${i}].action_id`, `${quote(id)} repeats within the block`);
      seen.add(id);
    });
  }

  block(block: Json, path: string) {
    if (typeof block !== 'object' || block === null) return this.refuse(path, 'is not a block');
    switch (block.type) {
      case 'section': {
        if (block.text === undefined && block.fields === undefined)
          this.refuse(path, 'has neither text nor fields');
        this.text(block.text, `${path}.text`, SLACK_LIMITS.sectionText);
        if (Array.isArray(block.fields)) {
          if (block.fields.length > SLACK_LIMITS.sectionFields)
            this.refuse(
              `${path}.fields`,
              `has ${block.fields.length} fields, over ${SLACK_LIMITS.sectionFields}`,
            );
          block.fields.forEach((field: Json, i: number) => {
            this.text(field, `${path}.fields[${i}]`, SLACK_LIMITS.sectionField, { required: true });
          });
        }
        if (block.accessory !== undefined) this.element(block.accessory, `${path}.accessory`);
        return;
      }
      case 'header':
        this.text(block.text, `${path}.text`, SLACK_LIMITS.headerText, { plainOnly: true, required: true });
        return;
      case 'context': {
        const elements: Json[] = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0) this.refuse(`${path}.elements`, 'is empty');
        if (elements.length > SLACK_LIMITS.contextElements)
          this.refuse(
            `${path}.elements`,
            `has ${elements.length} elements, over ${SLACK_LIMITS.contextElements}`,
          );
        elements.forEach((element, i) => {
          if (element?.type === 'plain_text' || element?.type === 'mrkdwn')
            this.text(element, `${path}.elements[${i}]`, SLACK_LIMITS.contextText);
        });
        return;
      }
      case 'actions': {
        const elements: Json[] = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length === 0) this.refuse(`${path}.elements`, 'is empty');
        if (elements.length > SLACK_LIMITS.actionsElements)
          this.refuse(
            `${path}.elements`,
            `has ${elements.length} elements, over ${SLACK_LIMITS.actionsElements}`,
          );
        elements.forEach((element, i) => {
          this.element(element, `${path}.elements[${i}]`);
        });
        this.uniqueActionIds(elements, `${path}.elements`);
        return;
      }
      case 'input':
        this.text(block.label, `${path}.label`, SLACK_LIMITS.inputLabel, { plainOnly: true, required: true });
        this.text(block.hint, `${path}.hint`, SLACK_LIMITS.inputHint, { plainOnly: true });
        if (block.element === undefined) this.refuse(`${path}.element`, 'is missing');
        else this.element(block.element, `${path}.element`);
        return;
    }
  }

  blocks(blocks: Json, path: string, max: number) {
    if (blocks === undefined) return;
    if (!Array.isArray(blocks)) return this.refuse(path, 'is not an array');
    if (blocks.length > max) this.refuse(path, `has ${blocks.length} blocks, over Slack's ${max}`);
    const seen = new Set<string>();
    blocks.forEach((block: Json, i: number) => {
      const at = `${path}[${i}]`;
      this.block(block, at);
      const id = block?.block_id;
      if (id === undefined) return;
      this.string(id, `${at}.block_id`, SLACK_LIMITS.id);
      if (seen.has(id))
        this.refuse(`${at}.block_id`, `${quote(String(id))} repeats in the same message or view`);
      seen.add(id);
    });
  }
}

function quote(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 117)}…` : text);
}

/**
 * A message as chat.postMessage, chat.update, chat.postEphemeral or a response_url takes it: `text` (the
 * fallback) and `blocks`.
 */
export function checkMessage(message: Json, path = 'message', options: CheckOptions = {}): Violation[] {
  const c = new Checker(options);
  if (typeof message !== 'object' || message === null) return c.violations;
  const fallback = typeof message.text === 'string' ? message.text : '';
  const over = overLimit(fallback, SLACK_LIMITS.messageText);
  if (over !== null) c.refuse(`${path}.text`, over, 'msg_too_long');
  c.blocks(message.blocks, `${path}.blocks`, SLACK_LIMITS.blocksPerMessage);
  const all = [fallback, ...textsUnder(message.blocks)].map(measure);
  const units = all.reduce((sum, l) => sum + l.units, 0);
  const codePoints = all.reduce((sum, l) => sum + l.codePoints, 0);
  if (units > LIMITS.messageChars || codePoints > LIMITS.messageChars)
    c.badly(
      path,
      `holds ${codePoints} characters of text (${units} UTF-16 units) with its fallback, over the budget of ${LIMITS.messageChars} (LIMITS.messageChars)`,
    );
  return c.violations;
}

/** A view as views.open, views.update, views.push or views.publish takes it: a modal or an App Home. */
export function checkView(view: Json, path = 'view', options: CheckOptions = {}): Violation[] {
  const c = new Checker(options);
  if (typeof view !== 'object' || view === null) {
    c.refuse(path, 'is missing');
    return c.violations;
  }
  c.blocks(view.blocks, `${path}.blocks`, SLACK_LIMITS.blocksPerView);
  c.string(view.private_metadata, `${path}.private_metadata`, SLACK_LIMITS.privateMetadata);
  c.string(view.callback_id, `${path}.callback_id`, SLACK_LIMITS.id);
  c.string(view.external_id, `${path}.external_id`, SLACK_LIMITS.id);
  if (view.type === 'modal') {
    c.text(view.title, `${path}.title`, SLACK_LIMITS.viewTitle, { plainOnly: true, required: true });
    c.text(view.submit, `${path}.submit`, SLACK_LIMITS.viewTitle, { plainOnly: true });
    c.text(view.close, `${path}.close`, SLACK_LIMITS.viewTitle, { plainOnly: true });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b: Json) => b?.type === 'input');
    if (hasInput && view.submit === undefined)
      c.refuse(`${path}.submit`, 'is missing in a modal with inputs');
  } else if (view.type !== 'home') {
    c.refuse(`${path}.type`, `is ${JSON.stringify(view.type)}, not modal or home`);
  }
  return c.violations;
}

/** The HTTP answer to a view_submission: `response_action` errors (shown as plain text), update, push or clear. */
export function checkViewSubmissionAck(body: Json, path = 'ack', options: CheckOptions = {}): Violation[] {
  const c = new Checker(options);
  if (body === null || body === undefined || body === '' || Object.keys(body).length === 0) return [];
  switch (body.response_action) {
    case 'errors':
      if (typeof body.errors !== 'object' || body.errors === null || Object.keys(body.errors).length === 0)
        c.refuse(`${path}.errors`, 'is missing or empty');
      for (const [field, message] of Object.entries(body.errors ?? {})) {
        if (typeof message !== 'string' || message === '')
          c.refuse(`${path}.errors.${field}`, 'is not a text');
        else c.plain(message, `${path}.errors.${field}`);
      }
      return c.violations;
    case 'update':
    case 'push':
      return checkView(body.view, `${path}.view`, options);
    case 'clear':
      return [];
    default:
      c.refuse(`${path}.response_action`, `is ${JSON.stringify(body.response_action)}`);
      return c.violations;
  }
}

const MESSAGE_METHODS = new Set([
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'chat.scheduleMessage',
]);
const VIEW_METHODS = new Set(['views.open', 'views.update', 'views.push', 'views.publish']);

/** The violations of one Web API call's arguments; none for methods that carry no blocks or view. */
export function checkSlackCall(method: string, args: Json, options: CheckOptions = {}): Violation[] {
  if (MESSAGE_METHODS.has(method)) return checkMessage(args, method, options);
  if (VIEW_METHODS.has(method)) return checkView(args?.view, `${method}.view`, options);
  return [];
}

/** One line per violation, for a test failure. */
export function describeViolations(violations: readonly Violation[]): string {
  return violations
    .map((v) => `${v.severity}${v.error ? ` (${v.error})` : ''}: ${v.path} ${v.reason}`)
    .join('\n');
}
