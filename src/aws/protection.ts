import { EnableImageDeregistrationProtectionCommand, type EC2Client } from '#client-ec2'

/**
 * `deregistration-protection`: EC2 then refuses DeregisterImage until the protection is
 * disabled. Without the 24-hour cooldown, so whoever may disable it can still retire the AMI
 * the same day; retention and the post step spare protected AMIs either way.
 */
export async function protectImage(ec2: EC2Client, ami: string): Promise<void> {
  await ec2.send(new EnableImageDeregistrationProtectionCommand({ ImageId: ami, WithCooldown: false }))
}
