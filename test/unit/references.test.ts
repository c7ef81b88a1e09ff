/**
 * findReferences over recording fake clients: how EC2's DescribeImageReferences is asked
 * (batches of 10, every launch template version, live instances only, every page), when the
 * fallback takes over, and how it pages through instances, launch template versions and SSM
 * parameters. The same code against moto through the proxy runs in
 * test/integration/retention-references.test.ts.
 */
import type { EC2Client } from '@aws-sdk/client-ec2'
import type { SSMClient } from '@aws-sdk/client-ssm'
import { findReferences, referenceLabel } from '../../src/aws/references.js'

type Input = Record<string, unknown>
type Call = [command: string, input: Input]
type Answer = (command: string, input: Input) => unknown

function fakeClient<T>(calls: Call[], answer: Answer): T {
  return {
    send: async (command: { constructor: { name: string }; input: Input }) => {
      const name = command.constructor.name.replace(/Command$/, '')
      calls.push([name, command.input])
      return answer(name, command.input)
    }
  } as unknown as T
}

function clients(ec2: Answer, ssm: Answer = () => ({})): { ec2: EC2Client; ssm: SSMClient; calls: Call[] } {
  const calls: Call[] = []
  return { ec2: fakeClient<EC2Client>(calls, ec2), ssm: fakeClient<SSMClient>(calls, ssm), calls }
}

const amis = (n: number): string[] => Array.from({ length: n }, (_, i) => `ami-${String(i).padStart(4, '0')}`)
const invalidAction = Object.assign(new Error('The action DescribeImageReferences is not valid for this web service.'), {
  name: 'InvalidAction',
  $metadata: { httpStatusCode: 400 }
})

