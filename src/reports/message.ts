/**
 * The report as a Slack message (Block Kit): the headline figures and their change against the period before,
 * the areas with the most observations as a `table` block, participation, cancelled meetings and the
 * medborgarlöfte, and a line about the attachments. Within Slack's limits (at most 50 blocks, 3000 characters a
 * section, 12,000 in all). Never an observation's free text.
 */

import type { KnownBlock, TableBlock } from '@slack/types';
import type { ReportModel } from '../domain/report-model.js';
import { rapport } from '../i18n/rapport.js';
import { context, header, LIMITS, packLines, type SlackMessage } from '../slack/blocks.js';
import { escapeMrkdwn } from '../slack/mrkdwn.js';
import { namesOf } from './figures.js';

/** What came with the message: files, none, or none because the workspace refused them. */
export type AttachmentNote =
  | { readonly kind: 'files'; readonly count: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'refused'; readonly reason: 'file_uploads_disabled' | 'file_upload_size_restricted' };

/** Rows of the table block besides its header (Slack takes up to 100). */
const TOP_AREAS = 8;
const MAX_PROMISES = 5;
/** Cancelled meetings listed; a report over years lists the rest in its attachments. */
const MAX_CANCELLED = 12;
/** A priority's title or note in the message is cut here; the attachments carry it whole. */
const SNIPPET = 200;

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return escapeMrkdwn(flat.length > SNIPPET ? `${flat.slice(0, SNIPPET - 1)}…` : flat);
}

export function reportMessage(model: ReportModel, attachments: AttachmentNote): SlackMessage {
  const m = rapport.message;
  const label = rapport.periodLabel(model.period);
  const names = namesOf(model);
  const about = [
    ...(model.filter === null
      ? []
      : [
          rapport.filterLabel(
            model.filter.kind === 'party' ? names.party(model.filter.key) : names.area(model.filter.key),
          ),
        ]),
    rapport.compared(model.previous.from, model.previous.to),
  ];
  const blocks: KnownBlock[] = [header(rapport.shortTitle(label)), context(escapeMrkdwn(about.join(' ')))];
  const fallback = m.fallback(label, model.headline.observations.current);
  if (model.empty) {
    blocks.push(...packLines([m.empty]), context(attachmentLine(attachments)));
    return { text: fallback, blocks };
  }

  const h = model.headline;
  const p = model.priorities;
  const share = (value: number | null) => (value === null ? rapport.figures.none : rapport.percent(value));
  blocks.push(
    ...packLines([
      m.observations(
        h.observations.current,
        rapport.change(h.observations.current, h.observations.previous),
        h.observations.previous,
      ),
      m.meetings(h.meetingsHeld.current, h.meetingsCancelled),
      m.participation(
        share(h.participation.current),
        h.participation.previous === null ? null : share(h.participation.previous),
      ),
      m.priorities(
        p.totals.decided,
        p.totals.followedUp,
        p.totals.completed,
        p.totals.cancelled,
        p.totals.overdue,
      ),
      ...(p.medianDaysToCompletion === null
        ? []
        : [m.median(rapport.figures.days(p.medianDaysToCompletion))]),
    ]),
  );

  const top = [...model.areaSummaries]
    .filter((a) => a.observations > 0)
    .sort((a, b) => b.observations - a.observations)
    .slice(0, TOP_AREAS);
  if (top.length > 0) {
    const t = rapport.table;
    const cell = (text: string | number) => ({ type: 'raw_text' as const, text: String(text) });
    const table: TableBlock = {
      type: 'table',
      column_settings: [{ is_wrapped: true }, { align: 'right' }, { align: 'right' }, { align: 'right' }],
      rows: [
        [t.area, t.observations, t.change, t.rising, t.parties].map(cell),
        ...top.map((a) => [
          cell(names.area(a.key)),
          cell(a.observations),
          cell(rapport.change(a.observations, a.previous)),
          cell(rapport.percent(a.trends.okar / a.observations)),
          cell(a.partyKeys.map(names.party).join(', ') || '–'),
        ]),
      ],
    };
    blocks.push(...packLines([m.areasTitle]), table);
  }

  blocks.push(
    ...packLines([
      m.participationTitle,
      ...model.participation.map((row) =>
        m.participationLine(
          escapeMrkdwn(names.party(row.partyKey)),
          row.submitted,
          row.held,
          row.nothingToReport,
        ),
      ),
    ]),
  );
  const cancelled = model.meetings.filter((meeting) => meeting.cancelled);
  if (cancelled.length > 0)
    blocks.push(
      ...packLines([
        m.cancelledTitle,
        ...cancelled
          .slice(0, MAX_CANCELLED)
          .map((meeting) =>
            m.cancelledLine(
              meeting.week,
              meeting.date,
              meeting.reason === null ? null : snippet(meeting.reason),
            ),
          ),
        ...(cancelled.length > MAX_CANCELLED ? [m.more(cancelled.length - MAX_CANCELLED)] : []),
      ]),
    );
  if (p.citizenPromises.length > 0)
    blocks.push(
      ...packLines([
        m.promisesTitle,
        ...p.citizenPromises
          .slice(0, MAX_PROMISES)
          .map((line) =>
            m.promiseLine(
              line.id,
              snippet(line.title),
              snippet(line.citizenPromise ?? ''),
              rapport.status[line.statusAtEnd],
              line.lastNote === null ? null : snippet(line.lastNote),
            ),
          ),
        ...(p.citizenPromises.length > MAX_PROMISES ? [m.more(p.citizenPromises.length - MAX_PROMISES)] : []),
      ]),
    );
  if (model.textPurge.purged > 0)
    blocks.push(context(m.purged(model.textPurge.purged, model.textPurge.total)));
  blocks.push(context(attachmentLine(attachments)));
  return { text: fallback, blocks: blocks.slice(0, LIMITS.blocksPerMessage) };
}

function attachmentLine(note: AttachmentNote): string {
  if (note.kind === 'refused') return rapport.message.refused[note.reason];
  return note.kind === 'files' && note.count > 0
    ? rapport.message.attachments(note.count)
    : rapport.message.noAttachments;
}
