// Generates the UI's API types (src/api/generated/<area>.ts) from the OpenAPI documents committed in openapi/<area>.json,
// which a browser test keeps equal to what the running services serve (tests/AqTrading.BrowserTests/OpenApiDriftTests).
//   npm run api:types            write the generated files
//   npm run api:types -- --check exit 1 when a generated file is not what the documents give (also a Vitest test)
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { generate } from './openapi-generate.mjs'

const web = join(dirname(fileURLToPath(import.meta.url)), '..')
const check = process.argv.includes('--check')
let stale = 0
for (const file of readdirSync(join(web, 'openapi')).filter((f) => f.endsWith('.json')).sort()) {
  const area = file.replace(/\.json$/, '')
  const target = join(web, 'src', 'api', 'generated', `${area}.ts`)
  const text = await generate(JSON.parse(readFileSync(join(web, 'openapi', file), 'utf8')), area)
  if (check) {
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text) {
      console.error(`src/api/generated/${area}.ts is not what openapi/${file} gives: run npm run api:types`)
      stale++
    }
  } else {
    writeFileSync(target, text)
    console.log(`wrote src/api/generated/${area}.ts`)
  }
}
process.exit(stale > 0 ? 1 : 0)
