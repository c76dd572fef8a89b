import { Knex } from 'knex';

/** Timestamps come back as Date (PostgreSQL), number (SQLite) or string. */
export function toIso(value: Date | string | number): string {
  return new Date(value).toISOString();
}

export function toIsoOrUndefined(
  value: Date | string | number | null | undefined,
): string | undefined {
  return value === null || value === undefined ? undefined : toIso(value);
}

/** PostgreSQL returns bigint columns as strings. */
export function toNumberOrUndefined(
  value: string | number | null | undefined,
): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

export function toBooleanOrUndefined(
  value: boolean | number | null | undefined,
): boolean | undefined {
  return value === null || value === undefined ? undefined : Boolean(value);
}

export function isPostgres(db: Knex): boolean {
  return db.client.config.client === 'pg';
}
