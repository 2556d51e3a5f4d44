// What kind of JS value an expression is, from the types the file itself declares: a parameter or
// variable annotated `meta: Record<string, unknown>`, a cast `x as Tag[]`, a property of an
// interface declared in the same file (`input.meta` with `input: NewClient`). The type checker
// (../type-kinds.ts) costs a program over the files and their imports; this answers the common
// cases from the one parsed file. Why it can answer at all: the verdicts a kind changes are "array
// or not" (jsonb-array-parameter) and "JSON text or not" (jsonb-double-encoded: only a const whose
// initializer is a JSON.stringify call), and it answers only where the checker cannot disagree:
// - 'array' only for a declared array or tuple type that is not part of a union: control-flow
//   narrowing only ever removes union members, so a union `string[] | null` may be narrowed to
//   `null` at the use (the checker then says no array): left to the checker.
// - an object type only when no array is assignable to it (a required member arrays lack): the
//   checker narrows `{}` or `{ length?: number }` to `any[]` under `Array.isArray(x)`, but
//   `Record<string, unknown>` or `{ id: string }` only to an intersection, which is no array.
// - never through `any`/`unknown`, type parameters, imported or merged types, classes, enums,
//   `var` (hoisted), untyped parameters or `let` without a type: the checker is asked.
// Anything not understood gives null, never a guess.
import { ts } from '../typescript.js';
import type { ValueKind } from '../facts.js';
import { treeCache } from './builders/tree-cache.js';
import { pathTo } from './node-path.js';
import { isJsonStringify } from './value-kind.js';

type Kind = Exclude<ValueKind, 'unknown'>;
/** a union member that narrowing may remove or keep: null and undefined */
type MemberKind = Kind | 'nullish';

const MAX_DEPTH = 8;
/** members every array has: a required member named like one of them does not keep arrays out */
const ARRAY_MEMBERS = new Set(Object.getOwnPropertyNames(Array.prototype));
/** lib types resolved by name when the file declares nothing of that name */
const GLOBAL_KINDS: ReadonlyMap<string, Kind> = new Map([
  ['Array', 'array'],
  ['ReadonlyArray', 'array'],
  ['Record', 'object'],
  ['Date', 'scalar'],
  ['Map', 'object'],
  ['Set', 'object'],
  ['ReadonlyMap', 'object'],
  ['ReadonlySet', 'object'],
  ['Promise', 'object'],
  ['Uint8Array', 'scalar'],
]);

export function declaredKind(expression: ts.Expression, sourceFile: ts.SourceFile): Kind | null {
  // why: names are looked up by position, which means something only in the expression's own file
  const path = pathTo(sourceFile, expression.end - 1);
  if (!path.includes(expression)) return null;
  // a name's declaration is then looked for from the same place: the walk down is not done twice
  // (kept for this call only: a path kept longer would keep its whole tree alive)
  pathAtExpression = { position: expression.end - 1, path };
  try {
    return expressionKind(expression, sourceFile, 0);
  } finally {
    pathAtExpression = null;
  }
}

let pathAtExpression: { readonly position: number; readonly path: readonly ts.Node[] } | null = null;

function expressionKind(expression: ts.Expression, sourceFile: ts.SourceFile, depth: number): Kind | null {
  if (depth > MAX_DEPTH) return null;
  if (ts.isParenthesizedExpression(expression) || ts.isSatisfiesExpression(expression)) {
    return expressionKind(expression.expression, sourceFile, depth + 1);
  }
  if (ts.isAsExpression(expression) || ts.isTypeAssertionExpression(expression)) {
    return valueKindOf(typeKind(expression.type, sourceFile, depth + 1));
  }
  if (ts.isIdentifier(expression)) {
    const binding = findBinding(sourceFile, expression.text, expression.end - 1);
    const type = binding ? bindingType(binding, sourceFile, depth) : null;
    if (type) return valueKindOf(typeKind(type, sourceFile, depth + 1));
    return binding?.constInitializer ? literalKind(binding.constInitializer) : null;
  }
  const type = declaredType(expression, sourceFile, depth);
  return type ? valueKindOf(typeKind(type, sourceFile, depth + 1)) : null;
}

