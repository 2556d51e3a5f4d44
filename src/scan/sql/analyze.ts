// A parsed SQL statement → QueryFacts: the relations it names, the columns it reads and writes, its
// ON CONFLICT clause and which `$n` lands in which column. Pure; knows nothing about the schema.
import type {
  ColumnBinding,
  ColumnUse,
  Command,
  OperatorUse,
  QueryFacts,
  RelationName,
  TableRef,
} from '../facts.js';
import { isObject, list, names, nodeOf, paramNumber, rangeVarName, str, unwrap } from './ast.js';
import type { AstNode } from './parse.js';
import { isCte, newScope, resolveColumn, type Scope } from './scope.js';
import { conflictFacts } from './conflict.js';
import { functionColumns } from './function-columns.js';

interface Accumulator {
  readonly sql: string;
  readonly tables: TableRef[];
  readonly columns: ColumnUse[];
  readonly bindings: ColumnBinding[];
  readonly operators: OperatorUse[];
  readonly creates: RelationName[];
  readonly changes: RelationName[];
  /** data-modifying statements nested in WITH: analyzed as facts of their own */
  readonly nested: QueryFacts[];
}

/** Operators whose other operand takes the column's type, so a bound value is written as that type. */
const SAME_TYPE_OPERATORS = new Set(['=', '<>', '!=', '@>', '<@']);

/**
 * Facts of one statement, then those of data-modifying statements nested in its WITH clause.
 * `sql` is the whole string the statement came from (node locations are offsets into it).
 */
export function analyzeStatement(node: AstNode, sql: string): QueryFacts[] {
  const acc: Accumulator = { sql, tables: [], columns: [], bindings: [], operators: [], creates: [], changes: [], nested: [] };
  const facts = analyzeInto(node, null, acc);
  return [facts, ...acc.nested];
}

function emptyFacts(command: Command, acc: Accumulator): QueryFacts {
  return {
    command,
    target: null,
    tables: acc.tables,
    columns: acc.columns,
    insertColumns: null,
    insertValueCount: null,
    onConflict: null,
    bindings: acc.bindings,
    operators: acc.operators,
    createsTables: acc.creates,
    changesTables: acc.changes,
    functions: [],
  };
}

function analyzeInto(node: AstNode, parent: Scope | null, acc: Accumulator): QueryFacts {
  const [type, fields] = unwrap(node) ?? ['', {}];
  switch (type) {
    case 'SelectStmt':
      walkSelect(fields, parent, acc);
      return emptyFacts('select', acc);
    case 'InsertStmt':
      return walkInsert(fields, parent, acc);
    case 'UpdateStmt':
      return walkUpdate(fields, parent, acc);
    case 'DeleteStmt':
      return walkDelete(fields, parent, acc);
    case 'MergeStmt':
      return walkMerge(fields, parent, acc);
    case 'CreateStmt': {
      const relation = nodeOf({ RangeVar: fields['relation'] }, 'RangeVar');
      if (relation) acc.creates.push(plain(rangeVarName(relation)));
      // a permanent table is a schema change too: the code is a migration (temporary tables are not)
      if (relation && relation['relpersistence'] !== 't') acc.changes.push(plain(rangeVarName(relation)));
      return emptyFacts('other', acc);
    }
    case 'CreateTableAsStmt': {
      const into = isObject(fields['into']) ? fields['into'] : null;
      if (into && isObject(into['rel'])) acc.creates.push(plain(rangeVarName(into['rel'])));
      return emptyFacts('other', acc);
    }
    case 'AlterTableStmt':
    case 'IndexStmt': {
      const relation = nodeOf({ RangeVar: fields['relation'] }, 'RangeVar');
      if (relation) acc.changes.push(plain(rangeVarName(relation)));
      return emptyFacts('other', acc);
    }
    case 'RenameStmt': {
      const relation = nodeOf({ RangeVar: fields['relation'] }, 'RangeVar');
      if (!relation) return emptyFacts('other', acc);
      const old = plain(rangeVarName(relation));
      acc.changes.push(old);
      const renamed = fields['renameType'] === 'OBJECT_TABLE' || fields['renameType'] === 'OBJECT_VIEW' ? str(fields['newname']) : null;
      if (renamed) acc.changes.push({ schema: old.schema, name: renamed });
      return emptyFacts('other', acc);
    }
    case 'DropStmt': {
      if (['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATERIALIZED_VIEW'].includes(String(fields['removeType']))) {
        for (const object of list(fields['objects'])) {
          const parts = list(nodeOf(object, 'List')?.['items']).map((item) => str(nodeOf(item, 'String')?.['sval']));
          const name = parts[parts.length - 1];
          if (name) acc.changes.push({ schema: parts.length > 1 ? (parts[parts.length - 2] ?? null) : null, name });
        }
      }
      return emptyFacts('other', acc);
    }
    case 'ExplainStmt':
      return isObject(fields['query']) ? analyzeInto(fields['query'], parent, acc) : emptyFacts('other', acc);
    default:
      return emptyFacts('other', acc);
  }
}

