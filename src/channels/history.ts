import { GetParameterHistoryCommand, type SSMClient } from '@aws-sdk/client-ssm'

/** One version of a channel: an assignment, as GetParameterHistory keeps it. */
export interface ChannelVersion {
  version: number
  ami: string
  labels: string[]
  description?: string
  modified?: string
}

/** Every version SSM still keeps (the newest 100), oldest first. */
export async function channelHistory(ssm: SSMClient, name: string): Promise<ChannelVersion[]> {
  const versions: ChannelVersion[] = []
  let NextToken: string | undefined
  do {
    const page = await ssm.send(new GetParameterHistoryCommand({ Name: name, MaxResults: 50, NextToken }))
    for (const p of page.Parameters ?? []) {
      if (p.Version === undefined || p.Value === undefined) continue
      versions.push({ version: p.Version, ami: p.Value, labels: p.Labels ?? [], description: p.Description, modified: p.LastModifiedDate?.toISOString() })
    }
    NextToken = page.NextToken
  } while (NextToken)
  return versions.sort((a, b) => a.version - b.version)
}

/**
 * The version to move back to: the newest one before the current whose AMI differs from the
 * current one and is usable (`problemsOf` finds nothing wrong with it). Those skipped, and why,
 * come back too, so the log can say what was passed over.
 */
export function earlierVersion(
  history: readonly ChannelVersion[],
  problemsOf: (ami: string) => string[]
): { target?: ChannelVersion; skipped: Array<{ version: number; ami: string; why: string }> } {
  const current = history[history.length - 1]
  const skipped: Array<{ version: number; ami: string; why: string }> = []
  if (current === undefined) return { skipped }
  for (let i = history.length - 2; i >= 0; i--) {
    const v = history[i]
    if (v.ami === current.ami) continue
    const problems = problemsOf(v.ami)
    if (problems.length === 0) return { target: v, skipped }
    skipped.push({ version: v.version, ami: v.ami, why: problems.join(', ') })
  }
  return { skipped }
}
