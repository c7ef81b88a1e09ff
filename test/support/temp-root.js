// Jest's globalSetup and globalTeardown: every temporary directory the tests make (workspaces,
// tool caches, runner temp dirs with Packer's 100 MB zips) goes under one root, removed at the
// end, so that runs do not fill the disk. Workers start after the setup and inherit TMPDIR.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

export function setup() {
  const root = mkdtempSync(path.join(tmpdir(), 'packer-ami-action-tests-'))
  process.env.PAM_TEST_TEMP_ROOT = root
  process.env.TMPDIR = root
}

export function teardown() {
  const root = process.env.PAM_TEST_TEMP_ROOT
  if (root) rmSync(root, { recursive: true, force: true })
}
