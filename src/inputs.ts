import * as fs from 'node:fs'
import * as path from 'node:path'
import semver from 'semver'
import { DEFAULT_AMAZON_PLUGIN_VERSION, DEFAULT_PACKER_MIRROR, DEFAULT_PACKER_VERSION, Input, ON_ERROR_VALUES, TEMPLATELESS_MODES } from './constants.js'
import { parseDuration, readImageOptions, type ImageOptions } from './aws/options.js'
import { readChannelOptions, type ChannelOptions } from './channels/options.js'
import { bool, lines, list, oneOf, REGION } from './input-values.js'
import { readInventory } from './inventory/options.js'
import { readTestOptions, type TestOptions } from './test-stage/options.js'
import { RUNNER_INTERNAL_VARIABLES } from './packer/environment.js'
import { HASHICORP_RELEASE_KEY } from './packer/hashicorp-key.js'
import { mergeVariables, parseVariables, secretStrings, type Variables } from './variables.js'

export type Mode = 'validate' | 'build' | 'sweep' | 'promote' | 'revoke' | 'auto'

/** Every input, read once and checked, before anything is downloaded or built. */
export interface Options {
  packerVersion: string
  /** github.com/hashicorp/amazon for Packer >= 1.10 when the template does not pin it. */
  amazonPluginVersion: string
  packerMirror: string
  signingKey: string
  verifySignature: boolean
  workingDirectory: string
  /** Absolute path of the template file or directory. */
  template: string
  mode: Mode
  variables: Variables
  /** Strings to mask: every value of `sensitive-variables`. */
  secrets: string[]
  /** Absolute paths. */
  varFiles: string[]
  only: string[]
  except: string[]
  fmtCheck: boolean
  onError: string
  parallelBuilds?: number
  githubToken: string
  comment: boolean
  commentKey: string
  awsRegion?: string
  images: ImageOptions
  /** The test stage between the build and any distribution; undefined: none. */
  test?: TestOptions
  skipUnchanged: boolean
  /** Globs, relative to the working directory, of more files the fingerprint covers. */
  fingerprintFiles: string[]
  /** Runner-internal variables the user hands to Packer by name; none by default. */
  runnerVariables: string[]
  /** `mode: sweep`: only leftovers older than this, in these regions. */
  sweep: { olderThanMs: number; regions: string[] }
  /** Channels (build mode), promotion, rollback, revocation. */
  channels: ChannelOptions
  /** List each tested AMI's packages into a CycloneDX SBOM (src/inventory). */
  inventory: boolean
}

/** Reads one input by name, as `core.getInput` does; injectable so parsing stays pure. */
export type InputGetter = (name: string) => string

const VERSION_KEYWORDS = ['latest']
const MODES: readonly string[] = ['validate', 'build', 'sweep', 'promote', 'revoke', 'auto']

