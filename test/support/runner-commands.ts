/**
 * Which workflow commands the GitHub Actions runner would execute from a step's output, read the
 * way the runner reads it. Every rule below is taken from actions/runner at tag v2.336.0 (the
 * newest v2.3xx release there); paths are relative to src/ and line numbers are approximate.
 *
 * Lines
 * - Output is read with StreamReader.ReadLine, so "\n", "\r" and "\r\n" all end a line and a final
 *   unterminated line still counts (Runner.Sdk/ProcessInvoker.cs:507-519). Empty lines are skipped
 *   (Runner.Worker/Handlers/OutputManager.cs:81-91).
 * - A node action's stdout and stderr each get an OutputManager over the same
 *   ActionCommandManager (Handlers/NodeScriptActionHandler.cs:157-161), one per step stage
 *   (Handlers/Handler.cs:169-173): a span opened on one stream also silences the other, and no
 *   span outlives the pre, main or post stage it was opened in. This parser reads one stream.
 *
 * Parsing (Runner.Common/ActionCommand.cs)
 * - The V2 form `::name k=v,k2=v2::data` is tried first and the legacy `##[name k=v;k2=v2]data`
 *   only if that fails (Runner.Worker/ActionCommandManager.cs:68-74): both are live.
 * - V2 (TryParseV2, :51-119): leading .NET whitespace is trimmed (:62), the line must then start
 *   with `::` (:63), the name runs to the first space before the next `::` (:69-84), properties
 *   are the rest trimmed and split on `,` then on the first `=` (:97-109), data is everything after
 *   that `::` (:111).
 * - Legacy (TryParse, :121-189): `##[` may sit anywhere in the line (:132), the name ends at the
 *   first space before the first `]` after it (:139-154), properties split on `;` untrimmed
 *   (:167-178), data is everything after the `]` (:181).
 * - A line is a command only when its name is registered, compared OrdinalIgnoreCase (:86, :156;
 *   ActionCommandManager.cs:25). A property without a key or value is dropped (:104, :174);
 *   repeated keys keep the first spelling and the last value (the dictionary, :34).
 * - Unescaping replaces each sequence in turn, `%25` last (:191-257): V2 data `%0D %0A %25`
 *   (:18-23), V2 properties `%0D %0A %3A %2C %25` (:25-32), legacy data and properties
 *   `%3B %0D %0A %5D %25` (:9-16).
 *
 * Registered commands (ActionCommandManager.cs:30-47; Runner.Common/ExtensionManager.cs:43-57)
 * - `stop-commands` and every extension except `internal-set-repo-path`, which only runner
 *   plugins enable (ActionCommandManager.cs:49-59, Handlers/RunnerPluginHandler.cs:48).
 * - `set-env` and `add-path` are registered and dispatched, but their extensions throw and fail
 *   the step unless ACTIONS_ALLOW_UNSECURE_COMMANDS is true (ActionCommandManager.cs:257-260,
 *   :476-479, :137-143): they count as executed here, since the runner consumes them.
 * - `notice` is dropped unless the server sets DistributedTask.EnhancedAnnotations
 *   (ActionCommandManager.cs:76-80, :190-193); this parser assumes it is set, as on github.com.
 *
 * Stop and resume (ActionCommandManager.cs:82-124)
 * - `stop-commands` takes its data, untrimmed, as the token and registers it as a command name
 *   (:109-124). Until it resumes, every parsed line is dropped, another `stop-commands` included
 *   (:99-103).
 * - It resumes on any line that parses (in either form) to a command whose name equals the token,
 *   OrdinalIgnoreCase, whatever its properties and data (:86-98). So `  ::TOKEN k=v::x` and
 *   `text ##[token]` resume, but `::error::##[token]` does not (the V2 parse of `error` wins), and
 *   a token holding a space, `::`, `]` or a leading space can never resume.
 * - The token is refused (the runner throws and fails the step; Runner.Common/Constants.cs:229)
 *   when it is empty, `pause-logging`, or a registered command name, unless
 *   ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS is true (ActionCommandManager.cs:156-188,
 *   Constants.cs:304). This parser models the default and throws too. Nothing else is required
 *   of the token; one longer than 6 characters is also added to the secret masker (:116-119).
 *
 * Not modelled: .NET's culture-sensitive StartsWith/IndexOf (ICU ignores some zero-width
 * characters), output decoding, and interleaving with stderr.
 */

export interface RunnerCommand {
  /** The registered name (lower case for the runner's own; the token as given for a resume). */
  command: string
  properties: Record<string, string>
  data: string
  /** 1-based, counting lines as the runner's line reader yields them. */
  line: number
}

const STOP_COMMANDS = 'stop-commands'

/** ExtensionManager.cs:43-57, without internal-set-repo-path. */
const EXTENSION_COMMANDS = [
  'set-env',
  'set-output',
  'save-state',
  'add-path',
  'add-mask',
  'add-matcher',
  'remove-matcher',
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'echo'
]

const REFUSED_TOKEN = 'pause-logging'

