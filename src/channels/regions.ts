import { DescribeRegionsCommand, type EC2Client } from '#client-ec2'

/**
 * The regions enabled for the account (DescribeRegions without AllRegions): where a channel may
 * have a parameter. A channel covers the regions its parameter exists in, and nothing records
 * them elsewhere.
 */
export async function enabledRegions(ec2: EC2Client, primary: string): Promise<string[]> {
  const { Regions = [] } = await ec2.send(new DescribeRegionsCommand({}))
  const names = Regions.flatMap((r) => (r.RegionName === undefined ? [] : [r.RegionName]))
  return [...new Set([primary, ...names])].sort()
}
