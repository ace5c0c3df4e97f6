// Sums every suite's results (.NET TRX files and Vitest's JSON report) into one closing line:
// "N passed, N failed". A suite that produced no result file counts as one failure.
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const dir = process.argv[2]
const files = readdirSync(dir)
let passed = 0
let failed = 0
let skipped = 0

for (const file of files.filter((f) => f.endsWith('.trx'))) {
  const xml = readFileSync(join(dir, file), 'utf8')
  const counters = xml.match(/<Counters\b[^>]*>/)?.[0] ?? ''
  const count = (name) => Number(counters.match(new RegExp(`\\b${name}="(\\d+)"`))?.[1] ?? 0)
  const suite = xml.match(/<UnitTest name="[^"]*" storage="([^"]+)"/)?.[1]?.split('/').pop() ?? file
  const [p, f, e, t, n] = [count('passed'), count('failed'), count('error'), count('timeout'), count('notExecuted')]
  // A test host that crashed or could not start reports outcome Failed/Error with no failed test: one failure.
  const outcome = xml.match(/<ResultSummary outcome="(\w+)"/)?.[1] ?? 'Missing'
  const runError = f + e + t === 0 && !['Completed', 'Passed', 'Warning'].includes(outcome) ? 1 : 0
  passed += p
  failed += f + e + t + runError
  skipped += n
  console.log(`  ${suite}: ${p} passed, ${f + e + t + runError} failed${n ? `, ${n} skipped` : ''}${runError ? ` (test run ${outcome})` : ''}`)
}

const vitest = files.find((f) => f === 'web-vitest.json')
if (vitest) {
  const report = JSON.parse(readFileSync(join(dir, vitest), 'utf8'))
  const f = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0)
  passed += report.numPassedTests
  failed += f
  skipped += report.numPendingTests + (report.numTodoTests ?? 0)
  console.log(`  web (vitest): ${report.numPassedTests} passed, ${f} failed`)
} else {
  console.log('  web (vitest): no report — counted as 1 failure')
  failed += 1
}

if (!files.some((f) => f.endsWith('.trx'))) {
  console.log('  .NET: no test results — counted as 1 failure')
  failed += 1
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed === 0 ? 0 : 1)
