import {
  GetParameterCommand,
  GetParameterHistoryCommand,
  LabelParameterVersionCommand,
  ListTagsForResourceCommand,
  PutParameterCommand,
  UnlabelParameterVersionCommand,
  type SSMClient
} from '@aws-sdk/client-ssm'
import { CHANNEL_FAMILY_TAG, CHANNEL_TAG } from './tags.js'

/** A channel parameter in one region as SSM holds it now. */
export type ChannelState =
  | { kind: 'absent' }
  /** This action's channel of the family: its tags say so. */
  | { kind: 'ours'; ami: string; version: number }
  /** A parameter of that name that is not: never written. `why` says what its tags say. */
  | { kind: 'foreign'; why: string }

export interface ChannelRef {
  name: string
  family: string
  channel: string
}

const IMAGE_DATA_TYPE = 'aws:ec2:image'

function errorName(err: unknown): string {
  return (err as { name?: string }).name ?? ''
}

/** The parameter's value and whether it is ours, by its tags (ListTagsForResource). */
export async function readChannel(ssm: SSMClient, ref: ChannelRef): Promise<ChannelState> {
  let value: string
  let version: number
  try {
    const { Parameter } = await ssm.send(new GetParameterCommand({ Name: ref.name }))
    value = Parameter?.Value ?? ''
    version = Parameter?.Version ?? 0
  } catch (err) {
    if (errorName(err) === 'ParameterNotFound') return { kind: 'absent' }
    throw err
  }
  const why = await notOurs(ssm, ref)
  return why === undefined ? { kind: 'ours', ami: value, version } : { kind: 'foreign', why }
}

/** Undefined when the parameter carries this action's family and channel tags; else what it carries instead. */
async function notOurs(ssm: SSMClient, ref: ChannelRef): Promise<string | undefined> {
  const { TagList = [] } = await ssm.send(new ListTagsForResourceCommand({ ResourceType: 'Parameter', ResourceId: ref.name }))
  const tag = (key: string): string | undefined => TagList.find((t) => t.Key === key)?.Value
  const family = tag(CHANNEL_FAMILY_TAG)
  const channel = tag(CHANNEL_TAG)
  if (family === ref.family && channel === ref.channel) return undefined
  if (family === undefined || channel === undefined) return `it does not carry the tags ${CHANNEL_FAMILY_TAG} and ${CHANNEL_TAG}: the action did not create it`
  return `it is the channel ${channel} of family ${family}`
}

export interface Written {
  version: number
  /** Labels SSM refused (InvalidLabels), which it reports instead of failing. */
  invalidLabels: string[]
}

/**
 * A new version of the channel with `ami`, labelled. A parameter that does not exist is created
 * with the ownership tags (PutParameter takes tags only when it creates); one that exists is
 * written only when its tags prove it is this channel. When Parameter Store holds 100 versions it
 * deletes the oldest on the next write, unless that one has a label, when it refuses
 * (ParameterMaxVersionLimitExceeded, SSM API Reference, PutParameter): the oldest version's labels
 * are taken off (UnlabelParameterVersion) and the write tried once more.
 */
export async function writeChannel(ssm: SSMClient, ref: ChannelRef, ami: string, labels: string[], description: string): Promise<Written> {
  let version: number | undefined
  try {
    const created = await ssm.send(
      new PutParameterCommand({
        Name: ref.name,
        Value: ami,
        Type: 'String',
        DataType: IMAGE_DATA_TYPE,
        Description: description,
        Overwrite: false,
        Tags: [
          { Key: CHANNEL_FAMILY_TAG, Value: ref.family },
          { Key: CHANNEL_TAG, Value: ref.channel }
        ]
      })
    )
    version = created.Version
  } catch (err) {
    // Another run may have created it since it was read: then it is checked like any other.
    if (errorName(err) !== 'ParameterAlreadyExists') throw err
  }
  if (version === undefined) {
    const why = await notOurs(ssm, ref)
    if (why !== undefined) throw new Error(`${ref.name} exists and is not this action's channel ${ref.channel} of ${ref.family}: ${why}`)
    version = await overwrite(ssm, ref.name, ami, description)
  }
  if (version === undefined) throw new Error(`SSM answered PutParameter for ${ref.name} without a version`)
  if (labels.length === 0) return { version, invalidLabels: [] }
  const { InvalidLabels = [] } = await ssm.send(new LabelParameterVersionCommand({ Name: ref.name, ParameterVersion: version, Labels: labels }))
  return { version, invalidLabels: InvalidLabels }
}

async function overwrite(ssm: SSMClient, Name: string, ami: string, Description: string): Promise<number | undefined> {
  const put = (): Promise<{ Version?: number }> => ssm.send(new PutParameterCommand({ Name, Value: ami, Type: 'String', DataType: IMAGE_DATA_TYPE, Description, Overwrite: true }))
  try {
    return (await put()).Version
  } catch (err) {
    if (errorName(err) !== 'ParameterMaxVersionLimitExceeded') throw err
    // GetParameterHistory lists the oldest version first.
    const { Parameters = [] } = await ssm.send(new GetParameterHistoryCommand({ Name, MaxResults: 1 }))
    const oldest = Parameters[0]
    if (oldest?.Version === undefined || (oldest.Labels ?? []).length === 0) throw err
    await ssm.send(new UnlabelParameterVersionCommand({ Name, ParameterVersion: oldest.Version, Labels: oldest.Labels }))
    return (await put()).Version
  }
}
