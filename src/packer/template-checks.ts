import { closest, distance } from 'fastest-levenshtein'
import { Input } from '../constants.js'
import { selectBuilds } from './build-filter.js'
import type { TemplateInfo } from './template.js'

/** A variable the action passes that the template does not declare, and the declared name it most likely meant. */
export interface UndeclaredVariable {
  name: string
  suggestion?: string
}

/**
 * Variables from `variables` / `sensitive-variables` that the template does not declare: Packer
 * only warns about them and builds with the default, so a typo bakes the wrong image. A
 * suggestion is offered when a declared name is within a third of the name's length.
 */
export function undeclaredVariables(passed: string[], template: Pick<TemplateInfo, 'declaredVariables'>): UndeclaredVariable[] {
  const declared = template.declaredVariables
  if (declared === undefined) return []
  return passed
    .filter((name) => !declared.includes(name))
    .map((name) => {
      const near = declared.length > 0 ? closest(name, declared) : undefined
      const suggestion = near !== undefined && distance(name, near) <= Math.max(2, Math.ceil(name.length / 3)) ? near : undefined
      return suggestion === undefined ? { name } : { name, suggestion }
    })
}

export function undeclaredMessage(v: UndeclaredVariable): string {
  const hint = v.suggestion === undefined ? '' : `; did you mean ${v.suggestion}?`
  return `${Input.variables}: the template declares no variable "${v.name}", so Packer ignores it${hint}`
}

/**
 * `only` / `except` that leave no build: Packer would build nothing (or say it produced no
 * artifact). An error listing the builds that exist; nothing when some build name is only known
 * to Packer, since the filter may match that one.
 */
export function emptySelection(template: Pick<TemplateInfo, 'builds' | 'unresolvedBuildNames' | 'hcl2'>, filter: { only: string[]; except: string[] }): string | undefined {
  if (filter.only.length === 0 && filter.except.length === 0) return undefined
  if (template.unresolvedBuildNames.length > 0 || template.builds.length === 0) return undefined
  if (selectBuilds(template.builds, filter, template.hcl2).length > 0) return undefined
  const input = filter.only.length > 0 ? Input.only : Input.except
  const given = (filter.only.length > 0 ? filter.only : filter.except).join(', ')
  return `${input}: "${given}" leaves no build to run; the template's builds are ${template.builds.join(', ')}`
}
