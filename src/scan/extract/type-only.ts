// Syntax kinds whose whole subtree is types (annotations, type arguments, interfaces): no value is
// declared or computed there, so the walks over every node (file-index.ts, builders/declarations.ts)
// do not go in. Why: a quarter of the nodes of the 500k-line bench are in types. Not a class's
// `extends f(Base)` (an ExpressionWithTypeArguments holds a call that runs), nor a type alias
// (declarations.ts records its name).
import { ts } from '../typescript.js';

export const TYPE_ONLY: readonly boolean[] = Array.from(
  { length: ts.SyntaxKind.Count },
  (_, kind) => (ts.isTypeNode({ kind } as ts.Node) && kind !== ts.SyntaxKind.ExpressionWithTypeArguments) || kind === ts.SyntaxKind.InterfaceDeclaration,
);
