import { CancelCommandCommand, GetCommandInvocationCommand, SendCommandCommand, type GetCommandInvocationCommandOutput, type SSMClient } from '@aws-sdk/client-ssm'
import { DeadlineError, pollUntil } from './poll.js'
import type { Platform } from './launch.js'
import { OUTPUT_LIMITS } from './results.js'

/** What Run Command reports for the script. */
export interface CommandOutcome {
  /** GetCommandInvocation's Status: Success, Failed, TimedOut, Cancelled, or `not finished` at the deadline. */
  status: string
  /** The script's exit code; -1 when it never ran to the end. */
  exitCode: number
  stdout: string
  stderr: string
  /** Run Command kept only the start of the output (see OUTPUT_LIMITS). */
  truncated: boolean
}

/** The agent's mark at the end of cut output (iohandler.go, DefaultOutputConfig; see OUTPUT_LIMITS). */
const TRUNCATED_SUFFIX = '--output truncated--'

/** Statuses after which the invocation changes no more (SSM API Reference, GetCommandInvocation, Status). */
const FINAL = ['Success', 'Failed', 'TimedOut', 'Cancelled']
/** AWS-RunShellScript's executionTimeout takes 1 to 172800 seconds; SendCommand's TimeoutSeconds at least 30. */
const MAX_EXECUTION_SECONDS = 172_800
const MIN_DELIVERY_SECONDS = 30

/** The documents AWS provides for a script on each platform (SSM User Guide, "AWS managed documents"). */
export function documentFor(platform: Platform): string {
  return platform === 'windows' ? 'AWS-RunPowerShellScript' : 'AWS-RunShellScript'
}

/**
 * Sends the script with Run Command and waits for its result, until the deadline: past it, the
 * command is cancelled. The agent writes the lines to a script file and runs it with `sh -c`
 * (aws/amazon-ssm-agent agent/plugins/runscript/runshellscript.go, runscript.go), so the script
 * is sent line by line, as the console sends it.
 */
export async function runScript(ssm: SSMClient, instance: string, platform: Platform, script: string, deadline: number, comment: string): Promise<CommandOutcome> {
  const seconds = Math.max(1, Math.min(MAX_EXECUTION_SECONDS, Math.ceil((deadline - Date.now()) / 1000)))
  const { Command } = await ssm.send(
    new SendCommandCommand({
      InstanceIds: [instance],
      DocumentName: documentFor(platform),
      Comment: comment.slice(0, 100),
      TimeoutSeconds: Math.max(MIN_DELIVERY_SECONDS, seconds),
      Parameters: { commands: script.replace(/\r\n/g, '\n').split('\n'), executionTimeout: [String(seconds)] }
    })
  )
  const CommandId = Command?.CommandId as string
  let last: GetCommandInvocationCommandOutput | undefined
  try {
    last = await pollUntil(
      async () => {
        const answer = await invocation(ssm, CommandId, instance)
        if (answer !== undefined) last = answer
        return answer !== undefined && FINAL.includes(answer.Status ?? '') ? answer : undefined
      },
      deadline,
      'test-commands to finish',
      () => last?.Status ?? 'no invocation yet'
    )
  } catch (err) {
    if (!(err instanceof DeadlineError)) throw err
    await ssm.send(new CancelCommandCommand({ CommandId, InstanceIds: [instance] })).catch(() => undefined)
    return { ...outcomeOf(last), status: 'not finished', exitCode: -1 }
  }
  return outcomeOf(last)
}

function outcomeOf(answer: GetCommandInvocationCommandOutput | undefined): CommandOutcome {
  const stdout = answer?.StandardOutputContent ?? ''
  const stderr = answer?.StandardErrorContent ?? ''
  const cut = (text: string, limit: number): boolean => text.length >= limit || text.endsWith(TRUNCATED_SUFFIX)
  return {
    status: answer?.Status ?? 'not started',
    exitCode: answer?.ResponseCode ?? -1,
    stdout,
    stderr,
    truncated: cut(stdout, OUTPUT_LIMITS.stdout) || cut(stderr, OUTPUT_LIMITS.stderr)
  }
}

/** Right after SendCommand the invocation may not exist yet: "InvocationDoesNotExist" (SSM API Reference, GetCommandInvocation, Errors). */
async function invocation(ssm: SSMClient, CommandId: string, InstanceId: string): Promise<GetCommandInvocationCommandOutput | undefined> {
  try {
    return await ssm.send(new GetCommandInvocationCommand({ CommandId, InstanceId }))
  } catch (err) {
    if ((err as { name?: string }).name === 'InvocationDoesNotExist') return undefined
    throw err
  }
}
