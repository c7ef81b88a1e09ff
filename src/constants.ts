/** Names of inputs, outputs and limits: their one home. */

export const Input = {
  packerVersion: 'packer-version',
  amazonPluginVersion: 'amazon-plugin-version',
  packerMirror: 'packer-mirror',
  packerSigningKey: 'packer-signing-key',
  verifySignature: 'verify-signature',
  workingDirectory: 'working-directory',
  template: 'template',
  mode: 'mode',
  variables: 'variables',
  sensitiveVariables: 'sensitive-variables',
  varFiles: 'var-files',
  only: 'only',
  except: 'except',
  fmtCheck: 'fmt-check',
  onError: 'on-error',
  parallelBuilds: 'parallel-builds',
  githubToken: 'github-token',
  comment: 'comment',
  commentKey: 'comment-key',
  awsRegion: 'aws-region',
  amiTags: 'ami-tags',
  shareAccounts: 'share-accounts',
  shareOrganizations: 'share-organizations',
  shareOus: 'share-ous',
  deprecateAfter: 'deprecate-after',
  ssmParameter: 'ssm-parameter',
  family: 'family',
  keepLatest: 'keep-latest',
  cleanupDryRun: 'cleanup-dry-run',
  skipUnchanged: 'skip-unchanged',
  launchTemplates: 'launch-templates',
  launchTemplateDefault: 'launch-template-default',
  deregistrationProtection: 'deregistration-protection',
  sweepOlderThan: 'sweep-older-than',
  sweepRegions: 'sweep-regions',
  packerRunnerVariables: 'packer-runner-variables',
  fingerprintFiles: 'fingerprint-files',
  channel: 'channel',
  channelParameter: 'channel-parameter',
  fromChannel: 'from-channel',
  amiId: 'ami-id',
  amiIds: 'ami-ids',
  rollback: 'rollback',
  revokeReason: 'revoke-reason',
  revokeDisable: 'revoke-disable',
  revokeDescendants: 'revoke-descendants',
  inventory: 'inventory',
  testRegions: 'test-regions',
  testInstanceType: 'test-instance-type',
  testSubnet: 'test-subnet',
  testSecurityGroups: 'test-security-groups',
  testInstanceProfile: 'test-instance-profile',
  testTimeout: 'test-timeout',
  testCommands: 'test-commands'
} as const

export const Output = {
  mode: 'mode',
  packerVersion: 'packer-version',
  amiId: 'ami-id',
  amiIds: 'ami-ids',
  artifacts: 'artifacts',
  manifest: 'manifest',
  commentUrl: 'comment-url',
  images: 'images',
  fingerprint: 'fingerprint',
  reused: 'reused',
  launchTemplateVersions: 'launch-template-versions',
  attestationChecksums: 'attestation-checksums',
  swept: 'swept',
  builds: 'builds',
  baseImages: 'base-images',
  outdated: 'outdated',
  channelAssignments: 'channel-assignments',
  revoked: 'revoked',
  /** JSON: one entry per inventoried AMI, with the path of its CycloneDX SBOM. */
  sbom: 'sbom',
  testResults: 'test-results'
} as const

/** Keys of the action's saved state, which the post step reads. */
export const State = {
  packerPid: 'packer-pid',
  /** The file Packer's machine-readable output goes to: the post step reads it whole. */
  packerOutput: 'packer-output',
  runStart: 'run-start',
  /** JSON list: the template's regions and the primary one. */
  regions: 'regions',
  onError: 'on-error',
  /** The runner's SIGINT or SIGTERM reached the main step. */
  cancelled: 'cancelled',
  /** Packer exited while the main step watched: its own cleanup ran. */
  packerExited: 'packer-exited',
  /** The random token this job's test instances carry: the post step removes those, and only those. */
  testRun: 'test-run',
  /** JSON list: the regions the test stage launches in. */
  testRegions: 'test-regions'
} as const

/** The newest Packer release when this was written; `packer-version` defaults to it. */
export const DEFAULT_PACKER_VERSION = '1.16.0'
/** The newest github.com/hashicorp/amazon release when this was written; `amazon-plugin-version` defaults to it. */
export const DEFAULT_AMAZON_PLUGIN_VERSION = '1.8.2'
/** Packer ships no plugin from this version on (Packer's CHANGELOG, 1.10.0). */
export const PLUGINS_MIN_VERSION = '1.10.0'
export const DEFAULT_PACKER_MIRROR = 'https://releases.hashicorp.com'
export const TOOL_NAME = 'packer'

/** `packer init` exists from this version on. */
export const INIT_MIN_VERSION = '1.7.0'

/** Events that only validate in `mode: auto`: code under review is not yet trusted to build. */
/** Modes that read no template and run no Packer. */
export const TEMPLATELESS_MODES: readonly string[] = ['sweep', 'promote', 'revoke']

export const VALIDATE_EVENTS: readonly string[] = ['pull_request', 'pull_request_target', 'merge_group']

export const ON_ERROR_VALUES: readonly string[] = ['cleanup', 'abort', 'run-cleanup-provisioner']

/** The sticky comment's hidden marker; the key keeps matrix jobs in comments of their own. */
export const commentMarker = (key: string): string => `<!-- packer-ami-action:${key} -->`

/** GitHub refuses comment bodies longer than this. */
export const GITHUB_COMMENT_LIMIT = 65536
/** Where a long body is cut: well below the limit, leaving room for the closing note. */
export const COMMENT_BUDGET = 60000

