import { defineSchemaRule } from '../rule.js';
import { extensionCompared } from '../extension-usage.js';

export default defineSchemaRule({
  id: 'extension-extra',
  severity: 'info',
  docs: {
    summary: 'An extension is installed in target but not in source.',
    why: 'Code written against source does not use it; its functions and types may shadow or add to names code resolves through search_path.',
  },
  check(diff, report) {
    for (const extension of diff.extensions.added) {
      if (!extensionCompared(diff, extension, 'target')) continue;
      report({
        object: { kind: 'extension', name: extension.name },
        message: `extension ${extension.name} is installed only in target`,
        target: `${extension.name} ${extension.version}`,
      });
    }
  },
});
