import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
// @ts-expect-error plain ES module script shared with `npm run api:types`
import { generate } from '../../scripts/openapi-generate.mjs'

const web = join(__dirname, '..', '..')
const documents = readdirSync(join(web, 'openapi')).filter((f) => f.endsWith('.json')).sort()

test('every committed OpenAPI document has generated types', () => {
  expect(documents.length).toBeGreaterThan(0)
  const generated = readdirSync(join(web, 'src', 'api', 'generated')).filter((f) => f.endsWith('.ts')).sort()
  expect(generated).toEqual(documents.map((f) => f.replace(/\.json$/, '.ts')))
})

test.each(documents)('src/api/generated for %s is what openapi-typescript makes of the committed document (npm run api:types)', async (file) => {
  const area = file.replace(/\.json$/, '')
  const expected: string = await generate(JSON.parse(readFileSync(join(web, 'openapi', file), 'utf8')), area)
  expect(readFileSync(join(web, 'src', 'api', 'generated', `${area}.ts`), 'utf8')).toBe(expected)
})
