// Metadata of the finding --verify reports when PostgreSQL rejects a statement for a reason no
// static rule covers (verify.ts creates those findings; there is nothing to check statically).
import type { RuleMeta } from '../../findings/rule.js';

export const verifyRejected: RuleMeta = {
  id: 'verify-rejected',
  category: 'code',
  severity: 'error',
  docs: {
    summary: 'With --verify: the target PostgreSQL refuses to plan a statement found in the code.',
    why:
      'PostgreSQL parsed, analysed and planned the statement inside a read-only transaction that was rolled back, and rejected it; the message and SQLSTATE are its own. Rejections a static rule explains carry that rule\'s id instead.',
  },
};