export function readOptions(get: InputGetter, env: NodeJS.ProcessEnv = process.env): Options {
  const workingDirectory = directory(Input.workingDirectory, get(Input.workingDirectory) || '.', process.cwd())
  const plain = parseVariables(Input.variables, get(Input.variables))
  const sensitive = parseVariables(Input.sensitiveVariables, get(Input.sensitiveVariables))
  const mode = oneOf(Input.mode, get(Input.mode) || 'auto', MODES) as Mode
  // A sweep, a promotion or a revocation reads no template: the job need not check anything out.
  const templatePath =
    TEMPLATELESS_MODES.includes(mode) ? path.resolve(workingDirectory, get(Input.template) || '.') : template(get(Input.template) || '.', workingDirectory)
  const only = list(get(Input.only))
  const except = list(get(Input.except))
  if (only.length > 0 && except.length > 0) {
    throw new Error(`${Input.only}/${Input.except}: set one of them, not both (Packer accepts only one filter)`)
  }
  const awsRegion = region(get(Input.awsRegion) || env.AWS_REGION || env.AWS_DEFAULT_REGION || '')
  const skipUnchanged = bool(Input.skipUnchanged, get(Input.skipUnchanged), false)
  if (skipUnchanged && awsRegion === undefined) {
    throw new Error(`${Input.skipUnchanged}: needs aws-region (or AWS_REGION) to look up the AMIs of earlier runs`)
  }
  const images = readImageOptions(get)
  const test = readTestOptions(get, awsRegion)
  const inventory = readInventory(get)
  if (inventory && test?.instanceProfile === undefined) {
    throw new Error(`${Input.inventory}: needs test-instance-profile: the packages are listed on the test instance through SSM`)
  }
  return {
    packerVersion: versionSpec(Input.packerVersion, get(Input.packerVersion) || DEFAULT_PACKER_VERSION),
    amazonPluginVersion: versionSpec(Input.amazonPluginVersion, get(Input.amazonPluginVersion) || DEFAULT_AMAZON_PLUGIN_VERSION),
    packerMirror: mirror(get(Input.packerMirror) || DEFAULT_PACKER_MIRROR),
    signingKey: signingKey(get(Input.packerSigningKey)),
    verifySignature: bool(Input.verifySignature, get(Input.verifySignature), true),
    workingDirectory,
    template: templatePath,
    mode,
    variables: mergeVariables(plain, sensitive),
    secrets: secretStrings(sensitive),
    varFiles: lines(get(Input.varFiles)).map((file) => existingFile(Input.varFiles, file, workingDirectory)),
    only,
    except,
    fmtCheck: bool(Input.fmtCheck, get(Input.fmtCheck), true),
    onError: oneOf(Input.onError, get(Input.onError) || 'cleanup', ON_ERROR_VALUES),
    parallelBuilds: parallelBuilds(get(Input.parallelBuilds)),
    githubToken: token(get(Input.githubToken)),
    comment: bool(Input.comment, get(Input.comment), true),
    commentKey: commentKey(get(Input.commentKey), env, path.relative(workingDirectory, templatePath)),
    awsRegion,
    images,
    test,
    skipUnchanged,
    runnerVariables: runnerVariables(get(Input.packerRunnerVariables)),
    fingerprintFiles: fingerprintGlobs(get(Input.fingerprintFiles), workingDirectory, env.GITHUB_WORKSPACE || workingDirectory),
    sweep: sweepOptions(get, awsRegion),
    channels: readChannelOptions(get, mode, images.family, awsRegion),
    inventory
  }
}

