/**
 * Delivers a report's files to Slack in one message: `filesUploadV2` asks `files.getUploadURLExternal` for an
 * upload address per file, uploads the bytes there, then shares them with `files.completeUploadExternal` in the
 * channel (a user's DM channel `D…`, or the meeting channel, optionally in a thread) with a comment or blocks.
 * A workspace that does not take files answers with one of two refusals, returned so the caller can send the
 * message without attachments and say why; every other failure is thrown for the caller's retry rules
 * (src/slack/errors.ts classifySlackError).
 */

import type { KnownBlock } from '@slack/types';
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { ReportFile } from './files.js';

export type UploadRefusal = 'file_uploads_disabled' | 'file_upload_size_restricted';

export type UploadOutcome =
  | { readonly status: 'uploaded'; readonly fileIds: readonly string[] }
  | { readonly status: 'refused'; readonly reason: UploadRefusal };

export interface ReportDelivery {
  /** A channel id; for a direct message the `D…` id from conversations.open. */
  readonly channelId: string;
  readonly threadTs?: string;
  readonly files: readonly ReportFile[];
  /** The text shown with the files; Slack ignores `blocks` when a comment is given. */
  readonly comment?: string;
  readonly blocks?: readonly KnownBlock[];
}

const REFUSALS: ReadonlySet<string> = new Set<UploadRefusal>([
  'file_uploads_disabled',
  'file_upload_size_restricted',
]);

export async function uploadReportFiles(client: WebClient, delivery: ReportDelivery): Promise<UploadOutcome> {
  if (delivery.files.length === 0) return { status: 'uploaded', fileIds: [] };
  try {
    const result = await client.filesUploadV2({
      channel_id: delivery.channelId,
      ...(delivery.threadTs === undefined ? {} : { thread_ts: delivery.threadTs }),
      ...(delivery.comment === undefined ? {} : { initial_comment: delivery.comment }),
      ...(delivery.blocks === undefined ? {} : { blocks: [...delivery.blocks] }),
      file_uploads: delivery.files.map((file) => ({
        // A Buffer over the same memory: the client sends Buffers as multipart bodies.
        file: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
        filename: file.filename,
        title: file.title,
      })),
    });
    const completions = (result as { files?: { files?: { id?: string }[] }[] }).files ?? [];
    return {
      status: 'uploaded',
      fileIds: completions.flatMap((c) => (c.files ?? []).flatMap((f) => (f.id === undefined ? [] : [f.id]))),
    };
  } catch (error) {
    const code = (error as { code?: unknown; data?: { error?: unknown } } | null) ?? null;
    if (code?.code === ErrorCode.PlatformError && REFUSALS.has(String(code.data?.error)))
      return { status: 'refused', reason: String(code.data?.error) as UploadRefusal };
    throw error;
  }
}
