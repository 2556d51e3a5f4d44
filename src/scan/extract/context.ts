// Builds the ExtractContext an extractor sees for one file.
import { ts } from '../typescript.js';
import type { Location, ParamFact } from '../facts.js';
import { constantText, sqlText, type IndexedFile, type ModuleLoader } from './constants.js';
import type { ExtractContext, ImportBinding } from './types.js';
import { lineAndCharacter } from './line-map.js';
import { valueKind } from './value-kind.js';
import { wrapperCalled } from './query-wrappers.js';

const MAX_PARAM_TEXT = 80;

export function rootIdentifier(expression: ts.Expression): ts.Identifier | null {
  let current: ts.Expression = expression;
  for (;;) {
    if (ts.isIdentifier(current)) return current;
    if (ts.isPropertyAccessExpression(current) || ts.isElementAccessExpression(current)) current = current.expression;
    else if (ts.isCallExpression(current) || ts.isNonNullExpression(current) || ts.isParenthesizedExpression(current)) {
      current = current.expression;
    } else if (ts.isTaggedTemplateExpression(current)) current = current.tag;
    else return null;
  }
}

export function createContext(
  file: IndexedFile,
  relativePath: string,
  dependencies: ReadonlySet<string>,
  load: ModuleLoader,
): ExtractContext {
  const sourceFile = file.index.sourceFile;
  return {
    file: relativePath,
    sourceFile,
    calls: file.index.calls,
    taggedTemplates: file.index.taggedTemplates,
    imports: file.index.imports,
    dependencies,
    location(node: ts.Node): Location {
      const { line, character } = lineAndCharacter(sourceFile, node.getStart(sourceFile));
      return { file: relativePath, line: line + 1, column: character + 1 };
    },
    constantText: (expression) => constantText({ expression, file }, load),
    sqlText: (expression) => sqlText({ expression, file }, load),
    paramFact(expression, index): ParamFact {
      const kind = valueKind(expression, sourceFile);
      const start = expression.getStart(sourceFile);
      const raw = sourceFile.text.slice(start, expression.end).replace(/\s+/g, ' ');
      return {
        index,
        kind,
        text: raw.length > MAX_PARAM_TEXT ? `${raw.slice(0, MAX_PARAM_TEXT - 1)}…` : raw,
        typeSite: kind === 'unknown' ? { start, end: expression.end } : null,
      };
    },
    resolveLocal(expression) {
      let current = expression;
      for (let depth = 0; depth < 8 && ts.isIdentifier(current); depth++) {
        const init = file.index.constants.get(current.text);
        if (!init) return null;
        current = init;
      }
      return current === expression ? null : current;
    },
    importOf(expression): ImportBinding | null {
      const root = rootIdentifier(expression);
      return root ? (file.index.imports.get(root.text) ?? null) : null;
    },
    queryWrapper: (call, shape) => wrapperCalled(call, file, load, shape),
  };
}
