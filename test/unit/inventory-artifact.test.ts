/**
 * takeInventory end to end on this machine standing for the instance: SBOMs kept through the
 * real @actions/artifact against the artifact-service double, the earlier run's SBOM found and
 * downloaded through the REST double with the github-token, and the diff between them.
 */
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import type { InventoryImage, InventoryResult } from '../../src/inventory/take-inventory.js'
import { startArtifactService, type ArtifactService, type WorkflowRun } from '../support/artifact-service.js'
import { startGitHubApi, type GitHubApi } from '../support/github-api.js'
import { instanceShell } from '../support/instance-shell.js'

type Modules = {
  take: typeof import('../../src/inventory/take-inventory.js')
  artifact: typeof import('../../src/inventory/artifact.js')
  render: typeof import('../../src/report/inventory.js')
}

let service: ArtifactService
let api: GitHubApi
let m: Modules
const saved = { ...process.env }

const image: InventoryImage = {
  region: 'us-east-1',
  account: '123456789012',
  ami: 'ami-0aaaaaaaaaaaaaaa1',
  family: 'acme/images/amazon-ebs.web',
  build: 'amazon-ebs.web',
  platform: 'linux'
}

const realKernel = execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim()
const realBash = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'bash'], { encoding: 'utf8' })

beforeAll(async () => {
  service = await startArtifactService()
  api = await startGitHubApi({ artifacts: service })
  // @actions/github reads GITHUB_API_URL when it is loaded: set it first, then load.
  process.env.GITHUB_API_URL = api.url
  delete process.env.GITHUB_SERVER_URL
  m = {
    take: await import('../../src/inventory/take-inventory.js'),
    artifact: await import('../../src/inventory/artifact.js'),
    render: await import('../../src/report/inventory.js')
  }
})

afterAll(async () => {
  process.env = saved
  await api.close()
  await service.close()
})

/** The step's environment for one workflow run, as the runner gives it. */
function inRun(run: WorkflowRun): void {
  Object.assign(process.env, run.env)
}

function context(token = api.token) {
  return { runnerTemp: fs.mkdtempSync(path.join(os.tmpdir(), 'runner-temp-')), artifacts: m.artifact.githubArtifacts(token) }
}

/**
 * The image the new one replaces: this machine's packages, but bash at an older version, one
 * package more (legacy-tool) and an older kernel.
 */
function olderInstance() {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'older-bin-'))
  const real = execFileSync('sh', ['-c', 'command -v dpkg-query'], { encoding: 'utf8' }).trim()
  fs.writeFileSync(
    path.join(bin, 'dpkg-query'),
    `#!/bin/sh\n"${real}" "$@" | sed 's/^bash\\t[^\\t]*\\t/bash\\t5.1-2\\t/'\nprintf 'legacy-tool\\t0.9-1\\tamd64\\tinstall ok installed\\n'\n`,
    { mode: 0o755 }
  )
  fs.writeFileSync(path.join(bin, 'uname'), '#!/bin/sh\necho 6.1.0-17-amd64\n', { mode: 0o755 })
  return instanceShell({ env: { PATH: `${bin}:${process.env.PATH}` } })
}

describe('an SBOM kept by one run and diffed by the next', () => {
  let earlierRun: WorkflowRun
  let first: InventoryResult
  let second: InventoryResult

  beforeAll(async () => {
    earlierRun = service.startRun({ runId: 41 })
    inRun(earlierRun)
    first = await m.take.takeInventory(olderInstance().run, { ...image, ami: 'ami-0bbbbbbbbbbbbbbb0' }, context())

    inRun(service.startRun({ runId: 42 }))
    second = await m.take.takeInventory(instanceShell().run, { ...image, previousRunUrl: 'https://github.com/acme/images/actions/runs/41' }, context())
  })

  it('the first run has no earlier inventory, and keeps its SBOM as an artifact named for family and region', () => {
    expect(first.earlier).toEqual({ none: 'the family has no earlier AMI with a run-url tag in this region' })
    expect(first.artifact?.name).toBe('sbom-acme-images-amazon-ebs.web-us-east-1')
    const stored = service.artifacts.find((a) => a.id === first.artifact?.id)
    expect(stored).toMatchObject({ runId: 41, finalized: true, name: 'sbom-acme-images-amazon-ebs.web-us-east-1' })
    expect(stored?.content?.subarray(0, 2).toString('latin1')).toBe('PK')
  })

  it('the next run reads that artifact through the REST API and shows exactly what changed, the kernel first', () => {
    if ('none' in second.earlier) throw new Error(`no diff: ${second.earlier.none}`)
    const { diff, ami, runUrl } = second.earlier
    expect(ami).toBe('ami-0bbbbbbbbbbbbbbb0')
    expect(runUrl).toBe('https://github.com/acme/images/actions/runs/41')
    expect(diff.kernel).toEqual({ from: '6.1.0-17-amd64', to: realKernel })
    expect(diff.changed).toEqual([{ type: 'deb', name: 'bash', arch: 'amd64', from: '5.1-2', to: realBash }])
    expect(diff.removed.map((p) => `${p.name} ${p.version}`)).toEqual(['legacy-tool 0.9-1'])
    expect(diff.added).toEqual([])
    expect(diff.unchanged).toBe(second.packages - 1)
    expect(api.requests.map((r) => `${r.method} ${r.path.replace(/\?.*/, '')}`)).toEqual(
      expect.arrayContaining(['GET /repos/acme/images/actions/runs/41/artifacts', `GET /repos/acme/images/actions/artifacts/${first.artifact?.id}/zip`])
    )
  })

  it('each run keeps its own artifact under the same name', () => {
    const named = service.artifacts.filter((a) => a.name === 'sbom-acme-images-amazon-ebs.web-us-east-1' && a.finalized)
    expect(named.map((a) => a.runId).sort()).toEqual([41, 42])
    expect(fs.existsSync(second.sbomPath)).toBe(true)
  })

  it('the summary shows it: kernel, then the counts, then bash and legacy-tool', () => {
    const text = m.render.renderInventory([second]).join('\n')
    expect(text).toContain(`- Kernel: \`6.1.0-17-amd64\` → \`${realKernel}\``)
    expect(text).toContain('- Packages: 0 added, 1 removed, 1 changed')
    expect(text).toContain(`| 🔄 changed | bash (amd64) | \`5.1-2\` | \`${realBash}\` |`)
    expect(text).toContain('| ➖ removed | legacy-tool (amd64) | `0.9-1` |  |')
  })

  it('the sbom output lists the file and its subject for actions/attest', () => {
    expect(JSON.parse(m.take.sbomOutput([second]))).toEqual([
      { region: 'us-east-1', ami: image.ami, subject: `arn:aws:ec2:us-east-1:123456789012:image/${image.ami}`, path: second.sbomPath, artifact: 'sbom-acme-images-amazon-ebs.web-us-east-1' }
    ])
  })
})

