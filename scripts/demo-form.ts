import type { Directory } from './transcript.js';

/**
 * How the demo fills in a form as a user would: the values typed or chosen per field (block id), what Slack
 * would send for them on submission, and the lines that show the reader what was filled in. A select keeps its
 * preselected option, a date picker is left empty.
 */

interface InputBlockLike {
  readonly type: string;
  readonly block_id: string;
  readonly label: { readonly text: string };
  readonly element: {
    readonly type: string;
    readonly options?: readonly { readonly value: string; readonly text: { readonly text: string } }[];
    readonly initial_option?: { readonly value: string; readonly text: { readonly text: string } };
  };
}

export type FormFields = Readonly<Record<string, string | readonly string[]>>;

export function fillForm(
  view: { readonly blocks: readonly InputBlockLike[] },
  fields: FormFields,
  directory: Directory,
): { values: Record<string, Record<string, Record<string, unknown>>>; lines: string[] } {
  const values: Record<string, Record<string, Record<string, unknown>>> = {};
  const lines: string[] = [];
  for (const block of view.blocks) {
    if (block.type !== 'input') continue;
    const given = fields[block.block_id];
    const { type } = block.element;
    const shown = (text: string) => lines.push(`    ${block.label.text}: ${text}`);
    if (type === 'plain_text_input') {
      values[block.block_id] = { value: { type, value: typeof given === 'string' ? given : '' } };
      if (typeof given === 'string') shown(given);
    } else if (type === 'multi_static_select') {
      const chosen = Array.isArray(given) ? given : [];
      values[block.block_id] = { value: { type, selected_options: chosen.map((value) => ({ value })) } };
      const label = (v: string) => block.element.options?.find((o) => o.value === v)?.text.text ?? v;
      shown(chosen.map(label).join(', '));
    } else if (type === 'static_select') {
      const option = block.element.initial_option ?? null;
      values[block.block_id] = { value: { type, selected_option: option } };
      if (option !== null) shown(option.text.text);
    } else if (type === 'users_select') {
      const user = typeof given === 'string' ? given : null;
      values[block.block_id] = { value: { type, selected_user: user } };
      if (user !== null) shown(directory.users.get(user) ?? user);
    } else if (type === 'datepicker') {
      values[block.block_id] = { value: { type, selected_date: null } };
    }
  }
  return { values, lines };
}