/** Globs stay inside the workspace: a fingerprint never reads what the job did not check out. */
function fingerprintGlobs(value: string, cwd: string, workspace: string): string[] {
  return lines(value).map((glob) => {
    const fixed = glob.replace(/[*?[{].*$/, '')
    const at = path.resolve(cwd, fixed === '' ? '.' : fixed)
    const inside = path.relative(path.resolve(workspace), at)
    if (path.isAbsolute(glob) || inside.startsWith('..') || path.isAbsolute(inside) || glob.split(/[\\/]/).includes('..')) {
      throw new Error(`${Input.fingerprintFiles}: "${glob}" reaches outside the workspace; give globs relative to working-directory`)
    }
    return glob
  })
}

/**
 * What an input error still needs to report itself in the summary and the comment: the token,
 * whether to comment, and the comment's key, as readOptions would read them. Undefined when
 * these inputs are themselves at fault.
 */
export function reportingOptions(get: InputGetter, env: NodeJS.ProcessEnv = process.env): Pick<Options, 'githubToken' | 'comment' | 'commentKey'> | undefined {
  try {
    const template = path.normalize(get(Input.template) || '.')
    return { githubToken: token(get(Input.githubToken)), comment: bool(Input.comment, get(Input.comment), true), commentKey: commentKey(get(Input.commentKey), env, template) }
  } catch {
    return undefined
  }
}

/** Only the runner's internal variables need naming: Packer sees every other variable already. */
function runnerVariables(value: string): string[] {
  return list(value).map((name) => {
    if (!RUNNER_INTERNAL_VARIABLES.includes(name)) {
      throw new Error(
        `${Input.packerRunnerVariables}: "${name}" is not one of the runner's internal variables that the action withholds ` +
          `from Packer (${RUNNER_INTERNAL_VARIABLES.join(', ')}); every other variable reaches Packer already`
      )
    }
    return name
  })
}

const DEFAULT_SWEEP_AGE = '6h'

function sweepOptions(get: InputGetter, awsRegion: string | undefined): Options['sweep'] {
  const olderThanMs = parseDuration(Input.sweepOlderThan, get(Input.sweepOlderThan).trim() || DEFAULT_SWEEP_AGE, true) as number
  const regions = list(get(Input.sweepRegions)).map((r) => {
    if (!REGION.test(r)) throw new Error(`${Input.sweepRegions}: "${r}" is not an AWS region`)
    return r
  })
  const chosen = regions.length > 0 ? regions : awsRegion === undefined ? [] : [awsRegion]
  if (chosen.length === 0 && get(Input.mode).trim() === 'sweep') {
    throw new Error(`${Input.sweepRegions}: mode sweep needs regions to sweep: set sweep-regions or aws-region`)
  }
  return { olderThanMs, regions: chosen }
}

/** An exact version, `latest`, or a semver range, resolved later against the mirror's index.json. */
function versionSpec(input: string, value: string): string {
  if (VERSION_KEYWORDS.includes(value)) return value
  const exact = semver.valid(value)
  if (exact !== null) return exact
  if (/^[\d.xX*~^<>=|\s-]+$/.test(value) && semver.validRange(value) !== null) return value
  throw new Error(`${input}: "${value}" is not a version (1.11.2), "latest" or a semver range (~1.11)`)
}

function mirror(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error(`${Input.packerMirror}: "${value}" is not a URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`${Input.packerMirror}: "${value}" must be an http(s) URL`)
  }
  return value.replace(/\/+$/, '')
}

function signingKey(value: string): string {
  if (value.trim() === '') return HASHICORP_RELEASE_KEY
  if (!value.includes('-----BEGIN PGP PUBLIC KEY BLOCK-----')) {
    const excerpt = value.trim().split('\n')[0].slice(0, 40)
    throw new Error(`${Input.packerSigningKey}: "${excerpt}" is not an ASCII-armored PGP public key block`)
  }
  return value
}






function directory(name: string, value: string, base: string): string {
  const full = path.resolve(base, value)
  if (!fs.existsSync(full) || !fs.statSync(full).isDirectory()) {
    throw new Error(`${name}: "${value}" is not a directory`)
  }
  return full
}

function template(value: string, base: string): string {
  const full = path.resolve(base, value)
  if (!fs.existsSync(full)) throw new Error(`${Input.template}: "${value}" does not exist in ${base}`)
  return full
}

function existingFile(name: string, value: string, base: string): string {
  const full = path.resolve(base, value)
  if (!fs.existsSync(full) || !fs.statSync(full).isFile()) throw new Error(`${name}: "${value}" is not a file`)
  return full
}

/** Defaults to workflow, job and template: one comment per job of a matrix that splits templates. */
function commentKey(value: string, env: NodeJS.ProcessEnv, template: string): string {
  const key = value.trim() || [env.GITHUB_WORKFLOW ?? '', env.GITHUB_JOB ?? '', template || '.'].join('/')
  if (!/^[^\s<>]{1,200}$/.test(key.replace(/ /g, '_')) || key.includes('--')) {
    throw new Error(`${Input.commentKey}: "${value}" must be one line of at most 200 characters without <, > or --`)
  }
  return key
}

/**
 * Tools that run the action outside a runner (@github/local-action) pass action.yml's default
 * unexpanded: `${{ github.token }}` is no token, so no comment and no authenticated init.
 */
function token(value: string): string {
  if (/^\$\{\{[^}]*\}\}$/.test(value.trim())) return ''
  if (/\s/.test(value.trim())) throw new Error(`${Input.githubToken}: a token has no spaces or line breaks`)
  return value.trim()
}

function parallelBuilds(value: string): number | undefined {
  if (value.trim() === '') return undefined
  if (!/^\d+$/.test(value.trim())) throw new Error(`${Input.parallelBuilds}: "${value}" is not a whole number`)
  return Number(value.trim())
}

function region(value: string): string | undefined {
  if (value === '') return undefined
  if (!REGION.test(value)) throw new Error(`${Input.awsRegion}: "${value}" is not an AWS region name`)
  return value
}

/** `auto` validates on events that carry code under review, and builds on all others. */
export function resolveMode(mode: Mode, eventName: string, validateEvents: readonly string[]): Exclude<Mode, 'auto'> {
  if (mode !== 'auto') return mode
  return validateEvents.includes(eventName) ? 'validate' : 'build'
}
