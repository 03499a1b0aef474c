// Runs every check the project has and ends with one plain line: `N passed, N failed`.
// Lint, each type-check and the build count as one check each; every vitest test counts as one.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const reportFile = join(root, 'artifacts', 'vitest-report.json');

const steps = [
  { name: 'lint', cmd: bin('eslint'), args: ['.', '--max-warnings', '0'] },
  { name: 'type-check (node side)', cmd: bin('tsc'), args: ['-p', 'tsconfig.node.json', '--noEmit'] },
  { name: 'type-check (renderer)', cmd: bin('tsc'), args: ['-p', 'tsconfig.web.json', '--noEmit'] },
  // The end-to-end tests drive the built app, so the build comes first.
  { name: 'build', cmd: bin('electron-vite'), args: ['build'] },
];

let passed = 0;
let failed = 0;
const failures = [];

for (const step of steps) {
  console.log(`\n── ${step.name}`);
  const result = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit' });
  if (result.status === 0) passed++;
  else {
    failed++;
    failures.push(step.name);
  }
}

console.log('\n── tests (unit, integration, end-to-end)');
mkdirSync(join(root, 'artifacts'), { recursive: true });
rmSync(reportFile, { force: true });
const vitest = spawnSync(
  bin('vitest'),
  [
    'run',
    // The benchmark project runs only through `npm run bench`.
    ...['unit', 'integration', 'e2e'].flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
  ],
  { cwd: root, stdio: 'inherit' },
);
if (existsSync(reportFile)) {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (report.numFailedTests > 0) failures.push(`${report.numFailedTests} test(s)`);
  // A file that fails to load has no failed test but must still fail the run.
  const brokenSuites = report.testResults.filter(
    (r) => r.status === 'failed' && r.assertionResults.every((a) => a.status !== 'failed'),
  );
  for (const suite of brokenSuites) {
    failed++;
    failures.push(`could not run ${suite.name.replace(root + '/', '')}`);
  }
  if (report.numTotalTests === 0) {
    failed++;
    failures.push('no test ran');
  }
} else {
  failed++;
  failures.push(`vitest produced no report (exit ${vitest.status})`);
}
if (vitest.status !== 0 && !failures.some((f) => f.includes('test'))) {
  failed++;
  failures.push(`vitest exited with ${vitest.status}`);
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
