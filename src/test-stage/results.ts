import type { Platform } from './launch.js'

/** One check of a test: passed, failed, or not run (an earlier one failed, or nothing asked for it). */
export interface TestCheck {
  name: 'system status' | 'instance status' | 'SSM agent' | 'test-commands'
  passed?: boolean
  detail: string
}

/** What the test of one AMI showed: an entry of the `test-results` output. */
export interface TestResult {
  build: string
  region: string
  ami: string
  instance?: string
  instanceType?: string
  platform?: Platform
  passed: boolean
  /** From launch to both status checks ok. */
  bootSeconds?: number
  checks: TestCheck[]
  /** The script's exit code, when test-commands ran. */
  exitCode?: number
  /** The last part of what the script wrote, secrets blanked. */
  outputTail?: { stdout: string; stderr: string }
  /** Run Command kept only the start of the output (24,000 characters of stdout, 8,000 of stderr). */
  outputTruncated?: boolean
  /** Why the test failed. */
  failure?: string
  /** The instance is gone; false only when termination could not be confirmed (the post step tries again). */
  terminated: boolean
  /** With `inventory: true`: why the packages could not be listed (the test itself passed). */
  inventoryError?: string
}

/** Characters of each stream kept for the output and the report. */
export const TAIL_CHARS = 3_000

export function tail(text: string): string {
  return text.length > TAIL_CHARS ? `…${text.slice(-TAIL_CHARS)}` : text
}

/**
 * GetCommandInvocation returns "the first 24,000 characters written by the plugin to stdout"
 * and the first 8,000 written to stderr (SSM API Reference, GetCommandInvocation,
 * StandardOutputContent and StandardErrorContent); the agent's defaults are the same, with the
 * suffix `--output truncated--` (aws/amazon-ssm-agent,
 * agent/framework/processor/executer/iohandler/iohandler.go, DefaultOutputConfig).
 */
export const OUTPUT_LIMITS = { stdout: 24_000, stderr: 8_000 }
