// The data protection commands of the CLI, spawned as an operator runs them against a test database.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAccess } from '../../src/db/access-log.repository.js';
import { createDatabase, type Db } from '../../src/db/database.js';
import { addMember } from '../../src/db/members.repository.js';
import { type AccessResource, cliActor } from '../../src/domain/access-log.js';
import { freshDatabaseUrl } from '../support/db.js';
import { runCli } from '../support/process.js';
import { TEST_SIGNING_SECRET } from '../support/signer.js';

/** The log names the operating-system user who ran the CLI. */
const OPERATOR = cliActor(userInfo().username);

/** `npm run cli -- logg | gallra | registerutdrag` as the data protection officer runs them, from an empty directory. */
describe('npm run cli -- data protection commands', () => {
  let databaseUrl: string;
  let db: Db;
  let cwd: string;

  const cli = (args: readonly string[], env: Record<string, string> = {}) =>
    runCli(
      args,
      {
        SLACK_BOT_TOKEN: 'xoxb-test-1',
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        DATABASE_URL: databaseUrl,
        ...env,
      },
      cwd,
    );

  const logRows = (resource: AccessResource) =>
    db.selectFrom('access_log').selectAll().where('resource', '=', resource).orderBy('id').execute();

  beforeAll(async () => {
    databaseUrl = await freshDatabaseUrl();
    db = createDatabase(databaseUrl);
    cwd = mkdtempSync(path.join(tmpdir(), 'fredagsmotet-dataskydd-'));
    await addMember(db, { userId: 'U0PERSON1', partyKey: 'polisen' }, 'U0ADMIN01');
    await db
      .insertInto('entries')
      .values(
        [
          ['2025-W40', 'Gammal iakttagelse'],
          ['2026-W48', 'Färsk iakttagelse'],
        ].map(([week, text], i) => ({
          meeting_week: week as string,
          party_key: 'polisen',
          area_key: 'trafik',
          text: text as string,
          author_user_id: 'U0PERSON1',
          source: 'modal' as const,
          idempotency_key: `cli-${i}`,
        })),
      )
      .execute();
    await recordAccess(db, {
      actorUserId: 'U0PERSON1',
      action: 'read',
      resource: 'picture',
      via: 'kommando',
      meetingWeek: '2026-W48',
    });
    await sql`insert into access_log (at, actor_user_id, action, resource, via)
      values ('2026-02-10T09:00:00Z', 'U0ADMIN01', 'change', 'member', 'kommando')`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('refuses an unusable invocation with exit 1 and a Swedish reason, before touching anything', async () => {
    const runs = await Promise.all([
      cli(['logg', '--till', '2026-03-31']),
      cli(['logg', '--från', '2026-13-01', '--till', '2026-03-31']),
      cli(['logg', '--från', '2026-03-31', '--till', '2026-01-01']),
      cli(['logg', '--från', '2026-01-01', '--till', '2026-03-31', '--format', 'xml']),
      cli(['gallra', '--nu']),
      cli(['registerutdrag', 'anna', '--out', 'x.json']),
      cli(['registerutdrag', 'U0PERSON1']),
    ]);
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(runs.map((r) => r.stderr.split('\n')[0])).toEqual([
      'Ange perioden med --från och --till, till exempel --från 2026-01-01 --till 2026-03-31.',
      '--från: 2026-13-01 är inget datum. Skriv som 2026-01-31.',
      'Perioden slutar före den börjar: --till ska vara samma dag som --från eller senare.',
      'Okänt format: xml. Välj csv eller text.',
      'Okänt val: --nu.',
      'Ogiltigt Slack-id: anna. Ett användar-id ser ut som U0123ABCD.',
      'Ange filen med --out, till exempel --out registerutdrag.json.',
    ]);
    expect(await logRows('access_log')).toEqual([]);
  }, 120_000);

  it('exports the log as CSV for Excel (BOM, semicolons) and records the export', async () => {
    const file = path.join(cwd, 'logg.csv');
    const run = await cli([
      'logg',
      '--från',
      '2026-01-01',
      '--till',
      '2026-12-31',
      '--format',
      'csv',
      '--out',
      file,
    ]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain(`rader skrivna till ${file}.`);
    expect(run.stdout).toContain('Exporten är noterad i behörighetsloggen.');
    const csv = readFileSync(file, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'tid (Europe/Stockholm);användare;åtgärd;utfall;vad;vecka;part;iakttagelser;prioritering;berörd användare;period;format;via;detaljer',
    );
    expect(lines[1]).toBe('2026-02-10 10:00:00;U0ADMIN01;ändrade;genomförd;medlemskap;;;;;;;;kommando;');
    expect(lines.some((l) => l.includes('U0PERSON1;läste;genomförd;lägesbild;2026-W48;'))).toBe(true);
    // The export's own row is logged before it runs, so it is in it.
    expect(lines.at(-1)).toContain(`${OPERATOR};exporterade;genomförd;behörighetslogg;`);
    expect(statSync(file).mode & 0o077).toBe(0);

    const exported = await logRows('access_log');
    expect(exported).toEqual([
      expect.objectContaining({
        actor_user_id: OPERATOR,
        action: 'export',
        via: 'cli',
        period: '2026-01-01..2026-12-31',
        format: 'csv',
      }),
    ]);
  }, 60_000);

  it('prints one user’s log as text', async () => {
    const run = await cli(['logg', '--fran=2026-02-01', '--till=2026-02-28', '--användare', 'U0ADMIN01']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('2026-02-10 10:00 · U0ADMIN01 ändrade medlemskap · via kommando\n');
  }, 60_000);

  it('says that nothing is purged until the organisation has decided', async () => {
    const run = await cli(['gallra']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Ingen gallring är inställd, så inget gallras.');
    expect(run.stdout).toContain('gallringsbeslut');
  }, 60_000);

  it('shows what would go with --dry-run, then purges and logs who did', async () => {
    const env = { GALLRING_IAKTTAGELSER_MANADER: '12' };
    const dry = await cli(['gallra', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Provkörning – inget ändras:');
    expect(dry.stdout).toMatch(/fritexten i 1 iakttagelse skulle gallras \(2025-W40\)/);
    expect(dry.stdout).toContain('Behörighetsloggen: GALLRING_LOGG_MANADER är inte satt, inget gallras.');
    const texts = () =>
      db.selectFrom('entries').select(['meeting_week', 'text']).orderBy('meeting_week').execute();
    expect((await texts())[0]?.text).toBe('Gammal iakttagelse');

    const run = await cli(['gallra'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/fritexten i 1 iakttagelse är gallrad/);
    expect(run.stdout).toContain('Gallringen är noterad i behörighetsloggen.');
    expect(await texts()).toEqual([
      { meeting_week: '2025-W40', text: '' },
      { meeting_week: '2026-W48', text: 'Färsk iakttagelse' },
    ]);
    expect(await logRows('retention')).toEqual([
      expect.objectContaining({ actor_user_id: OPERATOR, via: 'cli', action: 'change' }),
    ]);
  }, 60_000);

  it('writes a register extract as JSON and a summary beside it, and logs that it was made', async () => {
    const file = path.join(cwd, 'utdrag', '..', 'utdrag.json');
    const run = await cli(['registerutdrag', 'U0PERSON1', '--out', file]);
    expect([run.code, run.stderr]).toEqual([0, '']);
    const json = path.join(cwd, 'utdrag.json');
    const summary = path.join(cwd, 'utdrag.txt');
    expect(run.stdout).toContain(`${json} (JSON, alla uppgifter)`);
    expect(run.stdout).toContain(`${summary} (läsbar sammanfattning)`);
    const extract = JSON.parse(readFileSync(json, 'utf8'));
    expect(extract.userId).toBe('U0PERSON1');
    expect(extract.memberships).toEqual([expect.objectContaining({ partyKey: 'polisen' })]);
    expect(extract.entries.map((e: { text: string }) => e.text)).toEqual(['', 'Färsk iakttagelse']);
    const text = readFileSync(summary, 'utf8');
    expect(text).toContain('Registerutdrag för Slack-användare U0PERSON1');
    expect(text).toContain('”Färsk iakttagelse”');
    expect(statSync(json).mode & 0o077).toBe(0);
    expect(await logRows('register_extract')).toEqual([
      expect.objectContaining({
        actor_user_id: OPERATOR,
        action: 'export',
        subject_user_id: 'U0PERSON1',
        via: 'cli',
      }),
    ]);
  }, 60_000);
});
