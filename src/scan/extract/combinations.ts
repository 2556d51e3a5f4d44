// Every combination of the choices a statement's SQL makes at run time (template.ts for tagged
// templates, text-choices.ts for plain text): one rendering per combination, depth-first, the first
// choice varying slowest. A choice met only under another alternative exists only in those renderings.
// Choices on the same condition go the same way within one rendering, as they do when the code runs.

/** Which alternative to take at a choice of `arity`; `condition` names what it depends on, if known. */
export type Chooser = (arity: number, condition: string | undefined) => number;

/** Each rendering, in order; null when there would be more than `max`. */
export function everyCombination<T>(render: (pick: Chooser) => T, max: number): T[] | null {
  const results: T[] = [];
  // the alternative taken at each choice met, in the order met (missing: the first)
  let path: number[] = [];
  for (;;) {
    const taken: number[] = [];
    const arities: number[] = [];
    const byCondition = new Map<string, number>();
    const pick: Chooser = (arity, condition) => {
      const same = condition === undefined ? undefined : byCondition.get(condition);
      if (same !== undefined) return same;
      const choice = path[taken.length] ?? 0;
      taken.push(choice);
      arities.push(arity);
      if (condition !== undefined) byCondition.set(condition, choice);
      return choice;
    };
    results.push(render(pick));
    let last = taken.length - 1;
    while (last >= 0 && taken[last]! + 1 >= arities[last]!) last--;
    if (last < 0) return results;
    if (results.length >= max) return null;
    path = [...taken.slice(0, last), taken[last]! + 1];
  }
}
