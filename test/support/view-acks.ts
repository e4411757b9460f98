/**
 * View-submission acks are HTTP answers to the test's own request, so the Slack fake never sees them. A test
 * that reads one passes it through `checkedAck`, which records its Block Kit violations for the setup file
 * (block-kit-setup.ts) to fail the test with, like the fake's.
 */
import { checkViewSubmissionAck, type Violation } from './block-kit.js';

/** Violations found in acks in this test file, oldest first. */
export const ackViolations: Violation[] = [];

/** Checks a view_submission ack body (as parsed JSON; empty for a bare ack) and returns it unchanged. */
export function checkedAck<T>(body: T): T {
  ackViolations.push(...checkViewSubmissionAck(body));
  return body;
}