function plain(ref: RelationName): RelationName {
  return { schema: ref.schema, name: ref.name };
}

/** A nested query in an expression or FROM: a SELECT, or a data-modifying statement in WITH. */
function walkQuery(node: unknown, parent: Scope | null, acc: Accumulator): void {
  const inner = unwrap(node);
  if (!inner) return;
  if (inner[0] === 'SelectStmt') {
    walkSelect(inner[1], parent, acc);
    return;
  }
  // INSERT/UPDATE/DELETE/MERGE inside WITH: facts of their own, sharing nothing but the tables list
  const nested: Accumulator = { ...acc, tables: [], columns: [], bindings: [], operators: [], nested: acc.nested };
  const facts = analyzeInto(node as AstNode, parent, nested);
  if (facts.command !== 'other') acc.nested.push(facts);
}

function addCtes(withClause: unknown, scope: Scope, acc: Accumulator): void {
  if (!isObject(withClause)) return;
  const ctes = list(withClause['ctes']).map((c) => nodeOf(c, 'CommonTableExpr')).filter(isObject);
  for (const cte of ctes) scope.ctes.add(str(cte['ctename']) ?? '');
  for (const cte of ctes) walkQuery(cte['ctequery'], scope, acc);
}

function addFromItem(item: unknown, scope: Scope, acc: Accumulator): void {
  const node = unwrap(item);
  if (!node) return;
  const [type, fields] = node;
  switch (type) {
    case 'RangeVar': {
      const ref = rangeVarName(fields);
      if (ref.schema === null && isCte(scope, ref.name)) {
        scope.items.push({ kind: 'opaque', name: ref.alias ?? ref.name });
      } else {
        acc.tables.push(ref);
        scope.items.push({ kind: 'relation', ref });
      }
      return;
    }
    case 'JoinExpr': {
      addFromItem(fields['larg'], scope, acc);
      addFromItem(fields['rarg'], scope, acc);
      for (const name of names(fields['usingClause'])) {
        const use = name === null ? null : resolveColumn([name], scope, 'read');
        if (use) acc.columns.push(use);
      }
      walkExpr(fields['quals'], scope, acc);
      const alias = isObject(fields['alias']) ? str(fields['alias']['aliasname']) : null;
      if (alias) scope.items.push({ kind: 'opaque', name: alias });
      return;
    }
    case 'RangeSubselect': {
      walkQuery(fields['subquery'], fields['lateral'] === true ? scope : scope.parent, acc);
      scope.items.push({ kind: 'opaque', name: isObject(fields['alias']) ? str(fields['alias']['aliasname']) : null });
      return;
    }
    case 'RangeFunction': {
      walkExpr(fields['functions'], scope, acc);
      const alias = isObject(fields['alias']) ? str(fields['alias']['aliasname']) : null;
      const columns = functionColumns(fields);
      scope.items.push({ kind: 'opaque', name: alias ?? functionName(fields['functions']), ...(columns ? { columns } : {}) });
      return;
    }
    case 'RangeTableSample':
      addFromItem(fields['relation'], scope, acc);
      return;
    default:
      walkExpr(fields, scope, acc);
      scope.items.push({ kind: 'opaque', name: isObject(fields['alias']) ? str(fields['alias']['aliasname']) : null });
  }
}