/**
 * A const's initializer written as a literal: the checker's type is that literal's. An object
 * literal only with a property arrays lack (`const o = {}` is narrowed to `any[]` by Array.isArray).
 */
function literalKind(expression: ts.Expression): Kind | null {
  if (ts.isArrayLiteralExpression(expression)) return 'array';
  if (isJsonStringify(expression)) return 'json-text';
  if (ts.isStringLiteralLike(expression) || ts.isTemplateExpression(expression) || ts.isNumericLiteral(expression)) return 'scalar';
  if (ts.isObjectLiteralExpression(expression)) {
    const blocking = expression.properties.some(
      (p) => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && !ARRAY_MEMBERS.has(p.name.text),
    );
    return blocking ? 'object' : null;
  }
  return null;
}

function valueKindOf(kind: MemberKind | null): Kind | null {
  return kind === 'nullish' ? null : kind;
}

/** The type node that declares an identifier or a property chain's value, or null. */
function declaredType(expression: ts.Expression, sourceFile: ts.SourceFile, depth: number): ts.TypeNode | null {
  if (ts.isIdentifier(expression)) {
    const binding = findBinding(sourceFile, expression.text, expression.end - 1);
    return binding ? bindingType(binding, sourceFile, depth) : null;
  }
  if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.name)) {
    if (depth > MAX_DEPTH) return null;
    const owner = declaredType(expression.expression, sourceFile, depth + 1);
    const members = owner ? objectMembers(owner, sourceFile, depth + 1) : null;
    const member = members?.find((m) => memberName(m) === expression.name.text);
    if (!member || !ts.isPropertySignature(member) || !member.type) return null;
    // `name?: T` reads as `T | undefined`
    return member.questionToken ? null : member.type;
  }
  return null;
}

/** The type a name's declaration gives it: its annotation, or a `const` initializer's own declared type. */
function bindingType(binding: Binding, sourceFile: ts.SourceFile, depth: number): ts.TypeNode | null {
  if (binding.type) return binding.optional ? null : binding.type;
  const init = binding.constInitializer;
  if (!init) return null;
  if (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init)) return declaredType(init, sourceFile, depth + 1);
  return ts.isAsExpression(init) || ts.isTypeAssertionExpression(init) ? init.type : null;
}

