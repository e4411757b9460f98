/**
 * Migrating the database to the latest schema in migrations/, on start and from the CLI, with one clear error
 * when a migration fails.
 */

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Migration, type MigrationProvider, type MigrationResultSet, Migrator } from 'kysely';
import type { Db } from './database.js';

/** `migrations/` beside `src/`, both when run from source (tsx) and when compiled to `dist/`. */
export const MIGRATIONS_FOLDER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../migrations',
);

/**
 * Kysely's FileMigrationProvider, but importing from this module: the dynamic import then goes through
 * whatever loads the app (tsx, vitest, or plain Node on dist/), so `.ts` and compiled `.js` both work.
 * A migration's name is its file name without extension, the same from source and from dist/.
 */
class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(this.folder))
      .filter((file) => /\.(ts|js|mjs)$/.test(file) && !file.endsWith('.d.ts'))
      .sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.(ts|js|mjs)$/, '')] = await import(
        pathToFileURL(path.join(this.folder, file)).href
      );
    }
    return migrations;
  }
}

export class MigrationError extends Error {
  constructor(
    message: string,
    readonly migrationName: string | null,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'MigrationError';
  }
}

export interface MigrationReport {
  applied: string[];
}

/**
 * Brings the schema to the latest migration. Kysely's Migrator takes a Postgres advisory lock, so two
 * replicas starting at once apply each migration once. Throws MigrationError naming the migration that failed.
 */
export async function migrateToLatest(db: Db): Promise<MigrationReport> {
  const migrator = new Migrator({
    db,
    provider: new FolderMigrationProvider(MIGRATIONS_FOLDER),
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error !== undefined) {
    const name = failed?.migrationName ?? null;
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      name === null ? `Migreringen misslyckades: ${reason}` : `Migreringen ${name} misslyckades: ${reason}`,
      name,
      error,
    );
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
