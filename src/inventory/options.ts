import { Input } from '../constants.js'
import { bool } from '../input-values.js'

/**
 * `inventory`: list the packages of each tested AMI. The listing runs through SSM Run Command
 * on the test instance, which SSM reaches only with the instance profile.
 */
export function readInventory(get: (name: string) => string): boolean {
  const on = bool(Input.inventory, get(Input.inventory), false)
  if (on && get(Input.testInstanceProfile).trim() === '') {
    throw new Error(
      `${Input.inventory}: needs ${Input.testInstanceProfile} (an instance profile with AmazonSSMManagedInstanceCore): ` +
        'the packages are listed through SSM Run Command on the test instance'
    )
  }
  return on
}