function typeKind(type: ts.TypeNode, sourceFile: ts.SourceFile, depth: number): MemberKind | null {
  if (depth > MAX_DEPTH) return null;
  switch (type.kind) {
    case ts.SyntaxKind.StringKeyword:
    case ts.SyntaxKind.NumberKeyword:
    case ts.SyntaxKind.BooleanKeyword:
    case ts.SyntaxKind.BigIntKeyword:
    case ts.SyntaxKind.TemplateLiteralType:
      return 'scalar';
    case ts.SyntaxKind.UndefinedKeyword:
      return 'nullish';
    case ts.SyntaxKind.ArrayType:
    case ts.SyntaxKind.TupleType:
      return 'array';
    case ts.SyntaxKind.FunctionType:
      return 'object';
  }
  if (ts.isParenthesizedTypeNode(type)) return typeKind(type.type, sourceFile, depth + 1);
  if (ts.isLiteralTypeNode(type)) {
    if (type.literal.kind === ts.SyntaxKind.NullKeyword) return 'nullish';
    return type.literal.kind === ts.SyntaxKind.PrefixUnaryExpression || ts.isLiteralExpression(type.literal) ||
      type.literal.kind === ts.SyntaxKind.TrueKeyword || type.literal.kind === ts.SyntaxKind.FalseKeyword
      ? 'scalar'
      : null;
  }
  if (ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.ReadonlyKeyword) {
    return ts.isArrayTypeNode(type.type) || ts.isTupleTypeNode(type.type) ? 'array' : null;
  }
  if (ts.isUnionTypeNode(type)) {
    const kinds = new Set<MemberKind | null>(type.types.map((member) => typeKind(member, sourceFile, depth + 1)));
    if (kinds.has(null)) return null;
    const values = [...kinds].filter((k) => k !== 'nullish');
    if (values.length !== 1) return null;
    // narrowing may leave only the null of `T[] | null`: then it is no array
    return values[0] === 'array' && kinds.has('nullish') ? null : values[0]!;
  }
  if (ts.isTypeLiteralNode(type)) return keepsArraysOut(type.members) ? 'object' : null;
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const found = typeNamed(sourceFile, type, type.typeName);
    if (found === 'global') {
      const kind = GLOBAL_KINDS.get(type.typeName.text) ?? null;
      // Array<T> / Record<K, V> with their type arguments; Date and the others without
      const args = type.typeArguments ?? [];
      if (kind === 'array') return args.length === 1 ? kind : null;
      // why string keys only: an array is assignable to Record<number, T>, so narrowing may make it one
      if (type.typeName.text === 'Record') return args.length === 2 && args[0]!.kind === ts.SyntaxKind.StringKeyword ? kind : null;
      return kind;
    }
    if (!found || type.typeArguments?.length) return null;
    if (ts.isTypeAliasDeclaration(found)) return found.typeParameters ? null : typeKind(found.type, sourceFile, depth + 1);
    if (ts.isInterfaceDeclaration(found)) {
      return !found.heritageClauses && !found.typeParameters && keepsArraysOut(found.members) ? 'object' : null;
    }
  }
  return null;
}

/** The members of an object type declared in the file (a type literal, an interface, an alias of them). */
function objectMembers(type: ts.TypeNode, sourceFile: ts.SourceFile, depth: number): readonly ts.TypeElement[] | null {
  if (depth > MAX_DEPTH) return null;
  if (ts.isParenthesizedTypeNode(type)) return objectMembers(type.type, sourceFile, depth + 1);
  if (ts.isTypeLiteralNode(type)) return type.members;
  if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName) || type.typeArguments?.length) return null;
  const found = typeNamed(sourceFile, type, type.typeName);
  if (!found || found === 'global') return null;
  if (ts.isTypeAliasDeclaration(found)) return found.typeParameters ? null : objectMembers(found.type, sourceFile, depth + 1);
  // why no `extends`: a member may come from (or be narrowed by) the base, which may be imported
  if (ts.isInterfaceDeclaration(found) && !found.heritageClauses && !found.typeParameters) return found.members;
  return null;
}

function memberName(member: ts.TypeElement): string | null {
  const name = member.name;
  return name && (ts.isIdentifier(name) || ts.isStringLiteral(name)) ? name.text : null;
}

/**
 * Whether no array is assignable to an object type with these members, so that narrowing
 * (`Array.isArray(x)`) cannot turn it into one: it has a required property or method arrays lack,
 * and only plain properties and methods (an index or call signature may make it array-like).
 */
function keepsArraysOut(members: readonly ts.TypeElement[]): boolean {
  let blocking = false;
  for (const member of members) {
    if (ts.isIndexSignatureDeclaration(member)) {
      // `{ [key: string]: T }` (a Record): arrays are not assignable to a string index signature
      const key = member.parameters[0]?.type;
      if (key?.kind !== ts.SyntaxKind.StringKeyword) return false;
      blocking = true;
      continue;
    }
    if (!ts.isPropertySignature(member) && !ts.isMethodSignature(member)) return false;
    const name = memberName(member);
    if (name === null) return false;
    if (!member.questionToken && !ARRAY_MEMBERS.has(name)) blocking = true;
  }
  return blocking;
}

interface Binding {
  readonly type: ts.TypeNode | null;
  /** an optional parameter (`x?: T`, or with a default but no type): its type gains `undefined` */
  readonly optional: boolean;
  /** a `const NAME = init` without a type */
  readonly constInitializer: ts.Expression | null;
}

