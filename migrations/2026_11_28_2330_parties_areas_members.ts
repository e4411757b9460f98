import { type Kysely, sql } from 'kysely';

// Frozen in time: this migration imports nothing from the app, so it keeps its meaning when the app changes.

const PARTIES = [
  { key: 'polisen', name: 'Polisen, lokalpolisområde Västervik', sort_order: 10 },
  { key: 'kommunen', name: 'Västerviks kommun', sort_order: 20 },
  { key: 'regionen', name: 'Region Kalmar län', sort_order: 30 },
  { key: 'kustbevakningen', name: 'Kustbevakningen', sort_order: 40 },
];

const AREAS = [
  {
    key: 'organiserad',
    name: 'Organiserad brottslighet och kriminella gäng',
    aliases: ['gäng', 'organiserad'],
  },
  { key: 'unga', name: 'Ungdomskriminalitet och normbrytande unga', aliases: ['unga', 'ungdom'] },
  { key: 'nara-relation', name: 'Våld och andra brott i nära relation', aliases: ['nära', 'relation'] },
  { key: 'heder', name: 'Hedersförtryck', aliases: ['heder'] },
  {
    key: 'valfard',
    name: 'Välfärdsbrottslighet och annan kriminell ekonomi',
    aliases: ['välfärd', 'ekonomi'],
  },
  {
    key: 'brottskoncentrationer',
    name: 'Brottskoncentrationer kopplade till tider och platser',
    aliases: ['plats', 'koncentration'],
  },
  { key: 'narkotika', name: 'Narkotika- och alkoholrelaterade brott', aliases: ['narkotika', 'alkohol'] },
  { key: 'trafik', name: 'Trafikbrott', aliases: ['trafik'] },
  { key: 'olyckor', name: 'Olyckor', aliases: ['olyckor', 'olycka'] },
  { key: 'ovrigt', name: 'Övrigt', aliases: ['övrigt', 'annat'] },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('parties')
    .addColumn('key', 'text', (c) => c.primaryKey().check(sql`key ~ '^[a-z0-9][a-z0-9-]*$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(100))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('priority_areas')
    .addColumn('key', 'text', (c) => c.primaryKey().check(sql`key ~ '^[a-z0-9][a-z0-9-]*$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('aliases', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(100))
    .addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('party_key', 'text', (c) => c.notNull().references('parties.key').onUpdate('cascade'))
    .addColumn('added_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('members_pkey', ['user_id', 'party_key'])
    .execute();
  await db.schema.createIndex('members_party_idx').on('members').column('party_key').execute();

  await db.schema
    .createTable('admins')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('added_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.insertInto('parties').values(PARTIES).execute();
  await db
    .insertInto('priority_areas')
    .values(AREAS.map((area, index) => ({ ...area, sort_order: (index + 1) * 10 })))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('admins').execute();
  await db.schema.dropTable('members').execute();
  await db.schema.dropTable('priority_areas').execute();
  await db.schema.dropTable('parties').execute();
}