function functionName(functions: unknown): string | null {
  // functions: [ List { items: [ FuncCall, … ] } ]
  const first = nodeOf(list(functions)[0], 'List');
  const call = nodeOf(list(first?.['items'])[0], 'FuncCall');
  const parts = names(call?.['funcname']);
  return parts[parts.length - 1] ?? null;
}

function walkSelect(select: AstNode, parent: Scope | null, acc: Accumulator): void {
  const scope = newScope(parent);
  addCtes(select['withClause'], scope, acc);
  if (select['op'] !== undefined && select['op'] !== 'SETOP_NONE') {
    walkSelect(nodeOf({ SelectStmt: select['larg'] }, 'SelectStmt') ?? {}, scope, acc);
    walkSelect(nodeOf({ SelectStmt: select['rarg'] }, 'SelectStmt') ?? {}, scope, acc);
    const outputs = newScope(scope);
    outputs.items.push({ kind: 'opaque', name: null });
    walkExpr(select['sortClause'], outputs, acc);
    return;
  }
  for (const item of list(select['fromClause'])) addFromItem(item, scope, acc);
  walkExpr(select['valuesLists'], scope, acc);
  const outputNames = new Set<string>();
  for (const target of list(select['targetList'])) {
    const res = nodeOf(target, 'ResTarget');
    if (!res) continue;
    walkExpr(res['val'], scope, acc);
    const name = str(res['name']) ?? lastName(res['val']);
    if (name) outputNames.add(name);
  }
  walkExpr(select['whereClause'], scope, acc);
  walkExpr(select['havingClause'], scope, acc);
  walkExpr(select['limitCount'], scope, acc);
  walkExpr(select['limitOffset'], scope, acc);
  const outputs = newScope(scope);
  for (const name of outputNames) outputs.outputNames.add(name);
  walkExpr(select['groupClause'], outputs, acc);
  walkExpr(select['sortClause'], outputs, acc);
  walkExpr(select['distinctClause'], outputs, acc);
  walkExpr(select['windowClause'], outputs, acc);
  const into = isObject(select['intoClause']) ? select['intoClause'] : null;
  if (into && isObject(into['rel'])) acc.creates.push(plain(rangeVarName(into['rel'])));
}

function lastName(value: unknown): string | null {
  const ref = nodeOf(value, 'ColumnRef');
  if (!ref) return null;
  const parts = names(ref['fields']);
  return parts[parts.length - 1] ?? null;
}

function walkExpr(value: unknown, scope: Scope, acc: Accumulator): void {
  if (Array.isArray(value)) {
    for (const item of value) walkExpr(item, scope, acc);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (!isObject(inner) && !Array.isArray(inner)) continue;
    switch (key) {
      case 'ColumnRef': {
        const use = resolveColumn(names((inner as AstNode)['fields']), scope, 'read');
        if (use) acc.columns.push(use);
        break;
      }
      case 'SubLink':
        walkExpr((inner as AstNode)['testexpr'], scope, acc);
        walkQuery((inner as AstNode)['subselect'], scope, acc);
        break;
      case 'SelectStmt':
        walkSelect(inner as AstNode, scope, acc);
        break;
      case 'A_Expr':
        noteOperator(inner as AstNode, scope, acc);
        walkExpr(inner, scope, acc);
        break;
      case 'FuncCall':
        noteJsonFunction(inner as AstNode, scope, acc);
        walkExpr(inner, scope, acc);
        break;
      case 'CoalesceExpr':
        noteCoalesce(inner as AstNode, scope, acc);
        walkExpr(inner, scope, acc);
        break;
      default:
        walkExpr(inner, scope, acc);
    }
  }
}

