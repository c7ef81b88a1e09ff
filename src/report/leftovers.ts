import type { Leftover } from '../aws/leftovers.js'

/** How to remove one kept resource by hand, with the AWS CLI. */
export function removalCommand(l: Leftover): string {
  const r = `--region ${l.region}`
  const groupId = /\((sg-[0-9a-f]+)\)$/.exec(l.id)?.[1] ?? l.id
  switch (l.kind) {
    case 'instance':
      return `aws ec2 terminate-instances ${r} --instance-ids ${l.id}`
    case 'volume':
      return `aws ec2 delete-volume ${r} --volume-id ${l.id}`
    case 'AMI':
      return `aws ec2 deregister-image ${r} --image-id ${l.id}`
    case 'snapshot':
      return `aws ec2 delete-snapshot ${r} --snapshot-id ${l.id}`
    case 'launch template':
      return `aws ec2 delete-launch-template ${r} --launch-template-id ${l.id}`
    case 'security group':
      return `aws ec2 delete-security-group ${r} --group-id ${groupId}`
    case 'key pair':
      return `aws ec2 delete-key-pair ${r} --key-name ${l.id}`
    case 'instance profile':
      return `aws iam remove-role-from-instance-profile --instance-profile-name ${l.id} --role-name ${l.id} && aws iam delete-instance-profile --instance-profile-name ${l.id}`
    case 'role':
      return `aws iam delete-role-policy --role-name ${l.id} --policy-name ${l.id} && aws iam delete-role --role-name ${l.id}`
  }
}

/** The post step's section of the job summary: what it removed, kept or spared, and why. */
export function renderLeftovers(found: Leftover[], kept: boolean, finishedLate: string[]): string {
  const lines: string[] = []
  if (finishedLate.length > 0) {
    lines.push('### Builds Packer finished after the step ended', '', ...finishedLate.map((a) => `- ${a}`), '')
  }
  if (kept) {
    lines.push(
      '### Kept for debugging (`on-error: abort`)',
      '',
      'A build failed and Packer kept what it had made, as `on-error: abort` asks. The post step removes it only when the job is cancelled. To remove it by hand, in this order:',
      ''
    )
  } else {
    lines.push('### Cleanup after an unfinished build', '')
  }
  if (found.length === 0) return [...lines, 'Nothing was left behind.', ''].join('\n')
  lines.push('| Build | Region | Kind | Resource | |', '|---|---|---|---|---|')
  for (const l of found) lines.push(`| ${l.build} | ${l.region} | ${l.kind} | \`${l.id}\` | ${l.outcome}${l.note ? `: ${l.note}` : ''} |`)
  if (kept) lines.push('', '```sh', ...found.filter((l) => l.outcome === 'kept').map(removalCommand), '```')
  return [...lines, ''].join('\n')
}
