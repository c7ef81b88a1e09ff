/**
 * What an EC2 instance and its SSM Agent do, where moto cannot: moto reports both status checks
 * `ok` the moment an instance exists, has no DescribeInstanceInformation, and answers SendCommand
 * with an empty success. The loopback proxy (aws-proxy.ts, option `instances`) hands these calls
 * here:
 *
 *  - EC2 `DescribeInstanceStatus`: the system and instance status checks of moto's instances,
 *    `initializing` until `statusChecks` ms after the proxy first saw the instance, then `ok`
 *    (or `impaired`, or `initializing` for ever with `never`) (EC2 API Reference,
 *    DescribeInstanceStatus, InstanceStatus, InstanceStatusSummary, InstanceStatusDetails);
 *  - SSM `DescribeInstanceInformation`: a running instance with an instance profile registers
 *    `agentRegistration` ms after it was first seen (the agent needs the profile's
 *    AmazonSSMManagedInstanceCore: SSM User Guide, "Configure instance permissions required for
 *    Systems Manager"), with PingStatus `Online` (SSM API Reference, InstanceInformation);
 *  - SSM `SendCommand` with AWS-RunShellScript: the script really runs, as the agent runs it
 *    (the lines joined by newlines into `_script.sh`, run with `sh -c`: aws/amazon-ssm-agent
 *    agent/plugins/runscript/runshellscript.go and runscript.go), in a scratch directory standing
 *    for the instance, killed at its executionTimeout (or `maxScriptMs`); an instance whose agent
 *    is not online is refused with `InvalidInstanceId` (SSM API Reference, SendCommand, Errors).
 *    AWS-RunPowerShellScript runs with `pwsh` where it is installed;
 *  - SSM `GetCommandInvocation`: `InProgress` with ResponseCode -1 while the script runs, then
 *    `Success` (exit code 0), `Failed` or `TimedOut`, with the first 24,000 characters of stdout
 *    and 8,000 of stderr (SSM API Reference, GetCommandInvocation); `InvocationDoesNotExist` for
 *    an instance the command was not sent to;
 *  - SSM `ListCommandInvocations`: the same invocations, with `Details` the plugin's Output as
 *    the agent builds it: stdout, then stderr under `----------ERROR-------`, at most 2,500
 *    characters (aws/amazon-ssm-agent agent/framework/processor/executer/iohandler/iohandler.go,
 *    TruncateOutput and MaximumPluginOutputSize).
 *
 * Every other call goes to moto unchanged. The options may be changed between runs.
 */
import { DescribeInstancesCommand, EC2Client, type Instance } from '@aws-sdk/client-ec2'
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'

export interface InstanceEmulationOptions {
  /** Milliseconds from first sight until both status checks are `ok`; `never`: initializing for ever; `impaired`: the instance check fails. Default 0. */
  statusChecks?: number | 'never' | 'impaired'
  /** Milliseconds from first sight until the agent registers (instances with a profile only); `never`: it never does. Default 0. */
  agentRegistration?: number | 'never'
  /** The longest a script runs, whatever its executionTimeout. Default 60 s. */
  maxScriptMs?: number
  /**
   * More environment for the scripts, over PATH and HOME: a PATH with a directory ahead holding a
   * wrapper of dpkg-query makes this machine stand for an image whose packages differ. Default none.
   */
  scriptEnv?: Record<string, string>
}

/** A script the emulation ran, for tests to check. */
export interface RanCommand {
  commandId: string
  instanceId: string
  region: string
  document: string
  script: string
  /** Where it ran: the scratch directory standing for the instance. */
  directory: string
  status: 'InProgress' | 'Success' | 'Failed' | 'TimedOut'
  exitCode: number
  stdout: string
  stderr: string
}

export interface EmulatedCall {
  service: string
  action: string
  region?: string
  /** EC2's Query-API parameters. */
  params: URLSearchParams
}

export interface InstanceEmulation {
  options: InstanceEmulationOptions
  commands: RanCommand[]
  /** Answers the call when it is one of the emulated; false leaves it to the proxy. */
  answer(call: EmulatedCall, body: Buffer, res: http.ServerResponse): Promise<boolean>
  close(): void
}

