import { Input } from '../constants.js'
import { list } from '../input-values.js'

/** How the new AMIs are tested before anything else uses them; absent when no test input is set. */
export interface TestOptions {
  /** Regions whose copy of each build is tested. */
  regions: string[]
  /** Undefined: by the AMI's architecture (t3.micro, t4g.micro). */
  instanceType?: string
  subnet?: string
  securityGroups: string[]
  /** Instance profile name or ARN; without it the stage is a boot test only. */
  instanceProfile?: string
  /** Boot plus commands, per AMI. */
  timeoutMs: number
  /** Script for SSM Run Command; undefined: no commands. */
  commands?: string
}

const TEST_INPUTS = [
  Input.testRegions,
  Input.testInstanceType,
  Input.testSubnet,
  Input.testSecurityGroups,
  Input.testInstanceProfile,
  Input.testTimeout,
  Input.testCommands
]

const DEFAULT_TIMEOUT = '15m'
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d+$/
/** EC2 instance type names: family (with options, `m7i-flex`, `u-6tb1`) dot size. */
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/
/** Old ids have 8 hex digits, current ones 17. */
const SUBNET = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/
const SECURITY_GROUP = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/
/** IAM's rules for a name (`[\w+=,.@-]`, 1 to 128), or an instance profile's ARN with an optional path. */
const PROFILE_NAME = /^[\w+=,.@-]{1,128}$/
const PROFILE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:instance-profile\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/
const TIMEOUT = /^(\d+)([hms])$/
const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000 }
/** SSM's longest run for a command (AWS-RunShellScript's executionTimeout allows at most 172800 seconds). */
const MAX_TIMEOUT_MS = 48 * 3_600_000

/**
 * The test stage's inputs, checked before anything is built. The stage runs when any of them is
 * set: `test-timeout: 15m` alone asks for a boot test with every default.
 */
export function readTestOptions(get: (name: string) => string, awsRegion: string | undefined): TestOptions | undefined {
  if (TEST_INPUTS.every((name) => get(name).trim() === '')) return undefined
  const given = list(get(Input.testRegions)).map((r) => {
    if (!REGION.test(r)) throw new Error(`${Input.testRegions}: "${r}" is not an AWS region`)
    return r
  })
  if (given.length === 0 && awsRegion === undefined) {
    throw new Error(`${Input.testRegions}: the test stage needs regions to test in: set test-regions or aws-region`)
  }
  const regions = given.length > 0 ? [...new Set(given)] : [awsRegion as string]
  const subnet = optional(get(Input.testSubnet), Input.testSubnet, SUBNET, 'a subnet id (subnet-…)')
  const securityGroups = list(get(Input.testSecurityGroups)).map((g) => {
    if (!SECURITY_GROUP.test(g)) throw new Error(`${Input.testSecurityGroups}: "${g}" is not a security group id (sg-…)`)
    return g
  })
  // A subnet and a group id each belong to one region: with several regions they would fail in all but one.
  for (const [name, given] of [[Input.testSubnet, subnet !== undefined], [Input.testSecurityGroups, securityGroups.length > 0]] as const) {
    if (given && regions.length > 1) throw new Error(`${name}: ids belong to one region, but test-regions names ${regions.length} (${regions.join(', ')})`)
  }
  const instanceProfile = profile(get(Input.testInstanceProfile).trim())
  const script = get(Input.testCommands)
  const commands = script.trim() === '' ? undefined : script
  if (commands !== undefined && instanceProfile === undefined) {
    throw new Error(`${Input.testCommands}: needs test-instance-profile (an instance profile with AmazonSSMManagedInstanceCore), without which SSM cannot reach the instance`)
  }
  return {
    regions,
    instanceType: optional(get(Input.testInstanceType), Input.testInstanceType, INSTANCE_TYPE, 'an EC2 instance type such as t3.micro'),
    subnet,
    securityGroups: [...new Set(securityGroups)],
    instanceProfile,
    timeoutMs: timeout(get(Input.testTimeout).trim() || DEFAULT_TIMEOUT),
    commands
  }
}

/**
 * `test-regions` must name regions the build makes AMIs in. `regions` is what the template was
 * read to build in (and the primary region); empty when it could not be read, and then the stage
 * says so at run time instead.
 */
export function checkTestRegions(test: TestOptions | undefined, regions: readonly string[]): void {
  if (test === undefined || regions.length === 0) return
  const outside = test.regions.filter((r) => !regions.includes(r))
  if (outside.length > 0) {
    throw new Error(`${Input.testRegions}: ${outside.join(', ')} ${outside.length === 1 ? 'is' : 'are'} not among the build's regions (${regions.join(', ')})`)
  }
}

function optional(value: string, input: string, pattern: RegExp, what: string): string | undefined {
  const v = value.trim()
  if (v === '') return undefined
  if (!pattern.test(v)) throw new Error(`${input}: "${v}" is not ${what}`)
  return v
}

function profile(value: string): string | undefined {
  if (value === '') return undefined
  if (!PROFILE_NAME.test(value) && !PROFILE_ARN.test(value)) {
    throw new Error(`${Input.testInstanceProfile}: "${value}" is neither an instance profile name nor an instance profile ARN`)
  }
  return value
}

function timeout(value: string): number {
  const m = TIMEOUT.exec(value)
  const ms = m === null ? 0 : Number(m[1]) * UNIT_MS[m[2]]
  if (ms <= 0 || ms > MAX_TIMEOUT_MS) throw new Error(`${Input.testTimeout}: "${value}" is not a duration from 1s to 48h, such as 15m, 1h or 90s`)
  return ms
}
