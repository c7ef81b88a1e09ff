import type { Instance } from '#client-ec2'
import { TAG_PREFIX, type Tags } from '../aws/tags.js'

/*
 * A test instance carries what proves it one: the AMI it tests (`test-of`, which must be the
 * instance's own ImageId), the random token of the job that launched it (`test-run`), and the
 * time its test ends at the latest (`test-deadline`). No AMI carries these tags, so tooling that
 * copies an AMI's tags onto the instances launched from it never makes one look like ours.
 */
export const TEST_OF_TAG = `${TAG_PREFIX}test-of`
export const TEST_RUN_TAG = `${TAG_PREFIX}test-run`
export const TEST_DEADLINE_TAG = `${TAG_PREFIX}test-deadline`

export interface TestInstanceLabel {
  ami: string
  /** The job's random token (saved state): the post step looks for it. */
  run: string
  deadline: Date
  runUrl: string
  build: string
}

/** The tags a test instance and its volumes are launched with. */
export function testInstanceTags(l: TestInstanceLabel): Tags {
  return {
    Name: `packer-ami-action test of ${l.ami}`,
    [TEST_OF_TAG]: l.ami,
    [TEST_RUN_TAG]: l.run,
    [TEST_DEADLINE_TAG]: l.deadline.toISOString(),
    [`${TAG_PREFIX}run-url`]: l.runUrl.slice(0, 256),
    [`${TAG_PREFIX}build`]: l.build.slice(0, 256)
  }
}

function tag(i: Instance, key: string): string | undefined {
  return i.Tags?.find((t) => t.Key === key)?.Value
}

/**
 * Why the instance is a test instance the action launched, or undefined when that is not
 * proven: it tests the AMI it was launched from and carries a job's token and a deadline.
 * `run`: only this job's token counts.
 */
export function testInstanceProof(i: Instance, run?: string): { ami: string; run: string; deadline: number } | undefined {
  const ami = tag(i, TEST_OF_TAG)
  const token = tag(i, TEST_RUN_TAG)
  const deadline = Date.parse(tag(i, TEST_DEADLINE_TAG) ?? '')
  if (ami === undefined || ami !== i.ImageId || token === undefined || token === '' || Number.isNaN(deadline)) return undefined
  if (run !== undefined && token !== run) return undefined
  return { ami, run: token, deadline }
}
