/**
 * Whose AMIs DescribeImages shows, for test/support/aws-proxy.ts: moto 5 shows only the images
 * its backend for the caller's account holds (moto/ec2/models/amis.py `describe_images` reads
 * `self.amis`, the caller's, and moto's built-in public AMIs), never an image another account
 * made public or shared. EC2 (API Reference, API_DescribeImages.html): "The images available to
 * you include public images, private images that you own, and private images owned by other
 * Amazon Web Services accounts for which you have explicit launch permissions"; `Owners`:
 * "Scopes the results to images with the specified owners. You can specify a combination of
 * Amazon Web Services account IDs, `self`, `amazon`, `aws-backup-vault`, and `aws-marketplace`.
 * If you omit this parameter, the results include all images for which you have launch
 * permissions, regardless of ownership."
 *
 * So, through the proxy, DescribeImages shows beside the caller's images those of each of
 * `otherAccounts` that are public or that it shares with the caller (launch permission for the
 * group `all` or the caller's account), as moto holds them for that account (made through moto's
 * `x-moto-account-id` header, test/support/moto.ts `asAccount`), with the request's filters
 * applied and, where it names owners, only those owners'. A request by image id, by
 * `ExecutableBy`, or paged (`MaxResults`, `NextToken`) is moto's as ever.
 */
import { field, listValues, setItems } from './query-xml.js'

export interface ImageOwnersOptions {
  /** The caller's account: the owner `self` names. */
  accountId: string
  /** Accounts whose public or shared images the caller sees too. */
  otherAccounts: string[]
  /** A Query-API request to moto as `account` in `region`: its status and body. */
  askMoto(account: string, region: string, params: URLSearchParams): Promise<{ status: number; text: string }>
}

export interface ImageOwnersCall {
  action: string
  region: string
  params: URLSearchParams
}

export interface ImageOwners {
  /** The rewrite of moto's DescribeImages answer for `call`, looked up beforehand; undefined leaves the answer as moto gives it. */
  rewrite(call: ImageOwnersCall): Promise<((xml: string) => string) | undefined>
}


export function imageOwners(opts: ImageOwnersOptions): ImageOwners {
  /** The images of `account` the caller may launch: public, or shared with the caller. */
  async function visibleOf(account: string, call: ImageOwnersCall): Promise<string[]> {
    const params = new URLSearchParams([...call.params].filter(([key]) => !key.startsWith('Owner.')))
    const answer = await opts.askMoto(account, call.region, params)
    if (answer.status !== 200) return []
    const visible: string[] = []
    for (const item of setItems(answer.text, 'imagesSet')?.items ?? []) {
      const id = field(item, 'imageId')
      // moto's backend for that account holds moto's built-in AMIs too: only that account's own count here.
      if (id === undefined || field(item, 'imageOwnerId') !== account) continue
      if (field(item, 'isPublic') === 'true') {
        visible.push(item)
        continue
      }
      const permission = await opts.askMoto(
        account,
        call.region,
        new URLSearchParams({ Action: 'DescribeImageAttribute', Version: '2016-11-15', ImageId: id, Attribute: 'launchPermission' })
      )
      if (permission.text.includes('<group>all</group>') || permission.text.includes(`<userId>${opts.accountId}</userId>`)) visible.push(item)
    }
    return visible
  }

  return {
    async rewrite(call) {
      if (call.action !== 'DescribeImages' || opts.otherAccounts.length === 0) return undefined
      if (['ImageId.1', 'ExecutableBy.1', 'MaxResults', 'NextToken'].some((p) => call.params.has(p))) return undefined
      const owners = listValues(call.params, 'Owner')
      const asked = owners.length === 0 ? opts.otherAccounts : opts.otherAccounts.filter((a) => owners.includes(a))
      if (asked.length === 0) return undefined
      const foreign = (await Promise.all(asked.map((account) => visibleOf(account, call)))).flat()
      return (xml) => {
        const found = setItems(xml, 'imagesSet')
        if (found === undefined) return xml
        return `${found.before}<imagesSet>${[...found.items, ...foreign].join('')}</imagesSet>${found.after}`
      }
    }
  }
}
