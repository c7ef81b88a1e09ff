import * as core from '@actions/core'
import {
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  IAMClient,
  ListRolePoliciesCommand,
  RemoveRoleFromInstanceProfileCommand
} from '@aws-sdk/client-iam'
import type { BuildLedger } from '../packer/ledger.js'
import { regionalClients } from './clients.js'
import type { Leftover } from './leftovers.js'

/** packer-plugin-amazon v1.8.2 common/step_iam_instance_profile.go names all three packer-<uuid>. */
const PACKER_IAM = /^packer-[0-9a-f-]+$/

/**
 * The temporary instance profile and role (with its inline policy) a build created, in the
 * order IAM allows: the role out of the profile, the profile, the role's policies, the role.
 * Only names of the plugin's form, created after the run began.
 */
export async function removeIam(builds: Array<[string, BuildLedger]>, runStart: Date, marginMs: number, keep: boolean): Promise<Leftover[]> {
  const names = builds.flatMap(([build, b]) => [...new Set(b.iam)].filter((n) => PACKER_IAM.test(n)).map((name) => ({ build, name })))
  if (names.length === 0) return []
  const iam = regionalClients((config) => new IAMClient(config))(process.env.AWS_REGION || 'us-east-1')
  const ours = (created: Date | undefined): boolean => created !== undefined && created.getTime() >= runStart.getTime() - marginMs
  const out: Leftover[] = []
  const note = (build: string, kind: Leftover['kind'], id: string): void => {
    out.push({ build, region: 'global', kind, id, outcome: keep ? 'kept' : 'removed' })
    core.info(`IAM: ${keep ? 'kept' : 'removed'} ${kind} ${id} of ${build}`)
  }
  for (const { build, name } of names) {
    const profile = await absentIsUndefined(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name })))
    if (profile?.InstanceProfile !== undefined && ours(profile.InstanceProfile.CreateDate)) {
      if (!keep) {
        for (const role of profile.InstanceProfile.Roles ?? []) {
          await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: name, RoleName: role.RoleName }))
        }
        await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: name }))
      }
      note(build, 'instance profile', name)
    }
    const role = await absentIsUndefined(iam.send(new GetRoleCommand({ RoleName: name })))
    if (role?.Role !== undefined && ours(role.Role.CreateDate)) {
      if (!keep) {
        const { PolicyNames = [] } = await iam.send(new ListRolePoliciesCommand({ RoleName: name }))
        for (const policy of PolicyNames) await iam.send(new DeleteRolePolicyCommand({ RoleName: name, PolicyName: policy }))
        await iam.send(new DeleteRoleCommand({ RoleName: name }))
      }
      note(build, 'role', name)
    }
  }
  return out
}

async function absentIsUndefined<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call
  } catch (err) {
    if ((err as { name?: string }).name === 'NoSuchEntityException' || (err as { name?: string }).name === 'NoSuchEntity') return undefined
    throw err
  }
}
