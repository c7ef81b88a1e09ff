import * as core from '@actions/core'
import { DescribeImagesCommand, TerminateInstancesCommand, type EC2Client, type Image } from '#client-ec2'
import { SSMClient } from '@aws-sdk/client-ssm'
import { randomUUID } from 'node:crypto'
import { State } from '../constants.js'
import { ec2Clients, regionalClients } from '../aws/clients.js'
import { waitTerminated } from '../aws/instances.js'
import { previousImage } from '../inventory/previous-image.js'
import { takeInventory, type InventoryResult, type RunResult } from '../inventory/take-inventory.js'
import { waitForAgent } from './agent.js'
import { runScript } from './commands.js'
import { instanceTypeFor, launchTestInstance, platformOf, type Platform } from './launch.js'
import type { TestOptions } from './options.js'
import { planTests, verdicts, type Copy } from './plan.js'
import { tail, type TestCheck, type TestResult } from './results.js'
import { StatusCheckFailure, waitForStatusChecks } from './status-checks.js'

export interface TestStageRequest<T extends Copy> {
  /** Every AMI of the run, tagged already: the copies to test are chosen from them. */
  images: readonly T[]
  options: TestOptions
  runUrl: string
  /** Blanks secrets in what the script printed before it reaches the log, outputs or the report. */
  redact: (text: string) => string
  /** With `inventory: true`: the family of each build, whose previous AMI the inventory is compared with. */
  inventory?: { familyOf: (build: string) => string }
}

export interface TestStageReport {
  results: TestResult[]
  /** One per AMI whose packages were listed (`inventory: true`). */
  inventories: InventoryResult[]
  /** The verdict on each build: every copy of it shares it. */
  verdicts: Map<string, 'passed' | 'failed'>
}

/** How long termination may take before the post step is left to finish it. */
const TERMINATION = { pollMs: 2_000, timeoutMs: 10 * 60_000 }

/**
 * Tests each build's copies in test-regions, all in parallel: an instance from the AMI, both
 * status checks, then (with an instance profile) the SSM Agent and test-commands; the instance
 * is terminated whatever happened. Before anything is launched, the job's random token and the
 * regions go to the saved state, so the post step finds the instances if the job dies.
 */
export async function runTestStage<T extends Copy>(req: TestStageRequest<T>): Promise<TestStageReport> {
  const plan = planTests(req.images, req.options.regions)
  for (const o of plan.outside) core.warning(`test-regions: ${o.build} has no AMI in ${req.options.regions.join(', ')}: tested in ${o.region}, where it was built`)
  const run = randomUUID()
  core.saveState(State.testRun, run)
  core.saveState(State.testRegions, JSON.stringify([...new Set(plan.tested.map((c) => c.region))]))
  const ec2 = ec2Clients()
  const ssm = regionalClients((config) => new SSMClient(config))
  const inventories: InventoryResult[] = []
  const results = await Promise.all(plan.tested.map((copy) => testCopy(copy, req, run, ec2(copy.region), ssm(copy.region), inventories)))
  // Nothing is left to remove once every instance is confirmed gone: the post step need not look.
  if (results.every((r) => r.terminated)) core.saveState(State.testRun, '')
  return { results, inventories, verdicts: verdicts(results) }
}