/**
 * json/jsonb functions whose first argument must be json (json_…) or jsonb (jsonb_…): there is no
 * implicit cast from text, nor from json to jsonb, so a column of the other type fails with 42883
 * "function jsonb_set(json, …) does not exist". Recorded as an operator use named `jsonb_set()`.
 */
const JSON_FIRST_ARGUMENT = /^jsonb?_(set|set_lax|insert|array_elements|array_elements_text|array_length|each|each_text|object_keys|typeof|strip_nulls|pretty|extract_path|extract_path_text|path_query|path_query_array|path_query_first|path_exists|path_match|to_record|to_recordset)$/;

function noteJsonFunction(call: AstNode, scope: Scope, acc: Accumulator): void {
  const parts = names(call['funcname']);
  const name = parts[parts.length - 1];
  if (!name || !JSON_FIRST_ARGUMENT.test(name)) return;
  const first = list(call['args'])[0];
  // `jsonb_set(COALESCE(col, '{}'), …)`: the column's type is the argument's, unless another operand is
  // cast to json/jsonb (then COALESCE itself fails first: noteCoalesce)
  const coalesced = nodeOf(first, 'CoalesceExpr');
  const operands = coalesced ? list(coalesced['args']) : [first];
  if (coalesced && operands.some((operand) => jsonCastOf(operand) !== null)) return;
  for (const operand of operands) noteColumnOperator(operand, `${name}()`, scope, acc);
}

/** `operator` applied to `operand`, when the operand is a column. */
function noteColumnOperator(operand: unknown, operator: string, scope: Scope, acc: Accumulator): void {
  const ref = nodeOf(operand, 'ColumnRef');
  const use = ref ? resolveColumn(names(ref['fields']), scope, 'read') : null;
  if (use) acc.operators.push({ relations: use.relations, column: use.column, operator });
}

/**
 * `COALESCE(col, '{}'::jsonb)` (trigger.dev: inside jsonb_set): json, jsonb and text are not converted
 * to one another implicitly, so a column of another type than the cast fails with 42846 or 42804.
 * Recorded as `coalesce jsonb` (or `coalesce json`) on each column operand.
 */
function noteCoalesce(expr: AstNode, scope: Scope, acc: Accumulator): void {
  const operands = list(expr['args']);
  const cast = operands.map(jsonCastOf).find((type) => type !== null);
  if (!cast) return;
  for (const operand of operands) noteColumnOperator(operand, `coalesce ${cast}`, scope, acc);
}

const EQUALITY = new Set(['=', '<>', '!=']);

/** `x::jsonb` / `CAST(x AS json)` → `jsonb` / `json`; anything else null. */
function jsonCastOf(value: unknown): 'json' | 'jsonb' | null {
  const cast = nodeOf(value, 'TypeCast');
  const type = cast && isObject(cast['typeName']) ? names(cast['typeName']['names']) : [];
  const name = type[type.length - 1];
  return name === 'json' || name === 'jsonb' ? name : null;
}