describe('no earlier inventory', () => {
  it('the run of the previous AMI kept no SBOM', async () => {
    inRun(service.startRun({ runId: 43 }))
    inRun(service.startRun({ runId: 44 }))
    const r = await m.take.takeInventory(instanceShell().run, { ...image, family: 'acme/images/other', previousRunUrl: 'https://github.com/acme/images/actions/runs/43' }, context())
    expect(r.earlier).toEqual({ none: 'run 43 kept no artifact sbom-acme-images-other-us-east-1' })
    expect(r.artifact?.name).toBe('sbom-acme-images-other-us-east-1')
  })

  it('the earlier artifact has expired: GitHub answers 410', async () => {
    const earlier = service.startRun({ runId: 45 })
    inRun(earlier)
    const kept = await m.take.takeInventory(instanceShell().run, { ...image, family: 'acme/images/expiring' }, context())
    service.expire(kept.artifact?.id ?? -1)
    inRun(service.startRun({ runId: 46 }))
    const r = await m.take.takeInventory(instanceShell().run, { ...image, family: 'acme/images/expiring', previousRunUrl: 'https://github.com/acme/images/actions/runs/45' }, context())
    expect(r.earlier).toEqual({ none: expect.stringMatching(/^artifact sbom-acme-images-expiring-us-east-1 of run 45 could not be downloaded: .*expired/) })
  })

  it('a github-token GitHub refuses: the listing fails, and says so', async () => {
    inRun(service.startRun({ runId: 47 }))
    const r = await m.take.takeInventory(instanceShell().run, { ...image, family: 'acme/images/denied', previousRunUrl: 'https://github.com/acme/images/actions/runs/41' }, context('ghs_wrong'))
    expect(r.earlier).toEqual({ none: expect.stringMatching(/^run 41's artifacts could not be listed: .*Bad credentials/) })
  })
})

describe('keeping the SBOM', () => {
  it('a name this run already used: the artifact is not kept, the SBOM file still is', async () => {
    inRun(service.startRun({ runId: 48 }))
    const once = await m.take.takeInventory(instanceShell().run, { ...image, family: 'acme/images/twice' }, context())
    const twice = await m.take.takeInventory(instanceShell().run, { ...image, family: 'acme/images/twice' }, context())
    expect(once.artifact).toBeDefined()
    expect(twice.artifact).toBeUndefined()
    expect(twice.artifactError).toMatch(/409.*an artifact with this name already exists on the workflow run/)
    expect(fs.existsSync(twice.sbomPath)).toBe(true)
  })

  it('a runtime token the results service does not know: refused, nothing stored', async () => {
    inRun(service.startRun({ runId: 49 }))
    const before = service.artifacts.length
    process.env.ACTIONS_RUNTIME_TOKEN = `${process.env.ACTIONS_RUNTIME_TOKEN}x`
    const r = await m.take.takeInventory(instanceShell().run, { ...image, family: 'acme/images/forged' }, context())
    expect(r.artifactError).toMatch(/401.*runtime token/)
    expect(service.artifacts.length).toBe(before)
  })
})

describe('artifact names and run URLs', () => {
  it.each([
    ['acme/images/amazon-ebs.web', 'us-east-1', 'sbom-acme-images-amazon-ebs.web-us-east-1'],
    ['team: "base" <win>|*?\\', 'eu-west-1', 'sbom-team- -base- -win------eu-west-1']
  ])('%s in %s → %s', (family, region, name) => {
    expect(m.artifact.artifactName(family, region)).toBe(name)
  })

  it.each([
    ['https://github.com/acme/images/actions/runs/41', { owner: 'acme', repo: 'images', runId: 41 }],
    ['https://github.com/acme/images/actions/runs/41/attempts/2', { owner: 'acme', repo: 'images', runId: 41 }],
    ['https://github.example.com/acme/images/actions/runs/7?check_suite_focus=true', { owner: 'acme', repo: 'images', runId: 7 }],
    ['https://github.com/acme/images/actions/runs/', undefined],
    ['not a url', undefined]
  ])('%s', (url, expected) => {
    expect(m.artifact.parseRunUrl(url)).toEqual(expected)
  })
})