describe('findReferences through DescribeImageReferences', () => {
  it('asks in batches of 10, for every resource type, live instances and every launch template version', async () => {
    const c = clients((_command, input) => {
      const ids = input.ImageIds as string[]
      return { ImageReferences: ids.includes('ami-0012') ? [{ ImageId: 'ami-0012', ResourceType: 'ssm:Parameter', Arn: 'arn:aws:ssm:us-east-1:1:parameter/team/base-ami' }] : [] }
    })
    const check = await findReferences(c, amis(25))

    expect(check.via).toBe('DescribeImageReferences')
    expect([...check.references]).toEqual([['ami-0012', ['ssm:/team/base-ami']]])
    expect(c.calls.map(([command]) => command)).toEqual(['DescribeImageReferences', 'DescribeImageReferences', 'DescribeImageReferences'])
    expect(c.calls.map(([, input]) => (input.ImageIds as string[]).length)).toEqual([10, 10, 5])
    expect(c.calls.flatMap(([, input]) => input.ImageIds as string[]).sort()).toEqual(amis(25))
    expect(c.calls[0][1]).toMatchObject({
      IncludeAllResourceTypes: true,
      ResourceTypes: [
        { ResourceType: 'ec2:Instance', ResourceTypeOptions: [{ OptionName: 'state-name', OptionValues: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'] }] },
        { ResourceType: 'ec2:LaunchTemplate', ResourceTypeOptions: [{ OptionName: 'version-depth', OptionValues: ['10000'] }] }
      ]
    })
  })

  it('follows NextToken to the last page', async () => {
    const pages: Record<string, unknown> = {
      '': { ImageReferences: [{ ImageId: 'ami-1', ResourceType: 'ec2:Instance', Arn: 'arn:aws:ec2:us-east-1:1:instance/i-1' }], NextToken: 't1' },
      t1: { ImageReferences: [{ ImageId: 'ami-1', ResourceType: 'ec2:LaunchTemplate', Arn: 'arn:aws:ec2:us-east-1:1:launch-template/lt-1' }], NextToken: 't2' },
      t2: { ImageReferences: [{ ImageId: 'ami-2', ResourceType: 'imagebuilder:ImageRecipe', Arn: 'arn:aws:imagebuilder:us-east-1:1:image-recipe/base/1.0.0' }] }
    }
    const c = clients((_command, input) => pages[(input.NextToken as string | undefined) ?? ''])
    const check = await findReferences(c, ['ami-1', 'ami-2'])

    expect(Object.fromEntries(check.references)).toEqual({
      'ami-1': ['instance:i-1', 'launch-template:lt-1'],
      'ami-2': ['image-recipe:base/1.0.0']
    })
    expect(c.calls.map(([, input]) => input.NextToken)).toEqual([undefined, 't1', 't2'])
  })

  it('nothing to check asks nothing', async () => {
    const c = clients(() => ({}))
    expect(await findReferences(c, [])).toEqual({ references: new Map(), via: 'nothing to check' })
    expect(c.calls).toEqual([])
  })
})

describe('findReferences where DescribeImageReferences does not answer', () => {
  /** An account with one instance, two launch templates (one of 250 versions) and three image parameters. */
  function account(): Answer {
    return (command, input) => {
      switch (command) {
        case 'DescribeImageReferences':
          throw invalidAction
        case 'DescribeInstances': {
          const values = (input.Filters as Array<{ Name: string; Values: string[] }>).find((f) => f.Name === 'image-id')?.Values ?? []
          return values.includes('ami-0003') ? { Reservations: [{ Instances: [{ InstanceId: 'i-9', ImageId: 'ami-0003' }] }] } : {}
        }
        case 'DescribeLaunchTemplates':
          return input.NextToken === undefined
            ? { LaunchTemplates: [{ LaunchTemplateId: 'lt-a' }], NextToken: 'more' }
            : { LaunchTemplates: [{ LaunchTemplateId: 'lt-b' }] }
        case 'DescribeLaunchTemplateVersions': {
          if (input.LaunchTemplateId === 'lt-a') return { LaunchTemplateVersions: [{ VersionNumber: 1, LaunchTemplateData: { ImageId: 'ami-0001' } }] }
          // 250 versions in two pages; only version 3, long ago, launches ami-0002.
          const from = input.NextToken === undefined ? 1 : 201
          const to = input.NextToken === undefined ? 200 : 250
          const versions = Array.from({ length: to - from + 1 }, (_, i) => ({ VersionNumber: from + i, LaunchTemplateData: { ImageId: from + i === 3 ? 'ami-0002' : 'ami-other' } }))
          return { LaunchTemplateVersions: versions, NextToken: input.NextToken === undefined ? 'v2' : undefined }
        }
        default:
          throw new Error(`unexpected ${command}`)
      }
    }
  }

  function parameters(): Answer {
    const all = Array.from({ length: 23 }, (_, i) => ({ Name: `/p/${i}`, Value: i === 17 ? 'ami-0004' : i === 4 ? 'ami-0001' : 'ami-elsewhere' }))
    return (command, input) => {
      if (command === 'DescribeParameters') {
        const from = Number(input.NextToken ?? 0)
        const page = all.slice(from, from + 10).map(({ Name }) => ({ Name, DataType: 'aws:ec2:image' }))
        return { Parameters: page, NextToken: from + 10 < all.length ? String(from + 10) : undefined }
      }
      if (command === 'GetParameters') return { Parameters: all.filter((p) => (input.Names as string[]).includes(p.Name)) }
      throw new Error(`unexpected ${command}`)
    }
  }

  it('checks instances, every version of every launch template and aws:ec2:image parameters, all pages, and says why', async () => {
    const c = clients(account(), parameters())
    const check = await findReferences(c, amis(6))

    expect(check.via).toBe('instances, launch template versions and SSM parameters (DescribeImageReferences: InvalidAction, HTTP 400)')
    expect(Object.fromEntries(check.references)).toEqual({
      'ami-0001': ['launch-template:lt-a:v1', 'ssm:/p/4'],
      'ami-0002': ['launch-template:lt-b:v3'],
      'ami-0003': ['instance:i-9'],
      'ami-0004': ['ssm:/p/17']
    })
    const sent = (command: string): Input[] => c.calls.filter(([name]) => name === command).map(([, input]) => input)
    // One try of DescribeImageReferences, not one per batch.
    expect(sent('DescribeImageReferences')).toHaveLength(1)
    expect(sent('DescribeLaunchTemplates').map((i) => i.NextToken)).toEqual([undefined, 'more'])
    expect(sent('DescribeLaunchTemplateVersions').map((i) => [i.LaunchTemplateId, i.NextToken])).toEqual([
      ['lt-a', undefined],
      ['lt-b', undefined],
      ['lt-b', 'v2']
    ])
    expect(sent('DescribeParameters')).toHaveLength(3)
    expect(sent('DescribeParameters')[0]).toMatchObject({ ParameterFilters: [{ Key: 'DataType', Values: ['aws:ec2:image'] }] })
    expect(sent('GetParameters').map((i) => (i.Names as string[]).length)).toEqual([10, 10, 3])
    expect(sent('DescribeInstances')[0]).toMatchObject({
      Filters: [
        { Name: 'image-id', Values: amis(6) },
        { Name: 'instance-state-name', Values: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'] }
      ]
    })
  })

  it('asks about instances in filters of at most 200 AMIs', async () => {
    const c = clients(account(), parameters())
    await findReferences(c, amis(450))
    const sizes = c.calls.filter(([name]) => name === 'DescribeInstances').map(([, input]) => (input.Filters as Array<{ Values: string[] }>)[0].Values.length)
    expect(sizes).toEqual([200, 200, 50])
  })

  it('a failure of the fallback fails the check: nothing is proven unreferenced', async () => {
    const denied = Object.assign(new Error('not authorized to perform ssm:DescribeParameters'), { name: 'AccessDeniedException' })
    const c = clients(account(), () => {
      throw denied
    })
    await expect(findReferences(c, amis(3))).rejects.toBe(denied)
  })

  it('a DescribeImageReferences that fails after answering some batches falls back for all of them', async () => {
    let n = 0
    const c = clients((command, input) => {
      if (command === 'DescribeImageReferences') {
        if (n++ === 0) return { ImageReferences: [{ ImageId: 'ami-0000', ResourceType: 'ec2:Instance', Arn: 'arn:aws:ec2:r:1:instance/i-0' }] }
        throw Object.assign(new Error('boom'), { name: 'InternalError', $metadata: { httpStatusCode: 500 } })
      }
      return account()(command, input)
    }, parameters())
    const check = await findReferences(c, amis(12))
    expect(check.via).toContain('DescribeImageReferences: InternalError, HTTP 500')
    expect(check.references.get('ami-0003')).toEqual(['instance:i-9'])
  })
})

describe('referenceLabel', () => {
  it.each<[string | undefined, string, string]>([
    ['ec2:Instance', 'arn:aws:ec2:us-east-1:123456789012:instance/i-0abc', 'instance:i-0abc'],
    ['ec2:LaunchTemplate', 'arn:aws:ec2:us-east-1:123456789012:launch-template/lt-0abc', 'launch-template:lt-0abc'],
    ['ssm:Parameter', 'arn:aws:ssm:us-east-1:123456789012:parameter/team/base-ami', 'ssm:/team/base-ami'],
    ['ssm:Parameter', 'arn:aws:ssm:us-east-1:123456789012:parameter/golden', 'ssm:golden'],
    ['ssm:Parameter', 'arn:aws-us-gov:ssm:us-gov-west-1:123456789012:parameter/a/b/c', 'ssm:/a/b/c'],
    ['imagebuilder:ImageRecipe', 'arn:aws:imagebuilder:us-east-1:123456789012:image-recipe/base/1.0.0', 'image-recipe:base/1.0.0'],
    ['imagebuilder:ContainerRecipe', 'arn:aws:imagebuilder:us-east-1:123456789012:container-recipe/app/2.1.0', 'container-recipe:app/2.1.0'],
    ['ec2:Something', 'not-an-arn', 'ec2:Something:not-an-arn'],
    [undefined, 'arn:aws:x:r:1:thing', 'resource:arn:aws:x:r:1:thing']
  ])('%s %s is %s', (ResourceType, Arn, expected) => {
    expect(referenceLabel({ ImageId: 'ami-1', ResourceType: ResourceType as 'ec2:Instance', Arn })).toBe(expected)
  })
})
