/**
 * The sweep's planner for the test stage's instances (src/aws/sweep.ts planSweep): an instance
 * proven a test instance (its AMI, a job's token, a deadline: src/test-stage/instance-tags.ts)
 * goes only when it still costs money, was launched before the cutoff and its test's deadline
 * has passed; otherwise it is spared, and the report says why.
 */
import type { Instance } from '@aws-sdk/client-ec2'
import { planSweep, type Inventory, type SweepRule } from '../../src/aws/sweep.js'
import { TEST_DEADLINE_TAG, TEST_OF_TAG, TEST_RUN_TAG } from '../../src/test-stage/instance-tags.js'

const NOW = Date.parse('2025-06-01T12:00:00Z')
const HOUR = 3_600_000
const RULE: SweepRule = { cutoff: NOW - 6 * HOUR, now: NOW }
const AMI = 'ami-0123456789abcdef0'
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z')

function testInstance(id: string, opts: { state?: string; launched?: number; deadline: number }): Instance {
  return {
    InstanceId: id,
    ImageId: AMI,
    State: { Name: (opts.state ?? 'running') as 'running' },
    ...(opts.launched === undefined ? {} : { LaunchTime: new Date(opts.launched) }),
    Tags: [
      { Key: TEST_OF_TAG, Value: AMI },
      { Key: TEST_RUN_TAG, Value: 'a-job-token' },
      { Key: TEST_DEADLINE_TAG, Value: new Date(opts.deadline).toISOString() }
    ]
  }
}

function plan(instances: Instance[]): ReturnType<typeof planSweep> {
  const inv: Inventory = { instances, keyPairs: [], securityGroups: [], networkInterfaces: [], images: [], imageSnapshots: {} }
  return planSweep(inv, RULE)
}

describe('the sweep and the test stage\'s instances', () => {
  it('takes one launched before the cutoff whose deadline has passed, stopped or running, and says why', () => {
    const launched = NOW - 24 * HOUR
    const deadline = NOW - 23 * HOUR
    const p = plan([testInstance('i-running', { launched, deadline }), testInstance('i-stopped', { state: 'stopped', launched, deadline })])
    expect(p.instances).toEqual([
      { kind: 'instance', id: 'i-running', reason: `test instance of ${AMI} (its AMI, a job's token, its test-timeout over since ${iso(deadline)}); running since ${iso(launched)}` },
      { kind: 'instance', id: 'i-stopped', reason: `test instance of ${AMI} (its AMI, a job's token, its test-timeout over since ${iso(deadline)}); stopped since ${iso(launched)}` }
    ])
    expect(p.spared).toEqual([])
  })

  it('passes over one that costs nothing any more (terminated, shutting down)', () => {
    const p = plan([
      testInstance('i-terminated', { state: 'terminated', launched: NOW - 24 * HOUR, deadline: NOW - 23 * HOUR }),
      testInstance('i-shutting', { state: 'shutting-down', launched: NOW - 24 * HOUR, deadline: NOW - 23 * HOUR })
    ])
    expect(p.instances).toEqual([])
    expect(p.spared).toEqual([])
  })

  it('spares one with no launch time, one launched after the cutoff (to the millisecond), and one whose test may still run (to the millisecond)', () => {
    const p = plan([
      testInstance('i-no-time', { deadline: NOW - 23 * HOUR }),
      testInstance('i-young', { launched: RULE.cutoff + 1, deadline: NOW - HOUR }),
      testInstance('i-at-cutoff', { launched: RULE.cutoff, deadline: NOW - HOUR }),
      testInstance('i-testing', { launched: NOW - 24 * HOUR, deadline: NOW + 1 }),
      testInstance('i-deadline-now', { launched: NOW - 24 * HOUR, deadline: NOW })
    ])
    expect(p.spared).toEqual([
      { kind: 'instance', id: 'i-no-time', reason: 'no launch time' },
      { kind: 'instance', id: 'i-young', reason: 'test instance launched 2025-06-01T06:00:00Z, after the cutoff' },
      { kind: 'instance', id: 'i-testing', reason: `test instance of ${AMI} whose test may run until 2025-06-01T12:00:00Z` }
    ])
    expect(p.instances.map((i) => i.id)).toEqual(['i-at-cutoff', 'i-deadline-now'])
  })
})
