/**
 * The request limits of SSM Parameter Store that moto 5 does not check, for
 * test/support/aws-proxy.ts. From SSM's service model (botocore 1.43.11,
 * `botocore/data/ssm/2014-11-06/service-2.json`) and the SSM API Reference:
 *
 *  - **GetParameters takes 1 to 10 names** (`ParameterNameList`: `"min": 1, "max": 10`;
 *    API_GetParameters.html, Names: "Array Members: Minimum number of 1 item. Maximum number of
 *    10 items. Length Constraints: Minimum length of 1"), and "If the specified name for a
 *    parameter contains spaces between characters, the request fails with a ValidationException
 *    error" (the same page). moto refuses more than ten names, but takes none, an empty name, or
 *    one with spaces.
 *  - **A DescribeParameters filter holds 1 to 50 values** (`ParameterStringFilterValueList`:
 *    `"min": 1, "max": 50`; each value `"min": 1`). moto refuses more than 50, but reads a `tag:`
 *    filter with an empty list of values as "has the tag, any value" (moto/ssm/models.py
 *    `_match_filters`), where SSM refuses the request.
 *  - **LabelParameterVersion and UnlabelParameterVersion take 1 to 10 labels**, and require them
 *    (`"required": [..., "Labels"]`; `ParameterLabelList`: `"min": 1, "max": 10`;
 *    API_LabelParameterVersion.html, Labels: "Array Members: Minimum number of 1 item. Maximum
 *    number of 10 items. ... Required: Yes"). moto labels nothing and answers as if it had.
 *  - **PutParameter's `Type` is one of `String`, `StringList`, `SecureString`** when given
 *    (`ParameterType`, an enum; API_PutParameter.html, Type: "Valid Values: String | StringList |
 *    SecureString"); SSM answers another with "Member must satisfy enum value set: [SecureString,
 *    StringList, String]", as quoted in aws/aws-cli pull request 3116). moto takes any value, the
 *    empty string among them, on an overwrite.
 *
 * SSM checks a request before it looks at anything: the refusal is a 400 `ValidationException`
 * in the JSON shape SSM answers errors in, and moto never sees the request.
 */

export interface SsmRefusal {
  status: number
  code: string
  message: string
}

const MAX_NAMES = 10
const MAX_FILTER_VALUES = 50
const MAX_LABELS = 10
const PARAMETER_TYPES = ['SecureString', 'StringList', 'String']

function refusal(message: string): SsmRefusal {
  return { status: 400, code: 'ValidationException', message: `1 validation error detected: ${message}` }
}

const CHECKED = ['GetParameters', 'DescribeParameters', 'LabelParameterVersion', 'UnlabelParameterVersion', 'PutParameter']

/** SSM's refusal of a request outside the limits above; undefined when SSM would take it. */
export function ssmLimitRefusal(action: string, body: Buffer): SsmRefusal | undefined {
  if (!CHECKED.includes(action)) return undefined
  let input: { Names?: unknown; ParameterFilters?: Array<{ Key?: string; Values?: unknown }>; Labels?: unknown; Type?: unknown }
  try {
    input = JSON.parse(body.toString('utf8')) as typeof input
  } catch {
    return undefined
  }
  if (action === 'GetParameters') {
    const names = Array.isArray(input.Names) ? input.Names : []
    if (names.length < 1 || names.length > MAX_NAMES) {
      return refusal(`Value '${JSON.stringify(names)}' at 'names' failed to satisfy constraint: Member must have length less than or equal to ${MAX_NAMES} and greater than or equal to 1`)
    }
    const bad = names.find((n) => typeof n !== 'string' || n.length < 1 || /\S\s+\S/.test(n))
    if (bad !== undefined) return refusal(`Value '${String(bad)}' at 'names' failed to satisfy constraint: a parameter name of at least 1 character, without spaces`)
    return undefined
  }
  if (action === 'LabelParameterVersion' || action === 'UnlabelParameterVersion') {
    if (input.Labels === undefined) return refusal(`Value null at 'labels' failed to satisfy constraint: Member must not be null`)
    const labels = Array.isArray(input.Labels) ? input.Labels : []
    if (labels.length < 1 || labels.length > MAX_LABELS) {
      return refusal(`Value '${JSON.stringify(labels)}' at 'labels' failed to satisfy constraint: Member must have length less than or equal to ${MAX_LABELS} and greater than or equal to 1`)
    }
    return undefined
  }
  if (action === 'PutParameter') {
    if (input.Type === undefined || PARAMETER_TYPES.includes(input.Type as string)) return undefined
    return refusal(`Value '${String(input.Type)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [${PARAMETER_TYPES.join(', ')}]`)
  }
  for (const [i, f] of (input.ParameterFilters ?? []).entries()) {
    if (f.Values === undefined) continue
    const values = Array.isArray(f.Values) ? f.Values : []
    if (values.length < 1 || values.length > MAX_FILTER_VALUES) {
      return refusal(`Value '${JSON.stringify(values)}' at 'parameterFilters.${i + 1}.member.values' failed to satisfy constraint: Member must have length less than or equal to ${MAX_FILTER_VALUES} and greater than or equal to 1`)
    }
  }
  return undefined
}