/** Records jsonb-style operators on columns, and `col = $n` comparisons as bindings. */
function noteOperator(expr: AstNode, scope: Scope, acc: Accumulator): void {
  if (expr['kind'] !== 'AEXPR_OP') return;
  const operator = names(expr['name'])[0];
  if (!operator) return;
  const sides: [unknown, unknown][] = [
    [expr['lexpr'], expr['rexpr']],
    [expr['rexpr'], expr['lexpr']],
  ];
  for (const [columnSide, valueSide] of sides) {
    const ref = nodeOf(columnSide, 'ColumnRef');
    if (!ref) continue;
    const use = resolveColumn(names(ref['fields']), scope, 'read');
    if (!use) continue;
    if (columnSide === expr['lexpr'] && operator !== '||') acc.operators.push({ relations: use.relations, column: use.column, operator });
    // `col || $1::jsonb` is jsonb concatenation; with any other operand `||` may be text's, and PostgreSQL
    // plans `$1::jsonb || json_col` (text concatenation), so only the column on the left counts
    if (operator === '||' && columnSide === expr['lexpr'] && jsonCastOf(valueSide) === 'jsonb') acc.operators.push({ relations: use.relations, column: use.column, operator });
    // `col = '…'::jsonb` (either side): recorded with the type, as `= jsonb`, for a text column has no such operator
    const cast = jsonCastOf(valueSide);
    if (cast !== null && EQUALITY.has(operator)) acc.operators.push({ relations: use.relations, column: use.column, operator: `${operator} ${cast}` });
    const param = paramNumber(valueSide);
    if (param !== null && SAME_TYPE_OPERATORS.has(operator) && use.relations.length === 1 && !use.openScope) {
      acc.bindings.push({ relation: use.relations[0]!, column: use.column, param, valueKind: 'unknown', literal: null });
    }
  }
}

function bindValue(relation: RelationName, column: string, value: unknown, acc: Accumulator): void {
  const param = paramNumber(value);
  const constant = nodeOf(value, 'A_Const');
  const literal = constant && isObject(constant['sval']) ? str(constant['sval']['sval']) : null;
  if (param === null && literal === null) return;
  acc.bindings.push({ relation: plain(relation), column, param, valueKind: param === null ? 'scalar' : 'unknown', literal });
}

function writeColumn(target: TableRef, column: string, acc: Accumulator): void {
  acc.columns.push({ column, relations: [plain(target)], openScope: false, access: 'write' });
}

function walkReturning(returning: unknown, scope: Scope, acc: Accumulator): void {
  if (isObject(returning)) walkExpr(returning['exprs'], scope, acc);
}

/** SET a = $1, (b, c) = ($2, $3): writes and bindings. */
function walkAssignments(targetList: unknown, target: TableRef, scope: Scope, acc: Accumulator): void {
  for (const item of list(targetList)) {
    const res = nodeOf(item, 'ResTarget');
    const column = str(res?.['name']);
    if (!res || !column) continue;
    writeColumn(target, column, acc);
    const multi = nodeOf(res['val'], 'MultiAssignRef');
    if (multi) {
      const row = nodeOf(multi['source'], 'RowExpr');
      const position = typeof multi['colno'] === 'number' ? multi['colno'] - 1 : -1;
      if (row) bindValue(target, column, list(row['args'])[position], acc);
      if (position <= 0) walkExpr(multi['source'], scope, acc);
    } else {
      bindValue(target, column, res['val'], acc);
      walkExpr(res['val'], scope, acc);
    }
  }
}

