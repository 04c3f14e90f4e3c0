// The test command: lint, type-check, build, then unit + integration + e2e in one vitest run.
// Ends with one plain summary line ("tests: N passed, N failed, N skipped").
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const step = (title, args) => {
  console.log(`\n=== ${title} ===`)
  const started = Date.now()
  execFileSync(npm, args, { cwd: root, stdio: 'inherit' })
  console.log(`--- ${title}: ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

try {
  step('lint', ['run', 'lint'])
  step('typecheck', ['run', 'typecheck'])
  step('build', ['run', 'build'])
} catch {
  console.log('tests: 0 passed, 1 failed')
  process.exit(1)
}

console.log('\n=== unit, integration, e2e ===')
const report = join(root, 'test-results/vitest.json')
const res = spawnSync(
  join(root, 'node_modules/.bin/vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  { cwd: root, stdio: 'inherit' },
)
if (!existsSync(report)) {
  console.log('tests: 0 passed, 1 failed')
  process.exit(1)
}
const r = JSON.parse(readFileSync(report, 'utf8'))
const skipped = r.numPendingTests + r.numTodoTests
// a file whose beforeAll throws fails as a suite, with its tests reported as skipped
const failed = r.numFailedTests + r.numFailedTestSuites
console.log(`\ntests: ${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped`)
process.exit(res.status === 0 && failed === 0 ? 0 : 1)
