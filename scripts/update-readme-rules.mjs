// Regenerate the README's rule table from the rule registries: npm run build && node scripts/update-readme-rules.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { allRules } from '../dist/all-rules.js';
import { withRuleTable } from '../dist/findings/rule-table.js';

const readme = readFileSync('README.md', 'utf8');
writeFileSync('README.md', withRuleTable(readme, allRules));
