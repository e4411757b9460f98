/**
 * Runs with every test file (vitest `setupFiles`): after each test, fails it when anything the bot sent to a
 * Slack fake of this file, or answered to a view submission (view-acks.ts), broke Slack's Block Kit limits or
 * the project's message budget (block-kit.ts). Effects that land after a test ends are caught by the next
 * test, or after the file's last test.
 */
import { afterAll, afterEach } from 'vitest';
import { describeViolations, type Violation } from './block-kit.js';
import { type SlackFake, startedFakes } from './slack-fake.js';
import { ackViolations } from './view-acks.js';

const reported = new Map<SlackFake, number>();
let acksReported = 0;

function newViolations(): string[] {
  const found: string[] = [];
  for (const fake of startedFakes) {
    const from = reported.get(fake) ?? 0;
    const fresh = fake.violations.slice(from);
    reported.set(fake, fake.violations.length);
    if (fresh.length > 0) found.push(...fresh.map((v) => `${v.where}: ${describeViolations([v])}`));
  }
  const acks: Violation[] = ackViolations.slice(acksReported);
  acksReported = ackViolations.length;
  if (acks.length > 0) found.push(...acks.map((v) => `view_submission ack: ${describeViolations([v])}`));
  return found;
}

function failOnViolations(): void {
  const found = newViolations();
  if (found.length > 0)
    throw new Error(
      `Slack would refuse or show badly what the bot sent (${found.length}):\n${found.join('\n')}`,
    );
}

afterEach(failOnViolations);
afterAll(failOnViolations);