const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/'
const SSM_JSON = 'application/x-amz-json-1.1'
const STDOUT_LIMIT = 24_000
const STDERR_LIMIT = 8_000
const PLUGIN_OUTPUT_LIMIT = 2_500
const DOCUMENTS: Record<string, { plugin: string; file: string; run: (file: string) => [string, string[]] }> = {
  'AWS-RunShellScript': { plugin: 'aws:runShellScript', file: '_script.sh', run: (file) => ['sh', ['-c', file]] },
  'AWS-RunPowerShellScript': { plugin: 'aws:runPowerShellScript', file: '_script.ps1', run: (file) => ['pwsh', ['-NoProfile', '-NonInteractive', '-File', file]] }
}
/** EC2's codes for instance states (EC2 API Reference, InstanceState). */
const STATE_CODES: Record<string, number> = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80 }

function xmlEscape(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)
}

function reply(res: http.ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body), 'x-amzn-RequestId': randomUUID() })
  res.end(body)
}

function ssmReply(res: http.ServerResponse, body: unknown): void {
  reply(res, 200, SSM_JSON, JSON.stringify(body))
}

function ssmError(res: http.ServerResponse, type: string, message: string): void {
  reply(res, 400, SSM_JSON, JSON.stringify({ __type: type, message }))
}

function ec2Error(res: http.ServerResponse, status: number, code: string, message: string): void {
  reply(res, status, 'text/xml;charset=UTF-8', `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`)
}

