/**
 * Pieces of EC2's Query API that the proxy's emulations read and rewrite: the numbered values
 * of a request's list parameter, and the items of an answer's `<…Set>`.
 */
import { topLevelItems } from './image-lifecycle-emulation.js'

/** `Name.1`, `Name.2`, … of a request, in order. */
export function listValues(params: URLSearchParams, name: string): string[] {
  const found: string[] = []
  for (let i = 1; params.has(`${name}.${i}`); i++) found.push(params.get(`${name}.${i}`) as string)
  return found
}

/** The items of an answer's `<set>`, whole, and the text before and after the set. */
export function setItems(xml: string, set: string): { items: string[]; before: string; after: string } | undefined {
  const empty = xml.indexOf(`<${set}/>`)
  if (empty >= 0) return { items: [], before: xml.slice(0, empty), after: xml.slice(empty + `<${set}/>`.length) }
  const open = xml.indexOf(`<${set}>`)
  const close = xml.lastIndexOf(`</${set}>`)
  if (open < 0 || close < 0) return undefined
  const body = xml.slice(open + set.length + 2, close)
  return { items: topLevelItems(body).map(({ start, end }) => body.slice(start, end)), before: xml.slice(0, open), after: xml.slice(close + set.length + 3) }
}

/** The text of an item's first `<name>` element without children. */
export function field(item: string, name: string): string | undefined {
  return new RegExp(`<${name}>([^<]*)</${name}>`).exec(item)?.[1]
}
