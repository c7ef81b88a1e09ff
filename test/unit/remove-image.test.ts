/**
 * removeImage's order and its use of DeregisterImage's DeleteAssociatedSnapshots, over a
 * recording fake client: which calls go out, in which order, for each answer EC2 can give.
 * The real thing against moto (which ignores the flag) and the proxy (which honours it) is in
 * test/integration/retention-references.test.ts and test/unit/aws-proxy.test.ts.
 */
import type { EC2Client } from '@aws-sdk/client-ec2'
import { removeImage } from '../../src/aws/images.js'

type Call = [command: string, input: Record<string, unknown>]

function fake(answer: (command: string, input: Record<string, unknown>) => unknown): { client: EC2Client; calls: Call[] } {
  const calls: Call[] = []
  const client = {
    send: async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      const name = command.constructor.name.replace(/Command$/, '')
      calls.push([name, command.input])
      return answer(name, command.input)
    }
  } as unknown as EC2Client
  return { client, calls }
}

const unknownParameter = Object.assign(new Error('The parameter DeleteAssociatedSnapshots is not recognized'), { name: 'UnknownParameter' })

describe('removeImage', () => {
  it('EC2 deleted every snapshot with the image: nothing else is sent', async () => {
    const { client, calls } = fake(() => ({
      Return: true,
      DeleteSnapshotResults: [
        { SnapshotId: 'snap-1', ReturnCode: 'success' },
        { SnapshotId: 'snap-2', ReturnCode: 'success' }
      ]
    }))
    expect(await removeImage(client, 'ami-1', ['snap-1', 'snap-2'])).toEqual([])
    expect(calls).toEqual([['DeregisterImage', { ImageId: 'ami-1', DeleteAssociatedSnapshots: true }]])
  })

  it('an endpoint that ignores the flag (moto) reports nothing: each snapshot is deleted after the deregistration', async () => {
    const { client, calls } = fake(() => ({ Return: true }))
    expect(await removeImage(client, 'ami-1', ['snap-1', 'snap-2'])).toEqual([])
    expect(calls).toEqual([
      ['DeregisterImage', { ImageId: 'ami-1', DeleteAssociatedSnapshots: true }],
      ['DeleteSnapshot', { SnapshotId: 'snap-1' }],
      ['DeleteSnapshot', { SnapshotId: 'snap-2' }]
    ])
  })

  it('a snapshot another AMI uses is skipped by EC2 and left alone here; one EC2 failed to delete is tried again', async () => {
    const { client, calls } = fake((command) =>
      command === 'DeregisterImage'
        ? {
            Return: true,
            DeleteSnapshotResults: [
              { SnapshotId: 'snap-1', ReturnCode: 'skipped' },
              { SnapshotId: 'snap-2', ReturnCode: 'internal-error' },
              { SnapshotId: 'snap-3', ReturnCode: 'success' }
            ]
          }
        : {}
    )
    expect(await removeImage(client, 'ami-1', ['snap-1', 'snap-2', 'snap-3'])).toEqual(['snap-1'])
    expect(calls.map(([c, i]) => `${c} ${String(i.SnapshotId ?? i.ImageId)}`)).toEqual(['DeregisterImage ami-1', 'DeleteSnapshot snap-2'])
  })

  it('an endpoint that refuses the flag deregisters without it, then deletes the snapshots', async () => {
    const { client, calls } = fake((command, input) => {
      if (command === 'DeregisterImage' && input.DeleteAssociatedSnapshots) throw unknownParameter
      return {}
    })
    await removeImage(client, 'ami-1', ['snap-1'])
    expect(calls).toEqual([
      ['DeregisterImage', { ImageId: 'ami-1', DeleteAssociatedSnapshots: true }],
      ['DeregisterImage', { ImageId: 'ami-1' }],
      ['DeleteSnapshot', { SnapshotId: 'snap-1' }]
    ])
  })

  it('a refused deregistration deletes no snapshot', async () => {
    const refused = Object.assign(new Error('protected'), { name: 'OperationNotPermitted' })
    const { client, calls } = fake(() => {
      throw refused
    })
    await expect(removeImage(client, 'ami-1', ['snap-1'])).rejects.toBe(refused)
    expect(calls.map(([c]) => c)).toEqual(['DeregisterImage'])
  })
})
