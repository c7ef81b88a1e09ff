/**
 * Whose snapshots DescribeSnapshots shows, which moto 5 ignores, for test/support/aws-proxy.ts.
 *
 * moto answers DescribeSnapshots with every snapshot its backend for the caller's account holds
 * (moto/ec2/models/elastic_block_store.py `describe_snapshots` reads the ids and filters, never
 * `Owner.N`), among them snapshots of moto's built-in public AMIs owned by other account ids; and
 * it shows no snapshot another account made. EC2 (API Reference, API_DescribeSnapshots.html):
 * "The snapshots available to you include public snapshots, private snapshots that you own, and
 * private snapshots owned by other AWS accounts for which you have explicit create volume
 * permissions"; "If no options are specified, Amazon EC2 returns all snapshots for which you have
 * create volume permissions"; "If you specify one or more snapshot owners using the OwnerIds
 * option, only snapshots from the specified owners and for which you have access are returned",
 * an owner being an account id, `self` for the caller's own or `amazon`.
 *
 * So, through the proxy, DescribeSnapshots
 *  - with `Owner.N` keeps only the snapshots of those owners, `self` being the proxy's account. An
 *    owner that is neither (the empty string, or `amazon`, which the proxy maps to no account)
 *    owns none: what EC2 answers to an empty owner is not documented;
 *  - shows, beside the caller's, the snapshots of each of `otherAccounts` that are public (create
 *    volume permission for the group `all`) or shared with the proxy's account, as moto holds them
 *    for that account (made through moto's `x-moto-account-id` header, test/support/moto.ts
 *    `asAccount`), with the request's filters and owners applied.
 * A paged request (`MaxResults`, `NextToken`) or one by `RestorableBy` is moto's as ever.
 */
import { field, listValues, setItems } from './query-xml.js'

export interface SnapshotOwnersOptions {
  /** The caller's account: the owner `self` names. */
  accountId: string
  /** Accounts whose public or shared snapshots the caller sees too. */
  otherAccounts: string[]
  /** A Query-API request to moto as `account` in `region`: its status and body. */
  askMoto(account: string, region: string, params: URLSearchParams): Promise<{ status: number; text: string }>
}

export interface SnapshotOwnersCall {
  action: string
  region: string
  params: URLSearchParams
}

export interface SnapshotOwners {
  /** The rewrite of moto's DescribeSnapshots answer for `call`, looked up beforehand; undefined leaves the answer as moto gives it. */
  rewrite(call: SnapshotOwnersCall): Promise<((xml: string) => string) | undefined>
}


export function snapshotOwners(opts: SnapshotOwnersOptions): SnapshotOwners {
  /** The snapshots of `account` the caller may see: public, or shared with the caller. */
  async function visibleOf(account: string, call: SnapshotOwnersCall): Promise<string[]> {
    const params = new URLSearchParams([...call.params].filter(([key]) => !key.startsWith('Owner.')))
    const answer = await opts.askMoto(account, call.region, params)
    if (answer.status !== 200) return []
    const visible: string[] = []
    for (const item of setItems(answer.text, 'snapshotSet')?.items ?? []) {
      const id = field(item, 'snapshotId')
      // moto's backend for that account holds moto's built-in snapshots too: only that account's own count here.
      if (id === undefined || field(item, 'ownerId') !== account) continue
      const permission = await opts.askMoto(
        account,
        call.region,
        new URLSearchParams({ Action: 'DescribeSnapshotAttribute', Version: '2016-11-15', SnapshotId: id, Attribute: 'createVolumePermission' })
      )
      if (permission.text.includes('<group>all</group>') || permission.text.includes(`<userId>${opts.accountId}</userId>`)) visible.push(item)
    }
    return visible
  }

  return {
    async rewrite(call) {
      if (call.action !== 'DescribeSnapshots') return undefined
      if (['MaxResults', 'NextToken', 'RestorableBy.1'].some((p) => call.params.has(p))) return undefined
      const owners = listValues(call.params, 'Owner')
      if (owners.length === 0 && opts.otherAccounts.length === 0) return undefined
      const owned = (item: string): boolean => {
        const owner = field(item, 'ownerId')
        return owners.length === 0 || owners.some((o) => o === owner || (o === 'self' && owner === opts.accountId))
      }
      const foreign = (await Promise.all(opts.otherAccounts.map((account) => visibleOf(account, call)))).flat()
      return (xml) => {
        const found = setItems(xml, 'snapshotSet')
        if (found === undefined) return xml
        const kept = [...found.items, ...foreign].filter(owned)
        return `${found.before}<snapshotSet>${kept.join('')}</snapshotSet>${found.after}`
      }
    }
  }
}
