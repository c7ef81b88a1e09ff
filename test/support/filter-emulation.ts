/**
 * How EC2 reads a Describe* request's filters where moto 5 reads them otherwise, for
 * test/support/aws-proxy.ts:
 *
 *  - **At most 200 values in one filter.** The Amazon EC2 API Reference, "Error codes for the
 *    Amazon EC2 API" (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html,
 *    client error codes for specific actions), documents the code: `FilterLimitExceeded`, "The
 *    request uses too many filters or too many filter values." Neither that page nor the Filter
 *    data type (API_Filter.html) states the number, and no AWS page found does. The number and the
 *    message are EC2's own answer as its users quote it, HTTP 400 to a DescribeInstances with more
 *    than 200 instance ids in one filter: "api error FilterLimitExceeded: The maximum number of
 *    filter values specified on a single call is 200" (gjbae1212/gossm issue 47, and pull request
 *    35, which split the call into batches). moto takes any number. The proxy refuses so every
 *    Describe* action, before moto sees the request.
 *  - **Several values of a filter are joined with an OR** (API_Filter.html: "If you specify
 *    multiple values for a filter, the values are joined with an OR, and the request returns all
 *    results that match any of the specified values"), also where a resource holds a list, as a
 *    network interface holds its security groups. moto matches a list against several values as
 *    sets (moto/ec2/utils.py `is_filter_matching`: the interface's groups a subset or a superset of
 *    the values), so an interface with groups `a` and `b` matches neither `group-id` = `a`, `c`
 *    nor `b`, `c`. The proxy asks moto without that filter and keeps the interfaces that hold
 *    any of its values.
 */

/** EC2's most values in one filter of one request. */
export const MAX_FILTER_VALUES = 200

/** The filters, by action, on an attribute a resource holds several values of, and the element of an answer's item that holds each value. */
const LIST_FILTERS: Record<string, Record<string, string>> = {
  DescribeNetworkInterfaces: { 'group-id': 'groupId', 'group-name': 'groupName' }
}

export interface FilterRefusal {
  status: number
  code: string
  message: string
}

function valuesOf(params: URLSearchParams, n: number): string[] {
  const found: string[] = []
  for (let m = 1; params.has(`Filter.${n}.Value.${m}`); m++) found.push(params.get(`Filter.${n}.Value.${m}`) as string)
  return found
}

/** EC2's refusal of a Describe* request with more than 200 values in one of its filters; undefined when EC2 would take it. */
export function filterLimitRefusal(action: string, params: URLSearchParams): FilterRefusal | undefined {
  if (!action.startsWith('Describe')) return undefined
  for (let n = 1; params.has(`Filter.${n}.Name`); n++) {
    if (params.has(`Filter.${n}.Value.${MAX_FILTER_VALUES + 1}`)) {
      return { status: 400, code: 'FilterLimitExceeded', message: `The maximum number of filter values specified on a single call is ${MAX_FILTER_VALUES}` }
    }
  }
  return undefined
}

/** A request for what EC2 answers to a filter of several values on a list attribute, and the test each item of moto's answer must pass. */
export interface AnyValue {
  /** The request without that filter. */
  params: URLSearchParams
  /** Whether an item of moto's answer holds any of the filter's values. */
  matches(item: string): boolean
}

/**
 * For the first filter of several values on a list attribute: the request without it, for moto,
 * and the match EC2 makes of it, to keep moto's items by; undefined when moto's answer is EC2's
 * already (or the request pages, which the proxy leaves to moto).
 */
export function anyValue(action: string, params: URLSearchParams): AnyValue | undefined {
  const names = LIST_FILTERS[action]
  if (names === undefined || params.has('MaxResults') || params.has('NextToken')) return undefined
  for (let n = 1; params.has(`Filter.${n}.Name`); n++) {
    const name = params.get(`Filter.${n}.Name`) as string
    const element = names[name]
    if (element === undefined) continue
    const values = new Set(valuesOf(params, n))
    if (values.size < 2) continue
    // The filters after this one move up a number, as the Query API numbers them from 1 without gaps.
    const rest = new URLSearchParams()
    for (const [key, value] of params) {
      const m = /^Filter\.(\d+)\.(.*)$/.exec(key)
      if (m === null) rest.append(key, value)
      else if (Number(m[1]) !== n) rest.append(`Filter.${Number(m[1]) > n ? Number(m[1]) - 1 : m[1]}.${m[2]}`, value)
    }
    const held = new RegExp(`<${element}>([^<]*)</${element}>`, 'g')
    return { params: rest, matches: (item) => [...item.matchAll(held)].some((m) => values.has(m[1])) }
  }
  return undefined
}
