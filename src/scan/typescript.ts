// The TypeScript compiler that ts-morph bundles, loaded with require() and without ts-morph itself.
// The scanner parses with the compiler API only; ts-morph (Project) is needed just for the type
// program. An ESM `import { ts } from 'ts-morph'` costs 0.32 s of CPU per thread (ts-morph.js,
// ts-morph-common.js and cjs-module-lexer over them) against 0.14 s for this require, and every
// scan worker paid it. It is the same module instance ts-morph uses (require cache, same path),
// compiled with a V8 code cache (code-cache.ts).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ts as TypeScript } from 'ts-morph';
import { requireWithCodeCache } from './code-cache.js';

const require = createRequire(import.meta.url);
const common = createRequire(require.resolve('ts-morph')).resolve('@ts-morph/common');

const loaded = requireWithCodeCache(join(dirname(common), 'typescript.js'));

export const ts = loaded.exports as typeof TypeScript;

/** Keeps the compiler's code cache (code-cache.ts) once a scan has used it; a no-op when it was used. */
export const keepTypeScriptCodeCache: () => void = loaded.keep;

/**
 * How the scanner parses a file: the latest syntax, and JSDoc comments left unparsed. Why: no
 * extractor reads JSDoc (the type program, which does for JavaScript, parses on its own), and parsing
 * every doc comment into nodes costs real code bases time (tsc itself skips most of them in .ts files).
 */
export const SCAN_PARSE_OPTIONS: TypeScript.CreateSourceFileOptions = {
  languageVersion: ts.ScriptTarget.Latest,
  jsDocParsingMode: ts.JSDocParsingMode.ParseNone,
};

// The compiler's types under the same name, so `ts.Node` and `ts.isCallExpression` read as with
// ts-morph's export (a type-only namespace merges with the value). Add a type here when tsc asks.
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace ts {
  export type BinaryExpression = TypeScript.BinaryExpression;
  export type BindingName = TypeScript.BindingName;
  export type CallExpression = TypeScript.CallExpression;
  export type ClassDeclaration = TypeScript.ClassDeclaration;
  export type ClassExpression = TypeScript.ClassExpression;
  export type ConditionalExpression = TypeScript.ConditionalExpression;
  export type ClassLikeDeclaration = TypeScript.ClassLikeDeclaration;
  export type CompilerOptions = TypeScript.CompilerOptions;
  export type EntityName = TypeScript.EntityName;
  export type Expression = TypeScript.Expression;
  export type FunctionDeclaration = TypeScript.FunctionDeclaration;
  export type FunctionLikeDeclaration = TypeScript.FunctionLikeDeclaration;
  export type IScriptSnapshot = TypeScript.IScriptSnapshot;
  export type Identifier = TypeScript.Identifier;
  export type ImportDeclaration = TypeScript.ImportDeclaration;
  export type InterfaceDeclaration = TypeScript.InterfaceDeclaration;
  export type MethodDeclaration = TypeScript.MethodDeclaration;
  export type ModuleKind = TypeScript.ModuleKind;
  export type ModuleResolutionCache = TypeScript.ModuleResolutionCache;
  export type ModuleResolutionKind = TypeScript.ModuleResolutionKind;
  export type NewExpression = TypeScript.NewExpression;
  export type Node = TypeScript.Node;
  export type NodeArray<T extends TypeScript.Node> = TypeScript.NodeArray<T>;
  export type NodeFlags = TypeScript.NodeFlags;
  export type ObjectLiteralElementLike = TypeScript.ObjectLiteralElementLike;
  export type ObjectLiteralExpression = TypeScript.ObjectLiteralExpression;
  export type ParenthesizedExpression = TypeScript.ParenthesizedExpression;
  export type ParameterDeclaration = TypeScript.ParameterDeclaration;
  export type PropertyAccessExpression = TypeScript.PropertyAccessExpression;
  export type PropertyAssignment = TypeScript.PropertyAssignment;
  export type PropertyName = TypeScript.PropertyName;
  export type ResolvedModuleFull = TypeScript.ResolvedModuleFull;
  export type ResolvedTypeReferenceDirective = TypeScript.ResolvedTypeReferenceDirective;
  export type ScriptKind = TypeScript.ScriptKind;
  export type ScriptTarget = TypeScript.ScriptTarget;
  export type SignatureDeclaration = TypeScript.SignatureDeclaration;
  export type SourceFile = TypeScript.SourceFile;
  export type Statement = TypeScript.Statement;
  export type SyntaxKind = TypeScript.SyntaxKind;
  export type TaggedTemplateExpression = TypeScript.TaggedTemplateExpression;
  export type TemplateLiteral = TypeScript.TemplateLiteral;
  export type Type = TypeScript.Type;
  export type TypeAliasDeclaration = TypeScript.TypeAliasDeclaration;
  export type TypeChecker = TypeScript.TypeChecker;
  export type TypeElement = TypeScript.TypeElement;
  export type TypeFlags = TypeScript.TypeFlags;
  export type TypeNode = TypeScript.TypeNode;
  export type TypeParameterDeclaration = TypeScript.TypeParameterDeclaration;
  export type TypeReferenceNode = TypeScript.TypeReferenceNode;
  export type VariableDeclaration = TypeScript.VariableDeclaration;
  export type VariableDeclarationList = TypeScript.VariableDeclarationList;
}
