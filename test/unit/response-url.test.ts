import { describe, expect, it } from 'vitest';
import { isSlackResponseUrl } from '../../src/effects/response-url.js';

/**
 * Which response_urls the bot posts to: a form carries its response_url back through the client, so only Slack's
 * own (or, in tests, the configured Web API's origin, where the fake issues them) are ever used.
 */
const SLACK_API = 'https://slack.com/api/';
const FAKE_API = 'http://127.0.0.1:4321/api/';

describe('a response_url the bot may post to', () => {
  it.each([
    ['https://hooks.slack.com/commands/T0001/1234/abcd', SLACK_API],
    ['https://hooks.slack.com/actions/T0001/1234/abcd', SLACK_API],
    ['https://hooks.slack.com/actions/T0001/1234/abcd', FAKE_API],
    ['https://hooks.slack-gov.com/commands/T0001/1234/abcd', 'https://slack-gov.com/api/'],
    ['http://127.0.0.1:4321/response/5b3c', FAKE_API],
  ])('is Slack’s own or on the configured API’s origin: %s', (url, api) => {
    expect(isSlackResponseUrl(url, api)).toBe(true);
  });

  it.each([
    ['http://hooks.slack.com/commands/T0001/1234/abcd', SLACK_API],
    ['https://hooks.slack.com:8443/commands/T0001/1234/abcd', SLACK_API],
    ['https://hooks.slack.com.evil.example/commands/T0001', SLACK_API],
    ['https://evil.example/hooks.slack.com/commands/T0001', SLACK_API],
    ['https://user:pw@hooks.slack.com/commands/T0001', SLACK_API],
    ['https://hooks.slack-gov.com/commands/T0001/1234/abcd', SLACK_API],
    ['http://127.0.0.1:4322/response/5b3c', FAKE_API],
    ['http://localhost:4321/response/5b3c', FAKE_API],
    ['http://127.0.0.1:4321/response/5b3c', SLACK_API],
    ['file:///etc/passwd', SLACK_API],
    ['not a url', SLACK_API],
  ])('is never any other: %s', (url, api) => {
    expect(isSlackResponseUrl(url, api)).toBe(false);
  });
});