async function testCopy(copy: Copy, req: TestStageRequest<Copy>, run: string, ec2: EC2Client, ssm: SSMClient, inventories: InventoryResult[]): Promise<TestResult> {
  const o = req.options
  const where = `${copy.region} ${copy.ami}`
  const result: TestResult = { build: copy.build, region: copy.region, ami: copy.ami, passed: false, checks: [], terminated: true }
  const check = (name: TestCheck['name'], passed: boolean | undefined, detail: string): void => void result.checks.push({ name, passed, detail })
  const started = Date.now()
  const deadline = started + o.timeoutMs
  try {
    const image = await describeImage(ec2, copy.ami)
    result.platform = platformOf(image)
    result.instanceType = instanceTypeFor(image, o.instanceType)
    if (result.instanceType === undefined) throw new Error(`no default instance type for architecture ${image.Architecture}: set test-instance-type`)
    const label = { ami: copy.ami, run, deadline: new Date(deadline), runUrl: req.runUrl, build: copy.build }
    result.instance = await launchTestInstance(ec2, image, result.instanceType, o, label)
    result.terminated = false
    core.info(`${where}: test instance ${result.instance} (${result.instanceType}, ${result.platform}) launched`)

    try {
      const checks = await waitForStatusChecks(ec2, result.instance, deadline)
      result.bootSeconds = Math.round((Date.now() - started) / 1000)
      check('system status', true, checks.system)
      check('instance status', true, checks.instance)
      core.info(`${where}: booted in ${result.bootSeconds} s, both status checks ok`)
    } catch (err) {
      if (!(err instanceof StatusCheckFailure)) throw err
      check('system status', err.checks.system === 'ok', err.checks.system)
      check('instance status', err.checks.instance === 'ok', err.checks.instance)
      throw err
    }

    if (o.instanceProfile !== undefined) {
      await waitForAgent(ssm, result.instance, deadline).catch((err: unknown) => {
        check('SSM agent', false, (err as Error).message)
        throw err
      })
      check('SSM agent', true, 'online')
      core.info(`${where}: SSM Agent online`)
    }
    if (o.commands !== undefined) {
      const outcome = await runScript(ssm, result.instance, result.platform, o.commands, deadline, `packer-ami-action test of ${copy.ami}`)
      result.exitCode = outcome.exitCode
      result.outputTail = { stdout: tail(req.redact(outcome.stdout)), stderr: tail(req.redact(outcome.stderr)) }
      result.outputTruncated = outcome.truncated
      const ok = outcome.status === 'Success' && outcome.exitCode === 0
      const detail = outcome.status === 'not finished' ? 'not finished within test-timeout' : `${outcome.status}, exit code ${outcome.exitCode}`
      check('test-commands', ok, detail)
      core.info(`${where}: test-commands ${detail}${outcome.truncated ? ' (Run Command cut the output)' : ''}`)
      if (!ok) throw new Error(`test-commands: ${detail}`)
    }
    result.passed = true
    if (req.inventory !== undefined && o.instanceProfile !== undefined) {
      const listed = await inventoryOf(ec2, ssm, copy, image, result, req.inventory.familyOf(copy.build), deadline)
      if (listed !== undefined) inventories.push(listed)
    }
  } catch (err) {
    result.failure = req.redact((err as Error).message)
    core.error(`${where}: test failed: ${result.failure}`)
  } finally {
    if (result.instance !== undefined) await terminate(ec2, where, result)
  }
  return result
}

/**
 * The packages on the test instance (src/inventory), after test-commands passed, through the same
 * Run Command. A listing that fails is a warning on the AMI's record, not a failed test: the image
 * works, only its inventory is missing.
 */
async function inventoryOf(ec2: EC2Client, ssm: SSMClient, copy: Copy, image: Image, result: TestResult, family: string, deadline: number): Promise<InventoryResult | undefined> {
  const instance = result.instance as string
  const platform = result.platform as Platform
  const runOnInstance = async (script: string): Promise<RunResult> => {
    const o = await runScript(ssm, instance, platform, script, deadline, `packer-ami-action inventory of ${copy.ami}`)
    // A script that did not finish has no exit code of its own: it counts as a failure.
    return { exitCode: o.status === 'Success' || o.exitCode > 0 ? o.exitCode : 1, stdout: o.stdout, stderr: o.stderr, truncated: o.truncated }
  }
  try {
    // The image it replaces: the newest other AMI of the family that passed its test (or had none).
    const previous = await previousImage(ec2, family, copy.ami)
    const listed = await takeInventory(runOnInstance, {
      region: copy.region,
      account: image.OwnerId ?? '',
      ami: copy.ami,
      family,
      build: copy.build,
      platform,
      previousRunUrl: previous?.runUrl
    })
    core.info(`${copy.region} ${copy.ami}: inventory of ${listed.packages} packages, SBOM ${listed.sbomPath}`)
    return listed
  } catch (err) {
    result.inventoryError = (err as Error).message
    core.warning(`${copy.region} ${copy.ami}: no inventory: ${result.inventoryError}`)
    return undefined
  }
}

async function describeImage(ec2: EC2Client, ami: string): Promise<Image> {
  const { Images = [] } = await ec2.send(new DescribeImagesCommand({ ImageIds: [ami] }))
  const image = Images.find((i) => i.ImageId === ami)
  if (image === undefined) throw new Error(`${ami} is not visible to DescribeImages`)
  return image
}

/** Terminates and waits for the instance to go; a failure here is reported, never thrown: the post step tries again. */
async function terminate(ec2: EC2Client, where: string, result: TestResult): Promise<void> {
  const id = result.instance as string
  try {
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }))
    const live = await waitTerminated(ec2, [id], TERMINATION.pollMs, TERMINATION.timeoutMs)
    result.terminated = live.length === 0
  } catch (err) {
    core.warning(`${where}: could not terminate test instance ${id}: ${(err as Error).message}; the post step will try again`)
    return
  }
  if (result.terminated) core.info(`${where}: test instance ${id} terminated`)
  else core.warning(`${where}: test instance ${id} still not terminated after ${TERMINATION.timeoutMs / 60_000} minutes; the post step will try again`)
}