export function startInstanceEmulation(target: string, options: InstanceEmulationOptions): InstanceEmulation {
  const clients = new Map<string, EC2Client>()
  const ec2 = (region: string): EC2Client => {
    let c = clients.get(region)
    if (c === undefined) {
      c = new EC2Client({ region, endpoint: target, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }, maxAttempts: 1 })
      clients.set(region, c)
    }
    return c
  }
  const firstSeen = new Map<string, number>()
  const commands: RanCommand[] = []
  const running = new Set<ChildProcess>()
  const children = new Map<RanCommand, ChildProcess>()
  const scratch: string[] = []

  const age = (id: string): number => {
    if (!firstSeen.has(id)) firstSeen.set(id, Date.now())
    return Date.now() - (firstSeen.get(id) as number)
  }

  async function instances(region: string, ids: string[]): Promise<Instance[]> {
    const { Reservations = [] } = await ec2(region).send(new DescribeInstancesCommand(ids.length > 0 ? { InstanceIds: ids } : {}))
    return Reservations.flatMap((r) => r.Instances ?? [])
  }

  function checks(instance: Instance): { system: string; instance: string } {
    if (instance.State?.Name !== 'running') return { system: 'not-applicable', instance: 'not-applicable' }
    const after = options.statusChecks ?? 0
    if (after === 'impaired') return { system: 'ok', instance: 'impaired' }
    const id = instance.InstanceId as string
    return after !== 'never' && age(id) >= after ? { system: 'ok', instance: 'ok' } : { system: 'initializing', instance: 'initializing' }
  }

  function online(instance: Instance): boolean {
    const after = options.agentRegistration ?? 0
    if (instance.State?.Name !== 'running' || instance.IamInstanceProfile === undefined || after === 'never') return false
    return age(instance.InstanceId as string) >= after
  }

  async function describeInstanceStatus(call: EmulatedCall, res: http.ServerResponse): Promise<void> {
    const ids: string[] = []
    for (let i = 1; call.params.has(`InstanceId.${i}`); i++) ids.push(call.params.get(`InstanceId.${i}`) as string)
    let found: Instance[]
    try {
      found = await instances(call.region ?? 'us-east-1', ids)
    } catch (error) {
      const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } }
      return ec2Error(res, e.$metadata?.httpStatusCode ?? 400, e.name ?? 'InternalError', e.message ?? String(error))
    }
    // Without IncludeAllInstances only running instances are described.
    const all = call.params.get('IncludeAllInstances') === 'true'
    const items = found
      .filter((i) => all || i.State?.Name === 'running')
      .map((i) => {
        const c = checks(i)
        const detail = (s: string): string => (s === 'ok' ? 'passed' : s === 'impaired' ? 'failed' : s === 'initializing' ? 'initializing' : 'insufficient-data')
        const summary = (s: string): string => `<status>${s}</status><details><item><name>reachability</name><status>${detail(s)}</status></item></details>`
        const state = i.State?.Name ?? 'pending'
        return (
          `<item><instanceId>${i.InstanceId}</instanceId><availabilityZone>${xmlEscape(i.Placement?.AvailabilityZone ?? '')}</availabilityZone>` +
          `<instanceState><code>${STATE_CODES[state] ?? 0}</code><name>${state}</name></instanceState>` +
          `<systemStatus>${summary(c.system)}</systemStatus><instanceStatus>${summary(c.instance)}</instanceStatus></item>`
        )
      })
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstanceStatusResponse xmlns="${EC2_XMLNS}"><requestId>${randomUUID()}</requestId><instanceStatusSet>${items.join('')}</instanceStatusSet></DescribeInstanceStatusResponse>`
    reply(res, 200, 'text/xml;charset=UTF-8', body)
  }

  async function describeInstanceInformation(region: string, input: { Filters?: Array<{ Key?: string; Values?: string[] }>; InstanceInformationFilterList?: Array<{ key?: string; valueSet?: string[] }> }, res: http.ServerResponse): Promise<void> {
    const ids = [
      ...(input.Filters ?? []).filter((f) => f.Key === 'InstanceIds').flatMap((f) => f.Values ?? []),
      ...(input.InstanceInformationFilterList ?? []).filter((f) => f.key === 'InstanceIds').flatMap((f) => f.valueSet ?? [])
    ]
    // An id the account does not have is simply not listed, as SSM lists only managed nodes.
    const found = (await instances(region, []).catch(() => [])).filter((i) => ids.length === 0 || ids.includes(i.InstanceId as string))
    const list = found.filter(online).map((i) => ({
      InstanceId: i.InstanceId,
      PingStatus: 'Online',
      LastPingDateTime: Date.now() / 1000,
      AgentVersion: '3.3.0.0',
      IsLatestVersion: true,
      PlatformType: (i.Platform ?? '').toLowerCase() === 'windows' ? 'Windows' : 'Linux',
      ResourceType: 'EC2Instance',
      IPAddress: i.PrivateIpAddress,
      ComputerName: i.PrivateDnsName
    }))
    ssmReply(res, { InstanceInformationList: list })
  }

  async function sendCommand(region: string, input: { InstanceIds?: string[]; DocumentName?: string; Parameters?: Record<string, string[]>; Comment?: string; TimeoutSeconds?: number }, res: http.ServerResponse): Promise<void> {
    const document = DOCUMENTS[input.DocumentName ?? '']
    if (document === undefined) return ssmError(res, 'InvalidDocument', `Document ${input.DocumentName ?? ''} does not exist.`)
    const ids = input.InstanceIds ?? []
    const found = await instances(region, []).catch(() => [])
    const refused = ids.filter((id) => !found.some((i) => i.InstanceId === id && online(i)))
    if (ids.length === 0 || refused.length > 0) {
      return ssmError(res, 'InvalidInstanceId', `Instances [${refused.join(', ')}] not in a valid state for account: the instance is not running, or its SSM Agent is not registered.`)
    }
    const commandId = randomUUID()
    const script = (input.Parameters?.commands ?? []).join('\n')
    const seconds = Number(input.Parameters?.executionTimeout?.[0] ?? '3600')
    for (const instanceId of ids) run({ commandId, instanceId, region, document: input.DocumentName as string, script }, document, Math.min(seconds * 1000, options.maxScriptMs ?? 60_000))
    ssmReply(res, {
      Command: {
        CommandId: commandId,
        DocumentName: input.DocumentName,
        Comment: input.Comment ?? '',
        InstanceIds: ids,
        Parameters: input.Parameters ?? {},
        RequestedDateTime: Date.now() / 1000,
        Status: 'Pending',
        StatusDetails: 'Pending',
        TimeoutSeconds: input.TimeoutSeconds,
        TargetCount: ids.length,
        CompletedCount: 0,
        ErrorCount: 0
      }
    })
  }

  function run(base: Pick<RanCommand, 'commandId' | 'instanceId' | 'region' | 'document' | 'script'>, document: (typeof DOCUMENTS)[string], timeoutMs: number): void {
    const directory = mkdtempSync(path.join(tmpdir(), `pam-instance-${base.instanceId}-`))
    scratch.push(directory)
    const file = path.join(directory, document.file)
    writeFileSync(file, base.script)
    chmodSync(file, 0o700)
    const ran: RanCommand = { ...base, directory, status: 'InProgress', exitCode: -1, stdout: '', stderr: '' }
    commands.push(ran)
    const [command, args] = document.run(file)
    const child = spawn(command, args, { cwd: directory, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: directory, ...options.scriptEnv } })
    running.add(child)
    children.set(ran, child)
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      kill(child)
    }, timeoutMs)
    child.stdout?.on('data', (chunk: Buffer) => (ran.stdout += chunk.toString('utf8')))
    child.stderr?.on('data', (chunk: Buffer) => (ran.stderr += chunk.toString('utf8')))
    child.on('error', (error) => {
      ran.stderr += `${error.message}\n`
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      running.delete(child)
      ran.exitCode = code ?? -1
      ran.status = timedOut ? 'TimedOut' : code === 0 ? 'Success' : 'Failed'
    })
  }

  function invocation(c: RanCommand): Record<string, unknown> {
    const done = c.status !== 'InProgress'
    return {
      CommandId: c.commandId,
      InstanceId: c.instanceId,
      DocumentName: c.document,
      PluginName: DOCUMENTS[c.document].plugin,
      ResponseCode: done ? c.exitCode : -1,
      Status: c.status,
      StatusDetails: c.status === 'TimedOut' ? 'ExecutionTimedOut' : c.status,
      StandardOutputContent: done ? c.stdout.slice(0, STDOUT_LIMIT) : '',
      StandardErrorContent: done ? c.stderr.slice(0, STDERR_LIMIT) : '',
      StandardOutputUrl: '',
      StandardErrorUrl: ''
    }
  }

  function pluginOutput(c: RanCommand): string {
    const title = c.stderr === '' ? '' : '\n----------ERROR-------\n'
    return `${c.stdout}${title}${c.stderr}`.slice(0, PLUGIN_OUTPUT_LIMIT)
  }

  async function answerSsm(call: EmulatedCall, body: Buffer, res: http.ServerResponse): Promise<boolean> {
    const region = call.region ?? 'us-east-1'
    const input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>
    switch (call.action) {
      case 'DescribeInstanceInformation':
        await describeInstanceInformation(region, input, res)
        return true
      case 'SendCommand':
        await sendCommand(region, input, res)
        return true
      case 'GetCommandInvocation': {
        const of = commands.filter((c) => c.commandId === input.CommandId)
        const c = of.find((x) => x.instanceId === input.InstanceId)
        if (of.length === 0) ssmError(res, 'InvalidCommandId', 'Invalid command id.')
        else if (c === undefined) ssmError(res, 'InvocationDoesNotExist', 'An invocation of this command does not exist for this instance.')
        else ssmReply(res, invocation(c))
        return true
      }
      case 'ListCommandInvocations': {
        const list = commands.filter((c) => (input.CommandId === undefined || c.commandId === input.CommandId) && (input.InstanceId === undefined || c.instanceId === input.InstanceId))
        ssmReply(res, {
          CommandInvocations: list.map((c) => ({
            CommandId: c.commandId,
            InstanceId: c.instanceId,
            DocumentName: c.document,
            Status: c.status,
            StatusDetails: c.status,
            ...(input.Details === true
              ? { CommandPlugins: [{ Name: DOCUMENTS[c.document].plugin, Status: c.status, ResponseCode: c.status === 'InProgress' ? -1 : c.exitCode, Output: pluginOutput(c) }] }
              : {})
          }))
        })
        return true
      }
      case 'CancelCommand': {
        for (const c of commands.filter((x) => x.commandId === input.CommandId && x.status === 'InProgress')) {
          const child = children.get(c)
          if (child !== undefined) kill(child)
        }
        ssmReply(res, {})
        return true
      }
      default:
        return false
    }
  }

  return {
    options,
    commands,
    async answer(call, body, res) {
      if (call.service === 'ec2' && call.action === 'DescribeInstanceStatus' && !call.params.has('Filter.1.Name')) {
        await describeInstanceStatus(call, res)
        return true
      }
      if (call.service === 'ssm') return answerSsm(call, body, res)
      return false
    },
    close() {
      for (const child of running) kill(child)
      for (const c of clients.values()) c.destroy()
      for (const dir of scratch) rmSync(dir, { recursive: true, force: true })
    }
  }
}

function kill(child: ChildProcess): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
  } catch {
    // Already gone.
  }
}
