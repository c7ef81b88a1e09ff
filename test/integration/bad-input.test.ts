import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { installFrom, startMirror, type Mirror } from '../support/mirror.js'
import { awsTestEnv, startMoto, type Moto } from '../support/moto.js'
import { repoRoot, runAction } from '../support/runner.js'
import { workspaceWith } from '../support/workspace.js'

let moto: Moto
let mirror: Mirror

beforeAll(async () => {
  ;[moto, mirror] = await Promise.all([startMoto(), startMirror({ versions: ['1.6.6'] })])
})

afterAll(async () => {
  await Promise.all([moto?.stop(), mirror?.close()])
})

/** input → a malformed value (with any companion inputs it needs) and the start of the error. */
const cases: Record<string, [Record<string, string>, string]> = {
  'packer-version': [{ 'packer-version': 'v1..6' }, 'packer-version: "v1..6" is not a version'],
  'amazon-plugin-version': [{ 'amazon-plugin-version': 'one.eight' }, 'amazon-plugin-version: "one.eight" is not a version'],
  'packer-mirror': [{ 'packer-mirror': 'ftp://mirror' }, 'packer-mirror: "ftp://mirror" must be an http(s) URL'],
  'packer-signing-key': [{ 'packer-signing-key': 'not a key' }, 'packer-signing-key: "not a key" is not an ASCII-armored'],
  'verify-signature': [{ 'verify-signature': 'nope' }, 'verify-signature: "nope" is not true or false'],
  'working-directory': [{ 'working-directory': 'no/such/dir' }, 'working-directory: "no/such/dir" is not a directory'],
  template: [{ template: 'missing/' }, 'template: "missing/" does not exist'],
  mode: [{ mode: 'deploy' }, 'mode: "deploy" is not one of validate, build, sweep, promote, revoke, auto'],
  variables: [{ variables: '- a\n- b' }, 'variables: expected a mapping'],
  'sensitive-variables': [{ 'sensitive-variables': 'token: "s3cret' }, 'sensitive-variables: not a YAML/JSON mapping'],
  'var-files': [{ 'var-files': 'nope.pkrvars.hcl' }, 'var-files: "nope.pkrvars.hcl" is not a file'],
  only: [{ only: 'amazon-ebs.web', except: 'amazon-ebs.worker' }, 'only/except: set one of them, not both'],
  except: [{ except: 'amazon-ebs.worker', only: 'amazon-ebs.web' }, 'only/except: set one of them, not both'],
  'fmt-check': [{ 'fmt-check': 'yes' }, 'fmt-check: "yes" is not true or false'],
  'on-error': [{ 'on-error': 'ask' }, 'on-error: "ask" is not one of cleanup, abort, run-cleanup-provisioner'],
  'parallel-builds': [{ 'parallel-builds': 'two' }, 'parallel-builds: "two" is not a whole number'],
  'github-token': [{ 'github-token': 'ghs_a b' }, 'github-token: a token has no spaces or line breaks'],
  comment: [{ comment: 'maybe' }, 'comment: "maybe" is not true or false'],
  'comment-key': [{ 'comment-key': 'a<b' }, 'comment-key: "a<b" must be one line'],
  'aws-region': [{ 'aws-region': 'mars' }, 'aws-region: "mars" is not an AWS region name'],
  'ami-tags': [{ 'ami-tags': 'aws:owner: me' }, 'ami-tags: tag key "aws:owner" starts with "aws:"'],
  'share-accounts': [{ 'share-accounts': '12345678901' }, 'share-accounts: "12345678901" is not a 12-digit AWS account id'],
  'share-organizations': [{ 'share-organizations': 'o-123' }, 'share-organizations: "o-123" is not an organization ARN'],
  'share-ous': [{ 'share-ous': 'ou-123' }, 'share-ous: "ou-123" is not an organizational unit ARN'],
  'deprecate-after': [{ 'deprecate-after': 'soon' }, 'deprecate-after: "soon" is not a duration'],
  'ssm-parameter': [{ 'ssm-parameter': 'bad name!' }, 'ssm-parameter: "bad name!" is not a valid SSM parameter name'],
  family: [{ family: 'f'.repeat(201) }, `family: "${'f'.repeat(201)}" is longer than 200 characters`],
  'keep-latest': [{ 'keep-latest': '0' }, 'keep-latest: "0" is not a whole number of at least 1'],
  'cleanup-dry-run': [{ 'cleanup-dry-run': 'perhaps' }, 'cleanup-dry-run: "perhaps" is not true or false'],
  'skip-unchanged': [{ 'skip-unchanged': 'often' }, 'skip-unchanged: "often" is not true or false'],
  'launch-templates': [{ 'launch-templates': 'web, lt-12' }, 'launch-templates: "lt-12" is neither a launch template id'],
  'launch-template-default': [{ 'launch-template-default': 'yes' }, 'launch-template-default: "yes" is not true or false'],
  'deregistration-protection': [{ 'deregistration-protection': 'on' }, 'deregistration-protection: "on" is not true or false'],
  'sweep-older-than': [{ 'sweep-older-than': '6 hours' }, 'sweep-older-than: "6 hours" is not a duration'],
  'sweep-regions': [{ 'sweep-regions': 'us-east-1, mars-1' }, 'sweep-regions: "mars-1" is not an AWS region'],
  'packer-runner-variables': [{ 'packer-runner-variables': 'AWS_PROFILE' }, 'packer-runner-variables: "AWS_PROFILE" is not one of the runner\'s internal variables'],
  'fingerprint-files': [{ 'fingerprint-files': '../secrets/*' }, 'fingerprint-files: "../secrets/*" reaches outside the workspace'],
  channel: [{ channel: 'prod/eu' }, 'channel: "prod/eu" is not a channel name'],
  'channel-parameter': [{ 'channel-parameter': '/images/{family}' }, 'channel-parameter: "/images/{family}" must contain {channel}'],
  'from-channel': [{ mode: 'promote', family: 'acme/base', channel: 'production', 'from-channel': 'can didate' }, 'from-channel: "can didate" is not a channel name'],
  'ami-ids': [{ mode: 'promote', family: 'acme/base', channel: 'production', 'ami-ids': 'us-east-1=ami-12c6146b' }, 'ami-ids: not JSON'],
  'ami-id': [{ mode: 'promote', family: 'acme/base', channel: 'production', 'ami-id': 'ami-xyz' }, 'ami-id: "ami-xyz" is not an AMI id'],
  rollback: [{ mode: 'promote', family: 'acme/base', rollback: 'true' }, 'rollback: needs channel'],
  'revoke-reason': [{ mode: 'revoke', family: 'acme/base', 'aws-region': 'us-east-1', 'ami-id': 'ami-12c6146b' }, 'revoke-reason: mode revoke needs a reason'],
  'revoke-disable': [{ 'revoke-disable': 'yes' }, 'revoke-disable: "yes" is not true or false'],
  'revoke-descendants': [{ 'revoke-descendants': 'all' }, 'revoke-descendants: "all" is not true or false'],
  inventory: [{ inventory: 'true' }, 'inventory: needs test-instance-profile'],
  'test-regions': [{ 'test-regions': 'us-east-1, mars-1' }, 'test-regions: "mars-1" is not an AWS region'],
  'test-instance-type': [{ 'aws-region': 'us-east-1', 'test-instance-type': 'micro' }, 'test-instance-type: "micro" is not an EC2 instance type'],
  'test-subnet': [{ 'aws-region': 'us-east-1', 'test-subnet': 'default' }, 'test-subnet: "default" is not a subnet id'],
  'test-security-groups': [{ 'aws-region': 'us-east-1', 'test-security-groups': 'web' }, 'test-security-groups: "web" is not a security group id'],
  'test-instance-profile': [{ 'aws-region': 'us-east-1', 'test-instance-profile': 'my profile' }, 'test-instance-profile: "my profile" is neither'],
  'test-timeout': [{ 'aws-region': 'us-east-1', 'test-timeout': '15' }, 'test-timeout: "15" is not a duration'],
  'test-commands': [{ 'aws-region': 'us-east-1', 'test-commands': 'systemctl is-active nginx' }, 'test-commands: needs test-instance-profile']
}

