/** The channel inputs, read and checked before any call: every refusal names its input. */
import { channelParameter, versionDescription, versionLabels } from '../../src/channels/names.js'
import { readOptions } from '../../src/inputs.js'

function options(inputs: Record<string, string>) {
  return readOptions((name) => inputs[name] ?? '', {})
}

function errorOf(inputs: Record<string, string>): string {
  try {
    options(inputs)
  } catch (err) {
    return (err as Error).message
  }
  throw new Error('readOptions accepted the inputs')
}

const promote = { mode: 'promote', family: 'acme/images/web', 'aws-region': 'us-east-1' }
const revoke = { mode: 'revoke', family: 'acme/images/web', 'aws-region': 'us-east-1', 'ami-id': 'ami-12c6146b', 'revoke-reason': 'CVE-2026-1234' }

describe('channel inputs', () => {
  it('reads a promotion from a channel, from ami-ids, from ami-id, and a rollback', () => {
    expect(options({ ...promote, channel: 'production', 'from-channel': 'candidate' }).channels).toEqual({
      channel: 'production',
      fromChannel: 'candidate',
      parameter: '/packer-ami-action/{family}/{channel}',
      amiIds: undefined,
      rollback: false,
      revoke: { reason: '', disable: false, descendants: false }
    })
    expect(options({ ...promote, channel: 'production', 'ami-ids': '{"us-east-1":"ami-0123456789abcdef0","eu-west-1":"ami-12c6146b"}' }).channels.amiIds).toEqual({
      'us-east-1': 'ami-0123456789abcdef0',
      'eu-west-1': 'ami-12c6146b'
    })
    expect(options({ ...promote, channel: 'production', 'ami-id': 'ami-12c6146b' }).channels.amiIds).toEqual({ 'us-east-1': 'ami-12c6146b' })
    expect(options({ ...promote, channel: 'production', rollback: 'true', 'channel-parameter': '/images/{family}/{channel}' }).channels).toMatchObject({ rollback: true, parameter: '/images/{family}/{channel}' })
  })

  it('reads a revocation', () => {
    expect(options({ ...revoke, 'revoke-disable': 'true', 'revoke-descendants': 'true' }).channels).toMatchObject({
      amiIds: { 'us-east-1': 'ami-12c6146b' },
      revoke: { reason: 'CVE-2026-1234', disable: true, descendants: true }
    })
  })

  it('takes a channel in build mode without a family (each build has its own)', () => {
    expect(options({ mode: 'build', channel: 'candidate' }).channels.channel).toBe('candidate')
  })

  it.each([
    [{ mode: 'promot' }, 'mode: "promot" is not one of validate, build, sweep, promote'],
    [{ mode: 'build', channel: 'prod/eu' }, 'channel: "prod/eu" is not a channel name'],
    [{ mode: 'build', channel: 'a b' }, 'channel: "a b" is not a channel name'],
    [{ ...promote, channel: 'production', 'from-channel': 'can didate' }, 'from-channel: "can didate" is not a channel name'],
    [{ ...promote, rollback: 'true' }, 'rollback: needs channel, the channel to move back'],
    [{ mode: 'build', channel: 'candidate', rollback: 'true' }, 'rollback: only mode promote moves a channel back'],
    [{ ...promote, channel: 'production', rollback: 'yes' }, 'rollback: "yes" is not true or false'],
    [{ ...promote, 'from-channel': 'candidate' }, 'channel: mode promote needs the channel to promote to'],
    [{ ...promote, family: '', channel: 'production', 'from-channel': 'candidate' }, 'family: mode promote needs the family'],
    [{ ...promote, 'aws-region': '', channel: 'production', 'from-channel': 'candidate' }, 'aws-region: mode promote needs aws-region'],
    [{ ...promote, channel: 'production' }, 'from-channel/ami-ids/rollback: mode promote takes exactly one of them'],
    [{ ...promote, channel: 'production', 'from-channel': 'candidate', rollback: 'true' }, 'from-channel/ami-ids/rollback: mode promote takes exactly one of them'],
    [{ ...promote, channel: 'production', 'from-channel': 'production' }, 'from-channel: "production" is the target channel itself'],
    [{ ...promote, channel: 'production', 'ami-ids': 'us-east-1: ami-12c6146b' }, 'ami-ids: not JSON; give an object of region → AMI'],
    [{ ...promote, channel: 'production', 'ami-ids': '["ami-12c6146b"]' }, 'ami-ids: give a JSON object of region → AMI'],
    [{ ...promote, channel: 'production', 'ami-ids': '{}' }, 'ami-ids: give a JSON object of region → AMI'],
    [{ ...promote, channel: 'production', 'ami-ids': '{"mars":"ami-12c6146b"}' }, 'ami-ids: "mars" is not an AWS region'],
    [{ ...promote, channel: 'production', 'ami-ids': '{"us-east-1":"ami-xyz"}' }, 'ami-ids: the AMI of us-east-1, "ami-xyz", is not an AMI id'],
    [{ ...promote, channel: 'production', 'ami-ids': '{"us-east-1":"ami-12c6146b"}', 'ami-id': 'ami-12c6146b' }, 'ami-id/ami-ids: give one of them, not both'],
    [{ ...promote, channel: 'production', 'ami-id': '12c6146b' }, 'ami-id: "12c6146b" is not an AMI id'],
    [{ mode: 'build', 'channel-parameter': '/images/{family}' }, 'channel-parameter: "/images/{family}" must contain {channel}'],
    [{ mode: 'build', 'channel-parameter': '/aws/{family}/{channel}' }, 'channel-parameter: "/aws/owner/repo/build/channel" starts with aws or ssm'],
    [{ mode: 'build', 'channel-parameter': '/images/{family}/{channel}!' }, 'channel-parameter: "/images/owner/repo/build/channel!" is not an SSM parameter name'],
    [{ ...promote, family: 'acme/my images', channel: 'production', 'from-channel': 'candidate' }, 'channel-parameter: "/packer-ami-action/acme/my images/channel" is not an SSM parameter name'],
    [{ ...revoke, 'revoke-reason': '' }, 'revoke-reason: mode revoke needs a reason'],
    [{ ...revoke, 'revoke-reason': 'line one\nline two' }, 'revoke-reason: one line of at most 200 characters'],
    [{ ...revoke, 'revoke-reason': 'x'.repeat(201) }, 'revoke-reason: one line of at most 200 characters'],
    [{ ...revoke, 'ami-id': '' }, 'ami-id/ami-ids: mode revoke needs the AMI to revoke'],
    [{ ...revoke, family: '' }, 'family: mode revoke needs the family'],
    [{ ...revoke, 'revoke-disable': 'sure' }, 'revoke-disable: "sure" is not true or false'],
    [{ ...revoke, 'revoke-descendants': 'all' }, 'revoke-descendants: "all" is not true or false']
  ])('%j is refused: %s', (inputs, message) => {
    expect(errorOf(inputs)).toContain(message)
  })
})