/**
 * The declaration of a value name visible at `position`: the innermost scope on the path from the
 * file down to it that declares the name. null when it is not declared in the file, declared by a
 * binding pattern, by `var` anywhere (hoisting), or by anything but a parameter or a variable.
 */
function findBinding(sourceFile: ts.SourceFile, name: string, position: number): Binding | null {
  if (declaresVar(sourceFile, name)) return null;
  const path = pathAtExpression?.position === position ? pathAtExpression.path : pathTo(sourceFile, position);
  for (let i = path.length - 1; i >= 0; i--) {
    const found = bindingIn(path[i]!, name);
    if (found !== undefined) return found;
  }
  return null;
}

/** undefined: `scope` does not declare `name`; null: it does, in a way this file cannot type. */
function bindingIn(scope: ts.Node, name: string): Binding | null | undefined {
  if (ts.isSourceFile(scope) || ts.isBlock(scope) || ts.isModuleBlock(scope)) return bindingInStatements(scope.statements, name);
  if (ts.isCaseBlock(scope)) {
    for (const clause of scope.clauses) {
      const found = bindingInStatements(clause.statements, name);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (ts.isFunctionLike(scope)) {
    for (const parameter of scope.parameters) {
      if (ts.isIdentifier(parameter.name)) {
        if (parameter.name.text !== name) continue;
        const optional = Boolean(parameter.questionToken) || (!parameter.type && Boolean(parameter.initializer));
        return parameter.dotDotDotToken && !parameter.type ? null : { type: parameter.type ?? null, optional, constInitializer: null };
      }
      if (patternBinds(parameter.name, name)) return null;
    }
    if ((ts.isFunctionExpression(scope) || ts.isClassExpression(scope)) && scope.name?.text === name) return null;
    return undefined;
  }
  if (ts.isClassExpression(scope) && scope.name?.text === name) return null;
  if ((ts.isForStatement(scope) || ts.isForInStatement(scope) || ts.isForOfStatement(scope)) && scope.initializer && ts.isVariableDeclarationList(scope.initializer)) {
    for (const declaration of scope.initializer.declarations) {
      if (ts.isIdentifier(declaration.name) ? declaration.name.text === name : patternBinds(declaration.name, name)) {
        // a loop variable's type comes from the loop, not from an initializer this file can read
        return ts.isForStatement(scope) ? variableBinding(scope.initializer, declaration) : null;
      }
    }
    return undefined;
  }
  if (ts.isCatchClause(scope) && scope.variableDeclaration) {
    const declared = scope.variableDeclaration.name;
    if (ts.isIdentifier(declared) ? declared.text === name : patternBinds(declared, name)) return null;
  }
  return undefined;
}

function bindingInStatements(statements: readonly ts.Statement[], name: string): Binding | null | undefined {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) ? declaration.name.text === name : patternBinds(declaration.name, name)) {
          return ts.isIdentifier(declaration.name) ? variableBinding(statement.declarationList, declaration) : null;
        }
      }
    } else if (
      (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) &&
      statement.name?.text === name
    ) {
      return null;
    } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name) && statement.name.text === name) {
      return null;
    } else if (ts.isImportDeclaration(statement) && importBinds(statement, name)) {
      return null;
    }
  }
  return undefined;
}

function variableBinding(list: ts.VariableDeclarationList, declaration: ts.VariableDeclaration): Binding | null {
  if (declaration.type) return { type: declaration.type, optional: false, constInitializer: null };
  const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
  return isConst && declaration.initializer ? { type: null, optional: false, constInitializer: declaration.initializer } : null;
}

function patternBinds(pattern: ts.BindingName, name: string): boolean {
  if (ts.isIdentifier(pattern)) return pattern.text === name;
  return pattern.elements.some((element) => !ts.isOmittedExpression(element) && patternBinds(element.name, name));
}

