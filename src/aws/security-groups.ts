import { DeleteSecurityGroupCommand, type EC2Client } from '#client-ec2'
import { setTimeout as sleep } from 'node:timers/promises'

/**
 * Deletes a group, retrying while something still holds it: EC2 answers DependencyViolation
 * until a terminated instance's interfaces are gone. A group already gone is no error.
 */
export async function deleteSecurityGroup(ec2: EC2Client, id: string, tries: number, retryMs: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return void (await ec2.send(new DeleteSecurityGroupCommand({ GroupId: id })))
    } catch (err) {
      const name = (err as { name?: string }).name
      if (name === 'InvalidGroup.NotFound') return
      if (name !== 'DependencyViolation' || attempt >= tries) throw err
      await sleep(retryMs)
    }
  }
}