describe('names', () => {
  it('puts family and channel into the template, and says why SSM would refuse a name', () => {
    expect(channelParameter('/packer-ami-action/{family}/{channel}', 'acme/images/amazon-ebs.web', 'candidate')).toEqual({ name: '/packer-ami-action/acme/images/amazon-ebs.web/candidate' })
    expect(channelParameter('{channel}', 'f', 'candidate')).toEqual({ name: 'candidate' })
    expect(channelParameter('/{family}/{channel}', 'a/b/c/d/e/f/g/h/i/j/k/l/m/n/o', 'c')).toEqual({ error: expect.stringContaining('has 16 levels; SSM allows 15') })
    expect(channelParameter('/{family}/{channel}', 'x'.repeat(1011), 'c')).toEqual({ error: expect.stringContaining('longer than 1011 characters') })
  })

  it('labels a version with the run (and its attempt) and the commit, as SSM takes labels', () => {
    const run = { runId: '4242', attempt: '1', commit: '3f7a2c9e1b4d8f60a5e2c7b9d1f3a6e8c0b2d4f6', runUrl: 'https://github.com/acme/images/actions/runs/4242' }
    expect(versionLabels(run)).toEqual(['run-4242', 'commit-3f7a2c9e1b4d8f60a5e2c7b9d1f3a6e8c0b2d4f6'])
    expect(versionLabels({ ...run, attempt: '3' })).toEqual(['run-4242-3', 'commit-3f7a2c9e1b4d8f60a5e2c7b9d1f3a6e8c0b2d4f6'])
    expect(versionLabels({ ...run, runId: '', commit: '' })).toEqual([])
    expect(versionDescription('f candidate → ami-1 (build)', run)).toBe(`packer-ami-action: f candidate → ami-1 (build) (commit ${run.commit}, ${run.runUrl})`)
    expect(versionDescription('x'.repeat(2000), run)).toHaveLength(1024)
  })
})
