import * as core from '@actions/core'
import {
  DescribeImageReferencesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  type EC2Client,
  type ImageReference
} from '#client-ec2'
import { DescribeParametersCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm'
import { regionalClients } from './clients.js'
import { LIVE_INSTANCE_STATES } from './images.js'

/**
 * What refers to each AMI, as labels: `instance:i-0abc`, `launch-template:lt-0abc` (with `:v4`
 * when the version is known), `ssm:/team/base-ami`, `image-recipe:name/1.0.0`. An AMI nothing
 * refers to is absent.
 */
export type References = Map<string, string[]>

export interface ReferenceCheck {
  references: References
  /** `DescribeImageReferences`, or the fallback's checks and why EC2's own check did not answer. */
  via: string
}

export interface ReferenceClients {
  ec2: EC2Client
  ssm: SSMClient
}

/** SSM clients for the fallback, beside the only code that needs them (see clients.ts). */
export const ssmClients = (): ((region: string) => SSMClient) => regionalClients((config) => new SSMClient(config))

/** DescribeImageReferences takes at most 10 ImageIds a call. */
const IDS_PER_REFERENCE_CALL = 10
/** Batches of DescribeImageReferences in flight at once: a thousand AMIs are a hundred calls. */
const PARALLEL_REFERENCE_CALLS = 5
/**
 * EC2 checks only the 10 newest versions of each launch template unless told otherwise; 10,000 is
 * the largest depth it takes and as many versions as a launch template can have: every version.
 */
const EVERY_LAUNCH_TEMPLATE_VERSION = '10000'
/** Values of one EC2 filter a request carries, so a long list of AMIs never makes one huge request. */
const FILTER_VALUES = 200
/** GetParameters takes at most 10 names a call. */
const NAMES_PER_GET_PARAMETERS = 10
const IMAGE_DATA_TYPE = 'aws:ec2:image'

/**
 * Everything that refers to any of `amis` in one region. EC2's DescribeImageReferences sees
 * instances, every launch template version, SSM parameters and Image Builder recipes at once.
 * Where it does not answer (a partition without it, an emulator), the fallback checks the
 * resource kinds it can list itself: live instances, every version of every launch template,
 * and SSM parameters of data type `aws:ec2:image`. The fallback sees no Image Builder recipe.
 */
export async function findReferences(clients: ReferenceClients, amis: string[]): Promise<ReferenceCheck> {
  if (amis.length === 0) return { references: new Map(), via: 'nothing to check' }
  try {
    return { references: await describeImageReferences(clients.ec2, amis), via: 'DescribeImageReferences' }
  } catch (error) {
    // Any failure: the fallback proves as much on its own, and fails loudly if it cannot.
    const why = errorName(error)
    core.info(`DescribeImageReferences did not answer (${why}): checking instances, launch template versions and SSM parameters instead`)
    return {
      references: await referencesByListing(clients, amis),
      via: `instances, launch template versions and SSM parameters (DescribeImageReferences: ${why})`
    }
  }
}

function errorName(error: unknown): string {
  const e = error as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } }
  const name = e.Code ?? e.name ?? 'error'
  const status = e.$metadata?.httpStatusCode
  return status === undefined ? name : `${name}, HTTP ${status}`
}

async function describeImageReferences(ec2: EC2Client, amis: string[]): Promise<References> {
  const references: References = new Map()
  const batches = chunks(amis, IDS_PER_REFERENCE_CALL)
  const one = async (ImageIds: string[]): Promise<void> => {
    let NextToken: string | undefined
    do {
      const page = await ec2.send(
        new DescribeImageReferencesCommand({
          ImageIds,
          IncludeAllResourceTypes: true,
          // These override the defaults for their types: EC2 would count terminated instances
          // and look at only the 10 newest launch template versions.
          ResourceTypes: [
            { ResourceType: 'ec2:Instance', ResourceTypeOptions: [{ OptionName: 'state-name', OptionValues: LIVE_INSTANCE_STATES }] },
            { ResourceType: 'ec2:LaunchTemplate', ResourceTypeOptions: [{ OptionName: 'version-depth', OptionValues: [EVERY_LAUNCH_TEMPLATE_VERSION] }] }
          ],
          NextToken
        })
      )
      for (const r of page.ImageReferences ?? []) if (r.ImageId) add(references, r.ImageId, referenceLabel(r))
      NextToken = page.NextToken
    } while (NextToken)
  }
  // The first batch alone: where the API does not answer, one call says so, not five.
  await one(batches[0])
  await inParallel(batches.slice(1), PARALLEL_REFERENCE_CALLS, one)
  return references
}