function importBinds(statement: ts.ImportDeclaration, name: string): boolean {
  const clause = statement.importClause;
  if (!clause) return false;
  if (clause.name?.text === name) return true;
  const bindings = clause.namedBindings;
  if (!bindings) return false;
  if (ts.isNamespaceImport(bindings)) return bindings.name.text === name;
  return bindings.elements.some((element) => element.name.text === name);
}

const varNames = treeCache<ts.SourceFile, ReadonlySet<string>>('var-names');

/** Whether the file declares `name` with `var` anywhere (hoisted out of blocks: not worth placing). */
function declaresVar(sourceFile: ts.SourceFile, name: string): boolean {
  let names = varNames.get(sourceFile);
  if (!names) {
    const found = new Set<string>();
    const collect = (pattern: ts.BindingName): void => {
      if (ts.isIdentifier(pattern)) found.add(pattern.text);
      else for (const element of pattern.elements) if (!ts.isOmittedExpression(element)) collect(element.name);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) === 0) {
        for (const declaration of node.declarations) collect(declaration.name);
      }
      ts.forEachChild(node, visit);
    };
    // why the text test first: most modern files have no `var`, and the walk costs a parse's tenth
    if (sourceFile.text.includes('var ')) visit(sourceFile);
    names = found;
    varNames.set(sourceFile, names);
  }
  return names.has(name);
}

type TypeDeclaration = ts.InterfaceDeclaration | ts.TypeAliasDeclaration;

const typesNamed = treeCache<ts.SourceFile, Map<ts.TypeReferenceNode, TypeDeclaration | 'global' | null>>('types-named');

/**
 * findType for a type reference, once per reference: every parameter taken from one `input: NewClient`
 * reads the same reference.
 */
function typeNamed(sourceFile: ts.SourceFile, type: ts.TypeReferenceNode, name: ts.Identifier): TypeDeclaration | 'global' | null {
  let known = typesNamed.get(sourceFile);
  if (!known) {
    known = new Map();
    typesNamed.set(sourceFile, known);
  }
  let found = known.get(type);
  if (found === undefined) {
    found = findType(sourceFile, name.text, type.end - 1);
    known.set(type, found);
  }
  return found;
}

/**
 * The declaration of a type name visible at `position`: 'global' when the file declares nothing
 * of that name anywhere on the path (a lib type), null when it is a type parameter, imported,
 * declared more than once (merged), a class, an enum or a namespace.
 */
function findType(sourceFile: ts.SourceFile, name: string, position: number): TypeDeclaration | 'global' | null {
  const path = pathTo(sourceFile, position);
  for (let i = path.length - 1; i >= 0; i--) {
    const scope = path[i]!;
    const parameters = (scope as { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }).typeParameters;
    if (parameters?.some((p) => p.name.text === name)) return null;
    if (ts.isMappedTypeNode(scope) && scope.typeParameter.name.text === name) return null;
    if (ts.isInferTypeNode(scope)) return null;
    if (!ts.isSourceFile(scope) && !ts.isBlock(scope) && !ts.isModuleBlock(scope)) continue;
    const declared: ts.Statement[] = [];
    for (const statement of scope.statements) {
      if (ts.isImportDeclaration(statement) ? importBinds(statement, name) : declaresTypeName(statement, name)) declared.push(statement);
    }
    if (declared.length > 1) return null;
    const only = declared[0];
    if (only) return ts.isInterfaceDeclaration(only) || ts.isTypeAliasDeclaration(only) ? only : null;
  }
  // `declare global { … }` may redeclare a lib type in this very file
  return sourceFile.text.includes('declare global') ? null : 'global';
}

function declaresTypeName(statement: ts.Statement, name: string): boolean {
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) {
    return statement.name?.text === name;
  }
  if (ts.isModuleDeclaration(statement)) return ts.isIdentifier(statement.name) && statement.name.text === name;
  if (ts.isImportEqualsDeclaration(statement)) return statement.name.text === name;
  return false;
}
