/**
 * Channels as a build of the action left them, for the channel tests to start from: `mode:
 * build`'s channel step (src/channels/build.ts) run with the action's own EC2 and SSM clients,
 * which reach the test's AWS through AWS_ENDPOINT_URL.
 */
import { ec2Clients } from '../../src/aws/clients.js'
import { ssmClients } from '../../src/aws/references.js'
import type { ChannelContext } from '../../src/channels/assign.js'
import { assignBuiltImages } from '../../src/channels/build.js'

/**
 * The channel step as run `runId` of `commit` runs it, with clients of its own: each call assigns
 * one build's (amazon-ebs.web) AMIs of `family`, region → AMI id, to `channel`.
 */
export function channelStep(runId: string, commit = 'd'.repeat(40)) {
  const context: ChannelContext = {
    ec2: ec2Clients(),
    ssm: ssmClients(),
    run: { runId, attempt: '1', commit, runUrl: `https://github.com/acme/images/actions/runs/${runId}` },
    parameterTemplate: '/packer-ami-action/{family}/{channel}'
  }
  return (family: string, amis: Record<string, string>, channel: string) =>
    assignBuiltImages(context, Object.entries(amis).map(([region, ami]) => ({ build: 'amazon-ebs.web', region, ami })), () => family, channel)
}
