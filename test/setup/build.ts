// CLI tests run the built command (dist/cli/main.js) as a user would: build it once before the suite.
// Type errors do not stop this build (tsc still emits); `npm test` type-checks first and fails on them.
import { spawnSync } from 'node:child_process';

export default function setup(): void {
  spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], { stdio: 'ignore' });
}
