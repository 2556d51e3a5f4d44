// Shared wording and SQL for user-defined types (enum, domain, composite, range).
import type { ObjectRef } from '../findings/finding.js';
import type { UserType } from '../snapshot/types.js';
import { quoteIdent } from '../snapshot/identifiers.js';
import { schemaObject, sqlName } from './objects.js';

export function typeObject(type: UserType): ObjectRef {
  return schemaObject(type.kind === 'domain' ? 'domain' : 'type', type.schema, type.name);
}

export function typeLabel(type: UserType): string {
  return type.kind === 'composite' ? 'composite type' : type.kind === 'range' ? 'range type' : type.kind;
}

export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function createTypeSql(type: UserType): string {
  const name = sqlName(type);
  switch (type.kind) {
    case 'enum':
      return `CREATE TYPE ${name} AS ENUM (${type.values.map(literal).join(', ')});`;
    case 'domain':
      return [
        `CREATE DOMAIN ${name} AS ${type.baseType}`,
        type.collation ? ` COLLATE ${type.collation}` : '',
        type.default !== null ? ` DEFAULT ${type.default}` : '',
        type.notNull ? ' NOT NULL' : '',
        ...type.constraints.map((c) => ` CONSTRAINT ${quoteIdent(c.name)} CHECK (${c.expression})`),
        ';',
      ].join('');
    case 'composite':
      return `CREATE TYPE ${name} AS (${type.attributes.map((a) => `${quoteIdent(a.name)} ${a.type}`).join(', ')});`;
    case 'range':
      return `CREATE TYPE ${name} AS RANGE (SUBTYPE = ${type.subtype});`;
  }
}