/**
 * A reference as a short label from its ARN: `arn:aws:ec2:r:a:instance/i-1` is `instance:i-1`,
 * `arn:aws:ssm:r:a:parameter/team/base-ami` is `ssm:/team/base-ami` (a name with slashes
 * always begins with one; a one-level name shows without it, as its ARN does), an Image Builder
 * recipe is `image-recipe:name/1.0.0`. An ARN of another shape shows whole.
 */
export function referenceLabel(r: ImageReference): string {
  const arn = r.Arn ?? ''
  const resource = arn.split(':').slice(5).join(':')
  const slash = resource.indexOf('/')
  if (!arn.startsWith('arn:') || slash <= 0) return `${r.ResourceType ?? 'resource'}:${arn}`
  const [kind, id] = [resource.slice(0, slash), resource.slice(slash + 1)]
  if (r.ResourceType === 'ssm:Parameter' || kind === 'parameter') return `ssm:${id.includes('/') ? `/${id}` : id}`
  return `${kind}:${id}`
}

async function referencesByListing(clients: ReferenceClients, amis: string[]): Promise<References> {
  const references: References = new Map()
  const wanted = new Set(amis)
  const found = await Promise.all([instances(clients.ec2, amis), launchTemplateVersions(clients.ec2, wanted), imageParameters(clients.ssm, wanted)])
  for (const list of found) for (const [ami, label] of list) add(references, ami, label)
  return references
}

type Found = Array<[ami: string, label: string]>

async function instances(ec2: EC2Client, amis: string[]): Promise<Found> {
  const found: Found = []
  for (const values of chunks(amis, FILTER_VALUES)) {
    let NextToken: string | undefined
    do {
      const page = await ec2.send(
        new DescribeInstancesCommand({
          Filters: [
            { Name: 'image-id', Values: values },
            { Name: 'instance-state-name', Values: LIVE_INSTANCE_STATES }
          ],
          MaxResults: 1000,
          NextToken
        })
      )
      for (const r of page.Reservations ?? []) {
        for (const i of r.Instances ?? []) if (i.ImageId && i.InstanceId) found.push([i.ImageId, `instance:${i.InstanceId}`])
      }
      NextToken = page.NextToken
    } while (NextToken)
  }
  return found
}

/** Every version of every launch template, not only the default and the latest: any can be launched. */
async function launchTemplateVersions(ec2: EC2Client, wanted: Set<string>): Promise<Found> {
  const found: Found = []
  let NextToken: string | undefined
  do {
    const page = await ec2.send(new DescribeLaunchTemplatesCommand({ MaxResults: 200, NextToken }))
    for (const t of page.LaunchTemplates ?? []) {
      let versionToken: string | undefined
      do {
        const versions = await ec2.send(
          new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: t.LaunchTemplateId, MaxResults: 200, NextToken: versionToken })
        )
        for (const v of versions.LaunchTemplateVersions ?? []) {
          const ami = v.LaunchTemplateData?.ImageId
          if (ami && wanted.has(ami)) found.push([ami, `launch-template:${t.LaunchTemplateId}:v${v.VersionNumber}`])
        }
        versionToken = versions.NextToken
      } while (versionToken)
    }
    NextToken = page.NextToken
  } while (NextToken)
  return found
}

/** Parameters of data type `aws:ec2:image` in the region, any team's, whose value is one of the AMIs. */
async function imageParameters(ssm: SSMClient, wanted: Set<string>): Promise<Found> {
  const names: string[] = []
  let NextToken: string | undefined
  do {
    const page = await ssm.send(
      new DescribeParametersCommand({ ParameterFilters: [{ Key: 'DataType', Values: [IMAGE_DATA_TYPE] }], MaxResults: 50, NextToken })
    )
    for (const p of page.Parameters ?? []) if (p.Name) names.push(p.Name)
    NextToken = page.NextToken
  } while (NextToken)
  const found: Found = []
  for (const Names of chunks(names, NAMES_PER_GET_PARAMETERS)) {
    const { Parameters = [] } = await ssm.send(new GetParametersCommand({ Names }))
    for (const p of Parameters) if (p.Name && p.Value && wanted.has(p.Value)) found.push([p.Value, `ssm:${p.Name}`])
  }
  return found
}

function add(references: References, ami: string, label: string): void {
  const list = references.get(ami) ?? []
  if (!list.includes(label)) list.push(label)
  references.set(ami, list)
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Runs `each` over `items`, at most `limit` at a time; the first failure fails the lot. */
async function inParallel<T>(items: T[], limit: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) await each(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}