const declared = Object.keys(
  (parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }).inputs
)

async function ownedImages(): Promise<number> {
  const ec2 = new EC2Client({ region: 'us-east-1', endpoint: moto.endpoint, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } })
  return (await ec2.send(new DescribeImagesCommand({ Owners: ['self'] }))).Images?.length ?? 0
}

describe('every input refuses a malformed value before anything is downloaded or built', () => {
  it('has a case for every input of action.yml', () => {
    expect(Object.keys(cases).sort()).toEqual([...declared].sort())
  })

  it.each(Object.entries(cases))('%s', async (_input, [inputs, message]) => {
    const images = await ownedImages()
    const requests = mirror.requests.length
    const run = await runAction({
      cwd: workspaceWith('packer'),
      eventName: 'release',
      env: { ...awsTestEnv, AWS_ENDPOINT_URL: moto.endpoint },
      inputs: {
        ...installFrom(mirror),
        template: 'packer',
        variables: `ec2_endpoint: ${moto.endpoint}`,
        ...inputs
      }
    })
    expect(run.code).not.toBe(0)
    expect(run.stdout).toContain(`::error::${message}`)
    expect(run.stdout).not.toContain('s3cret')
    expect(mirror.requests.length).toBe(requests)
    expect(await ownedImages()).toBe(images)
  })
})
