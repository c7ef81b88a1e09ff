import { Input } from '../constants.js'
import { bool } from '../input-values.js'

/** `inventory`: list the packages of each tested AMI (through SSM Run Command on the test instance). */
export function readInventory(get: (name: string) => string): boolean {
  return bool(Input.inventory, get(Input.inventory), false)
}