type Escapes = ReadonlyArray<readonly [string, string]>
const V2_DATA: Escapes = [['%0D', '\r'], ['%0A', '\n'], ['%25', '%']]
const V2_PROPERTY: Escapes = [['%0D', '\r'], ['%0A', '\n'], ['%3A', ':'], ['%2C', ','], ['%25', '%']]
const LEGACY: Escapes = [['%3B', ';'], ['%0D', '\r'], ['%0A', '\n'], ['%5D', ']'], ['%25', '%']]

/** .NET char.IsWhiteSpace; unlike JavaScript's trim it includes U+0085 and excludes U+FEFF. */
const WS = '\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000'
const LEADING_WS = new RegExp(`^[${WS}]+`)
const TRAILING_WS = new RegExp(`[${WS}]+$`)

interface Parsed {
  name: string
  properties: Record<string, string>
  data: string
}

/** Commands the runner would process from this stdout, in order; stop-commands spans honoured. */
export function executedCommands(stdout: string): RunnerCommand[] {
  const registered = new Map<string, string>()
  for (const name of [STOP_COMMANDS, ...EXTENSION_COMMANDS]) registered.set(foldCase(name), name)

  const executed: RunnerCommand[] = []
  let stopToken: string | undefined
  readLines(stdout).forEach((text, index) => {
    if (text === '') return
    const parsed = parseV2(text, registered) ?? parseLegacy(text, registered)
    if (parsed === undefined) return
    const command = { command: parsed.name, properties: parsed.properties, data: parsed.data, line: index + 1 }
    const key = foldCase(parsed.name)

    if (stopToken !== undefined) {
      if (key !== foldCase(stopToken)) return
      registered.delete(key)
      stopToken = undefined
      executed.push(command)
      return
    }

    if (parsed.name === STOP_COMMANDS) {
      const token = parsed.data
      if (token === '' || registered.has(foldCase(token)) || foldCase(token) === foldCase(REFUSED_TOKEN)) {
        throw new Error(`line ${index + 1}: the runner refuses the stop-commands token "${token}" and fails the step`)
      }
      stopToken = token
      registered.set(foldCase(token), token)
    }
    executed.push(command)
  })
  return executed
}

/** StreamReader.ReadLine: "\r\n", "\r" or "\n" ends a line; a trailing one adds no empty line. */
function readLines(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}

function parseV2(line: string, registered: Map<string, string>): Parsed | undefined {
  const message = line.replace(LEADING_WS, '')
  if (!message.startsWith('::')) return undefined
  const end = message.indexOf('::', 2)
  if (end < 0) return undefined
  const info = message.slice(2, end)
  const space = info.indexOf(' ')
  const name = registered.get(foldCase(space < 0 ? info : info.slice(0, space)))
  if (name === undefined) return undefined
  const properties = space > 0 ? parseProperties(trimDotnet(info.slice(space + 1)), ',', V2_PROPERTY) : {}
  return { name, properties, data: unescape(message.slice(end + 2), V2_DATA) }
}

function parseLegacy(line: string, registered: Map<string, string>): Parsed | undefined {
  const prefix = line.indexOf('##[')
  if (prefix < 0) return undefined
  const bracket = line.indexOf(']', prefix)
  if (bracket < 0) return undefined
  const info = line.slice(prefix + 3, bracket)
  const space = info.indexOf(' ')
  const name = registered.get(foldCase(space < 0 ? info : info.slice(0, space)))
  if (name === undefined) return undefined
  const properties = space > 0 ? parseProperties(info.slice(space + 1), ';', LEGACY) : {}
  return { name, properties, data: unescape(line.slice(bracket + 1), LEGACY) }
}

/**
 * `Split(sep, RemoveEmptyEntries)`, then each entry `Split('=', 2, RemoveEmptyEntries)`: .NET
 * skips empty pieces, so `=`s before the key and right after the first `=` vanish (`k==v` is k: v).
 */
function parseProperties(text: string, separator: string, escapes: Escapes): Record<string, string> {
  const byKey = new Map<string, [string, string]>()
  for (const entry of text.split(separator)) {
    const start = entry.search(/[^=]/)
    if (start < 0) continue
    const equals = entry.indexOf('=', start)
    if (equals < 0) continue
    const key = entry.slice(start, equals)
    const value = entry.slice(equals + 1).replace(/^=+/, '')
    if (value === '') continue
    const folded = foldCase(key)
    byKey.set(folded, [byKey.get(folded)?.[0] ?? key, unescape(value, escapes)])
  }
  return Object.fromEntries(byKey.values())
}

function unescape(text: string, escapes: Escapes): string {
  return escapes.reduce((result, [escaped, plain]) => result.replaceAll(escaped, plain), text)
}

function trimDotnet(text: string): string {
  return text.replace(LEADING_WS, '').replace(TRAILING_WS, '')
}

/**
 * A key for OrdinalIgnoreCase: each character's simple upper case. .NET maps no character outside
 * ASCII into it (U+0131 and U+017F stay themselves) and never expands one (ß stays ß).
 */
function foldCase(text: string): string {
  let folded = ''
  for (const char of text) {
    const upper = char.toUpperCase()
    const single = upper.length === char.length
    const intoAscii = char.charCodeAt(0) > 0x7f && upper.charCodeAt(0) <= 0x7f
    folded += single && !intoAscii ? upper : char
  }
  return folded
}
