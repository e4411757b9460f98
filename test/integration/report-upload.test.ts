import { WebClient } from '@slack/web-api';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createEffectSlack, EFFECT_SLACK_TIMEOUT_MS } from '../../src/effects/client.js';
import type { ReportFile } from '../../src/reports/files.js';
import { uploadReportFiles } from '../../src/reports/upload.js';
import { SlackFake } from '../support/slack-fake.js';

/**
 * Delivering a report's files with filesUploadV2 against the Slack fake: the upload URL, the bytes as the Web API
 * client sends them, the share in a channel; and a workspace that refuses files.
 */
const USER = 'U0MEMBER1';

let slack: SlackFake;
let client: WebClient;

const files: ReportFile[] = [
  {
    format: 'pdf',
    filename: 'uppfoljning-2026.pdf',
    title: 'Uppföljning (PDF)',
    mimeType: 'application/pdf',
    bytes: new Uint8Array(Buffer.from('%PDF-1.7 åäö \u0000\u00ff binary')),
  },
  {
    format: 'csv',
    filename: 'uppfoljning-2026-iakttagelser.csv',
    title: 'Iakttagelser (CSV)',
    mimeType: 'text/csv; charset=utf-8',
    bytes: new Uint8Array(Buffer.from('\uFEFFVecka;Part\r\n2026-W02;Polisen\r\n', 'utf8')),
  },
];

beforeAll(async () => {
  slack = await new SlackFake().start();
  slack.addUser({ id: USER, name: 'anna' });
  client = new WebClient(slack.token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(async () => {
  await slack.stop();
});
beforeEach(() => {
  slack.reset();
  slack.uploads.length = 0;
});

describe('uploading the report files', () => {
  it("shares every file's exact bytes and title in the user's DM, in one message with the comment", async () => {
    const channel = slack.dmChannelOf(USER);
    const outcome = await uploadReportFiles(client, {
      channelId: channel,
      files,
      comment: 'Rapporten för 2026',
    });
    expect(outcome.status).toBe('uploaded');
    expect(slack.succeeded('files.getUploadURLExternal').map((a) => [a.filename, Number(a.length)])).toEqual([
      ['uppfoljning-2026.pdf', files[0]?.bytes.byteLength],
      ['uppfoljning-2026-iakttagelser.csv', files[1]?.bytes.byteLength],
    ]);
    expect(slack.uploads).toHaveLength(1);
    const [share] = slack.uploads;
    expect(share?.channel).toBe(channel);
    expect(share?.initialComment).toBe('Rapporten för 2026');
    expect(share?.files.map((f) => [f.filename, f.title])).toEqual([
      ['uppfoljning-2026.pdf', 'Uppföljning (PDF)'],
      ['uppfoljning-2026-iakttagelser.csv', 'Iakttagelser (CSV)'],
    ]);
    // Byte for byte, the binary and the UTF-8 with its byte-order mark alike.
    expect(share?.files.map((f) => f.bytes.toString('hex'))).toEqual(
      files.map((f) => Buffer.from(f.bytes).toString('hex')),
    );
    expect(outcome).toEqual({ status: 'uploaded', fileIds: share?.files.map((f) => f.id) });
  });

  it('can put the files in a thread, with blocks instead of a comment', async () => {
    slack.addChannel('C0MEETING');
    const blocks = [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: '*Kvartal 3*' } }];
    await uploadReportFiles(client, { channelId: 'C0MEETING', threadTs: '1700000000.000100', files, blocks });
    expect(slack.uploads[0]).toMatchObject({ channel: 'C0MEETING', threadTs: '1700000000.000100', blocks });
  });

  it('tells a workspace that does not allow uploads from one that finds the files too large', async () => {
    slack.failWith('files.getUploadURLExternal', 'file_uploads_disabled', 2);
    expect(await uploadReportFiles(client, { channelId: slack.dmChannelOf(USER), files })).toEqual({
      status: 'refused',
      reason: 'file_uploads_disabled',
    });
    slack.clearFailures().failWith('files.completeUploadExternal', 'file_upload_size_restricted', 1);
    expect(await uploadReportFiles(client, { channelId: slack.dmChannelOf(USER), files })).toEqual({
      status: 'refused',
      reason: 'file_upload_size_restricted',
    });
    expect(slack.uploads).toHaveLength(0);
  });

  it('throws what the caller must retry or give up on', async () => {
    await expect(uploadReportFiles(client, { channelId: 'C0UNKNOWN', files })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
  });

  it('gives an upload more time than an ordinary call of the effects’ client', async () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: slack.apiUrl,
    });
    const effects = createEffectSlack(config, pino({ level: 'silent' }));
    // Slack takes longer to share the files than a post may take: the upload still lands, and is known to.
    slack.slowDown('files.completeUploadExternal', EFFECT_SLACK_TIMEOUT_MS + 500);
    const outcome = await uploadReportFiles(effects.uploads, { channelId: slack.dmChannelOf(USER), files });
    expect(outcome.status).toBe('uploaded');
    expect(slack.uploads).toHaveLength(1);
  }, 15_000);

  it('uploads nothing when there are no files', async () => {
    expect(await uploadReportFiles(client, { channelId: slack.dmChannelOf(USER), files: [] })).toEqual({
      status: 'uploaded',
      fileIds: [],
    });
    expect(slack.calls).toHaveLength(0);
  });
});
