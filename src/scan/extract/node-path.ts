// The chain of nodes from a file down to a position, for trees parsed without parent pointers
// (walking down from the root is cheaper than setting parents on every parsed file).
import { ts } from '../typescript.js';

/** The nodes from the file (first) down to the innermost one whose range holds `position`. */
export function pathTo(sourceFile: ts.SourceFile, position: number): ts.Node[] {
  const path: ts.Node[] = [sourceFile];
  let current: ts.Node = sourceFile;
  for (;;) {
    let next: ts.Node | undefined;
    ts.forEachChild(current, (child) => {
      if (child.pos <= position && position < child.end) {
        next = child;
        return true;
      }
      return undefined;
    });
    if (!next) return path;
    path.push(next);
    current = next;
  }
}
