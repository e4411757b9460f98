import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH, SLASH_COMMANDS } from '../../src/app.js';
import { CONFIG_VARIABLES, REQUIRED_VARIABLES } from '../../src/config.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is free-form.
const compose: any = parse(read('docker-compose.yml'));
// biome-ignore lint/suspicious/noExplicitAny: parsed YAML is free-form.
const manifest: any = parse(read('slack-manifest.yml'));

function envFileVariables(file: string): string[] {
  return read(file)
    .split('\n')
    .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined);
}

describe('docker-compose.yml', () => {
  const app = compose.services.app;
  const envFiles: string[] = [app.env_file ?? []]
    .flat()
    .map((entry: string | { path: string }) => (typeof entry === 'string' ? entry : entry.path));

  it('passes every variable the config requires to the app service', () => {
    const fromEnvFile = envFiles.includes('.env') ? envFileVariables('.env.example') : [];
    const explicit = Object.keys(app.environment ?? {});
    for (const variable of REQUIRED_VARIABLES) {
      expect([...fromEnvFile, ...explicit], variable).toContain(variable);
    }
  });

  it('points the app at the compose Postgres and Redis and waits until they are healthy', () => {
    expect(app.build.target).toBe('runtime');
    expect(app.environment.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(app.environment.REDIS_URL).toBe('redis://redis:6379');
    expect(app.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });

  it('runs Postgres 16 and Redis 7 with health checks, durable Redis without eviction', () => {
    const { postgres, redis } = compose.services;
    expect(postgres.image).toBe('postgres:16');
    expect(postgres.healthcheck.test.join(' ')).toContain('pg_isready');
    expect(postgres.volumes[0]).toMatch(/^postgres-data:/);
    expect(redis.image).toBe('redis:7');
    expect(redis.command).toEqual(
      expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']),
    );
    expect(redis.healthcheck.test).toContain('ping');
    expect(Object.keys(compose.volumes)).toEqual(['postgres-data', 'redis-data']);
  });

  it('has a test service that runs the suite against the compose services', () => {
    const test = compose.services.test;
    expect(test.build.target).toBe('test');
    expect(test.environment.TEST_DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(test.environment.TEST_REDIS_URL).toBe('redis://redis:6379');
    expect(read('Dockerfile')).toMatch(/FROM deps AS test[\s\S]*CMD \["npm", "test"\]/);
  });
});

describe('slack-manifest.yml', () => {
  const commands: Array<{ command: string; url: string; should_escape: boolean }> =
    manifest.features.slash_commands;

  it('has every slash command the code registers, escaped, on /slack/events', () => {
    for (const name of SLASH_COMMANDS) {
      const command = commands.find((c) => c.command === name);
      expect(command, name).toBeDefined();
      expect(command?.should_escape, name).toBe(true);
      expect(new URL(command?.url ?? '').pathname, name).toBe(SLACK_EVENTS_PATH);
    }
  });

  it('sends interactivity and events to /slack/events, with the events the bot listens to', () => {
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(['app_home_opened', 'message.im']),
    );
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('is the Fredagsmötet app with a home tab and a writable messages tab', () => {
    expect(manifest.display_information.name).toBe('Fredagsmötet');
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['commands', 'chat:write', 'im:history']),
    );
  });
});

describe('documentation of the environment', () => {
  it('lists every variable the config reads in README.md and .env.example', () => {
    const readme = read('README.md');
    const example = envFileVariables('.env.example');
    for (const variable of CONFIG_VARIABLES) {
      expect(readme, `README.md should document ${variable}`).toContain(`\`${variable}\``);
      expect(example, `.env.example should list ${variable}`).toContain(variable);
    }
  });
});