function walkInsert(insert: AstNode, parent: Scope | null, acc: Accumulator): QueryFacts {
  const base = newScope(parent);
  addCtes(insert['withClause'], base, acc);
  const target = rangeVarName(isObject(insert['relation']) ? insert['relation'] : {});
  acc.tables.push(target);
  const columns = list(insert['cols'])
    .map((c) => str(nodeOf(c, 'ResTarget')?.['name']))
    .filter((c): c is string => c !== null);
  for (const column of columns) writeColumn(target, column, acc);

  const select = nodeOf(insert['selectStmt'], 'SelectStmt');
  let valueCount: number | null = null;
  if (select && list(select['valuesLists']).length > 0 && list(select['fromClause']).length === 0) {
    for (const row of list(select['valuesLists'])) {
      const values = list(nodeOf(row, 'List')?.['items']);
      valueCount ??= values.length;
      values.forEach((value, i) => {
        if (columns[i] !== undefined) bindValue(target, columns[i], value, acc);
      });
      walkExpr(values, base, acc);
    }
  } else if (select) {
    walkSelect(select, base, acc);
    const targets = list(select['targetList']);
    const star = JSON.stringify(targets).includes('"A_Star"');
    if (targets.length > 0 && !star && (select['op'] === undefined || select['op'] === 'SETOP_NONE')) {
      valueCount = targets.length;
    }
  }
  const withTarget = newScope(parent, [{ kind: 'relation', ref: target }]);
  const onConflict = conflictFacts(insert['onConflictClause'], acc.sql);
  const clause = isObject(insert['onConflictClause']) ? insert['onConflictClause'] : null;
  if (clause) {
    const infer = isObject(clause['infer']) ? clause['infer'] : null;
    for (const element of list(infer?.['indexElems'])) {
      const elem = nodeOf(element, 'IndexElem');
      const name = str(elem?.['name']);
      if (name) acc.columns.push({ column: name, relations: [plain(target)], openScope: false, access: 'read' });
      else walkExpr(elem?.['expr'], withTarget, acc);
    }
    walkExpr(infer?.['whereClause'], withTarget, acc);
    const excluded = { ...plain(target), alias: 'excluded' };
    const updateScope = newScope(parent, [
      { kind: 'relation', ref: target },
      { kind: 'relation', ref: excluded },
    ]);
    walkAssignments(clause['targetList'], target, updateScope, acc);
    walkExpr(clause['whereClause'], updateScope, acc);
  }
  walkReturning(insert['returningClause'], withTarget, acc);
  return {
    ...emptyFacts('insert', acc),
    target,
    insertColumns: select || columns.length > 0 ? (columns.length > 0 ? columns : null) : [],
    insertValueCount: columns.length > 0 ? null : valueCount,
    onConflict,
  };
}

function walkUpdate(update: AstNode, parent: Scope | null, acc: Accumulator): QueryFacts {
  const scope = newScope(parent);
  addCtes(update['withClause'], scope, acc);
  const target = rangeVarName(isObject(update['relation']) ? update['relation'] : {});
  acc.tables.push(target);
  scope.items.push({ kind: 'relation', ref: target });
  for (const item of list(update['fromClause'])) addFromItem(item, scope, acc);
  walkAssignments(update['targetList'], target, scope, acc);
  walkExpr(update['whereClause'], scope, acc);
  walkReturning(update['returningClause'], scope, acc);
  return { ...emptyFacts('update', acc), target };
}

function walkDelete(del: AstNode, parent: Scope | null, acc: Accumulator): QueryFacts {
  const scope = newScope(parent);
  addCtes(del['withClause'], scope, acc);
  const target = rangeVarName(isObject(del['relation']) ? del['relation'] : {});
  acc.tables.push(target);
  scope.items.push({ kind: 'relation', ref: target });
  for (const item of list(del['usingClause'])) addFromItem(item, scope, acc);
  walkExpr(del['whereClause'], scope, acc);
  walkReturning(del['returningClause'], scope, acc);
  return { ...emptyFacts('delete', acc), target };
}

function walkMerge(merge: AstNode, parent: Scope | null, acc: Accumulator): QueryFacts {
  const scope = newScope(parent);
  addCtes(merge['withClause'], scope, acc);
  const target = rangeVarName(isObject(merge['relation']) ? merge['relation'] : {});
  acc.tables.push(target);
  scope.items.push({ kind: 'relation', ref: target });
  addFromItem(merge['sourceRelation'], scope, acc);
  walkExpr(merge['joinCondition'], scope, acc);
  for (const item of list(merge['mergeWhenClauses'])) {
    const when = nodeOf(item, 'MergeWhenClause');
    if (!when) continue;
    walkExpr(when['condition'], scope, acc);
    if (when['commandType'] === 'CMD_INSERT') {
      const columns = list(when['targetList']).map((c) => str(nodeOf(c, 'ResTarget')?.['name']));
      const values = list(when['values']);
      columns.forEach((column, i) => {
        if (!column) return;
        writeColumn(target, column, acc);
        bindValue(target, column, values[i], acc);
      });
      walkExpr(values, scope, acc);
    } else {
      walkAssignments(when['targetList'], target, scope, acc);
    }
  }
  walkReturning(merge['returningClause'], scope, acc);
  return { ...emptyFacts('merge', acc), target };
}
