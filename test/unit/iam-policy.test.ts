import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { repoRoot } from '../support/runner.js'

interface Statement {
  Action: string[]
}

const policy = JSON.parse(readFileSync(path.join(repoRoot, 'docs', 'iam-policy.json'), 'utf8')) as { Statement: Statement[] }
const allowed = new Set(policy.Statement.flatMap((s) => s.Action))

/** Every SDK command the action's source sends, as `service:Action`. */
function commandsInSource(): string[] {
  const dir = path.join(repoRoot, 'src')
  const found = new Set<string>()
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(path.join(dir, file), 'utf8')
    // `#client-ec2` is @aws-sdk/client-ec2 under another name (package.json `imports`).
    for (const m of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(?:@aws-sdk\/|#)client-(\w+)'/g)) {
      for (const name of m[1].split(',').map((n) => n.trim())) {
        const command = /^(\w+)Command$/.exec(name)?.[1]
        if (command !== undefined && new RegExp(`new ${name}\\(`).test(text)) found.add(`${m[2]}:${command}`)
      }
    }
  }
  return [...found].sort()
}

describe('docs/iam-policy.json', () => {
  const commands = commandsInSource()

  it('finds the commands the source sends', () => {
    expect(commands).toEqual(expect.arrayContaining(['ec2:CreateTags', 'ssm:PutParameter', 'ec2:DeregisterImage']))
  })

  it.each(commands)('allows %s', (action) => {
    expect(allowed.has(action)).toBe(true)
  })
})
