/**
 * The AMI lifecycle moto 5 lacks, as EC2 documents it, for test/support/aws-proxy.ts:
 *
 *  - `DisableImage` and `EnableImage` (EC2 API Reference, API_DisableImage.html and
 *    API_EnableImage.html): "Sets the AMI state to disabled"; "A disabled AMI does not appear in
 *    DescribeImages API calls by default"; "Only the AMI owner can disable an AMI"; EnableImage
 *    "Re-enables a disabled AMI". Both answer `<return>true</return>`.
 *  - `DescribeImages` (API_DescribeImages.html) then shows a disabled image with
 *    `imageState` `disabled`, and only when the request sets `IncludeDisabled` ("Default: No
 *    disabled AMIs are included in the response"); and an image EnableImageDeprecation was called
 *    for with its `deprecationTime` (API_Image.html: "The date and time to deprecate the AMI, in
 *    UTC"), which moto leaves out. The proxy answers EnableImageDeprecation itself and records it;
 *    this reads those records.
 *
 * The proxy hands each EC2 call to `answer` first, and wraps its DescribeImages rewrite in `around`.
 */
import { DescribeImagesCommand, type EC2Client } from '@aws-sdk/client-ec2'

export interface LifecycleCall {
  action: string
  region: string
  params: URLSearchParams
}

export interface LifecycleAnswer {
  ok(action: string, inner: string): void
  error(status: number, code: string, message: string): void
}

export interface ImageLifecycle {
  /** Answers DisableImage and EnableImage; false for every other call. */
  answer(call: LifecycleCall, reply: LifecycleAnswer): Promise<boolean>
  /** A DescribeImages answer's rewrite, around the proxy's own (`inner`), while any image is disabled or deprecated. */
  around(call: LifecycleCall, inner: ((xml: string) => string) | undefined): ((xml: string) => string) | undefined
  /** Whether the proxy holds `imageId` disabled in `region`. */
  disabled(imageId: string, region: string): boolean
}

/** EC2's `DeprecateAt` rounding: "If you specify a value for seconds, Amazon EC2 rounds the seconds to the nearest minute." */
function roundedToMinute(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  return new Date(Math.round(ms / 60_000) * 60_000).toISOString().replace(/\.\d{3}Z$/, '.000Z')
}

/** The top-level `<item>…</item>` blocks of a set, by depth: image items hold items of their own (tags, block devices). */
export function topLevelItems(set: string): Array<{ start: number; end: number }> {
  const items: Array<{ start: number; end: number }> = []
  const tag = /<(\/?)item>/g
  let depth = 0
  let start = 0
  for (const m of set.matchAll(tag)) {
    if (m[1] === '') {
      if (depth === 0) start = m.index
      depth++
    } else {
      depth--
      if (depth === 0) items.push({ start, end: m.index + m[0].length })
    }
  }
  return items
}

export function imageLifecycle(opts: {
  /** moto's EC2 client for a region, to check an image exists and who owns it. */
  moto: (region: string) => EC2Client
  /** The proxy's record of EnableImageDeprecation calls. */
  deprecations: ReadonlyArray<{ imageId: string; deprecateAt: string; region?: string }>
  accountId: string
}): ImageLifecycle {
  const disabledImages = new Set<string>()
  const key = (region: string, imageId: string): string => `${region}\u0000${imageId}`

  function deprecationOf(region: string, imageId: string): string | undefined {
    const last = opts.deprecations.filter((d) => d.imageId === imageId && (d.region ?? 'us-east-1') === region).pop()
    return last === undefined ? undefined : roundedToMinute(last.deprecateAt)
  }

  async function answer(call: LifecycleCall, reply: LifecycleAnswer): Promise<boolean> {
    if (call.action !== 'DisableImage' && call.action !== 'EnableImage') return false
    const imageId = call.params.get('ImageId')
    if (!imageId) {
      reply.error(400, 'MissingParameter', 'The request must contain the parameter ImageId')
      return true
    }
    let owner: string | undefined
    try {
      const { Images = [] } = await opts.moto(call.region).send(new DescribeImagesCommand({ ImageIds: [imageId] }))
      owner = Images[0]?.OwnerId
    } catch (error) {
      const e = error as { name?: string; message?: string }
      reply.error(400, e.name ?? 'InvalidAMIID.NotFound', e.message ?? `The image id '[${imageId}]' does not exist`)
      return true
    }
    if (owner !== opts.accountId) {
      // AWS documents the rule, not its error code; UnauthorizedOperation is EC2's code for a call the caller may not make.
      reply.error(400, 'UnauthorizedOperation', `Only the AMI owner can ${call.action === 'DisableImage' ? 'disable' : 'enable'} ${imageId}.`)
      return true
    }
    if (call.action === 'DisableImage') disabledImages.add(key(call.region, imageId))
    else disabledImages.delete(key(call.region, imageId))
    reply.ok(call.action, '<return>true</return>')
    return true
  }

  function rewrite(region: string, includeDisabled: boolean, xml: string): string {
    const open = xml.indexOf('<imagesSet>')
    const close = xml.lastIndexOf('</imagesSet>')
    if (open < 0 || close < 0) return xml
    const setStart = open + '<imagesSet>'.length
    const set = xml.slice(setStart, close)
    const kept = topLevelItems(set).flatMap(({ start, end }) => {
      let item = set.slice(start, end)
      const imageId = /<imageId>([^<]+)<\/imageId>/.exec(item)?.[1]
      if (imageId === undefined) return [item]
      if (disabledImages.has(key(region, imageId))) {
        if (!includeDisabled) return []
        item = item.replace(/<imageState>[^<]*<\/imageState>/, '<imageState>disabled</imageState>')
      }
      const deprecation = deprecationOf(region, imageId)
      if (deprecation !== undefined && !item.includes('<deprecationTime>')) {
        item = item.replace(`<imageId>${imageId}</imageId>`, `<imageId>${imageId}</imageId><deprecationTime>${deprecation}</deprecationTime>`)
      }
      return [item]
    })
    return xml.slice(0, setStart) + kept.join('') + xml.slice(close)
  }

  return {
    answer,
    around(call, inner) {
      if (call.action !== 'DescribeImages') return inner
      const busy = disabledImages.size > 0 || opts.deprecations.some((d) => (d.region ?? 'us-east-1') === call.region)
      if (!busy) return inner
      const includeDisabled = call.params.get('IncludeDisabled') === 'true'
      return (xml) => rewrite(call.region, includeDisabled, inner === undefined ? xml : inner(xml))
    },
    disabled: (imageId, region) => disabledImages.has(key(region, imageId))
  }
}
