import * as path from 'node:path'
import { templateReads } from '../support/template-reads.js'

const reads = templateReads('pam-reads-')

describe('what a template reads', () => {
  it('names the files its provisioners and post-processors read, variables resolved, path.root made absolute', async () => {
    const r = await reads(`
variable "scripts_dir" {
  default = "scripts"
}
build {
  sources = ["source.null.x"]
  provisioner "shell" {
    scripts = ["\${var.scripts_dir}/a.sh", "\${path.root}/b.sh"]
  }
  provisioner "ansible" {
    playbook_file = "ansible/site.yml"
    galaxy_file   = "ansible/requirements.yml"
  }
  provisioner "file" {
    source      = "files/motd"
    destination = "/etc/motd"
  }
  provisioner "file" {
    direction   = "download"
    source      = "/var/log/cloud-init.log"
    destination = "logs/"
  }
  post-processor "shell-local" {
    script = "post.sh"
  }
}
`)
    expect(r.files).toEqual(['ansible/requirements.yml', 'ansible/site.yml', 'files/motd', 'post.sh', 'scripts/a.sh', path.join(r.dir, 'b.sh')].sort())
    expect(r.blind).toEqual([])
  })

  it('reads file() and templatefile() arguments relative to the template folder, as Packer does', async () => {
    const r = await reads(`
source "null" "x" {
  communicator = "none"
}
locals {
  user_data = templatefile("\${path.root}/user-data.tpl", { a = 1 })
  motd      = file("motd.txt")
}
`)
    expect(r.files).toEqual([path.join(r.dir, 'motd.txt'), path.join(r.dir, 'user-data.tpl')].sort())
  })

  it('names the env() variables, and calls the name of one only Packer knows blind', async () => {
    const r = await reads(`
variable "stage" {
  default = env("STAGE")
}
variable "other" {
  default = env(local.name)
}
`)
    expect(r.envNames).toEqual(['STAGE'])
    expect(r.blind).toEqual(['env(local.name)'])
  })

  it('lists a path only Packer can evaluate as blind, naming it', async () => {
    const r = await reads(`
build {
  sources = ["source.null.x"]
  provisioner "shell" {
    script = "\${local.dir}/setup.sh"
  }
}
`)
    expect(r.files).toEqual([])
    expect(r.blind).toEqual(['provisioner "shell" script = ${local.dir}/setup.sh'])
  })

  it('reads every way an amazon source picks its base', async () => {
    const r = await reads(
      `
source "amazon-ebs" "plain" {
  region     = var.region
  source_ami = "ami-0123456789abcdef0"
}
source "amazon-ebs" "filtered" {
  region = "eu-west-1"
  source_ami_filter {
    filters = {
      name                  = "ubuntu/images/*-\${var.release}-*"
      "virtualization-type" = "hvm"
    }
    owners      = ["099720109477"]
    most_recent = true
  }
}
data "amazon-ami" "base" {
  region = "us-west-2"
  filters = {
    name = "base-*"
  }
  owners      = ["self"]
  most_recent = true
}
source "amazon-ebs" "from-data" {
  region     = "us-west-2"
  source_ami = data.amazon-ami.base.id
}
data "amazon-parameterstore" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}
source "amazon-ebs" "from-parameter" {
  region     = "us-east-1"
  source_ami = data.amazon-parameterstore.al2023.value
}
`,
      { region: 'us-east-1', release: 'jammy' }
    )
    const bySource = [...r.bases].sort((a, b) => (a.source < b.source ? -1 : 1))
    expect(bySource).toEqual([
      {
        source: 'amazon-ebs.filtered',
        region: 'eu-west-1',
        filter: { filters: { name: 'ubuntu/images/*-jammy-*', 'virtualization-type': 'hvm' }, owners: ['099720109477'], mostRecent: true, includeDeprecated: false }
      },
      { source: 'amazon-ebs.from-data', region: 'us-west-2', filter: { filters: { name: 'base-*' }, owners: ['self'], mostRecent: true, includeDeprecated: false } },
      { source: 'amazon-ebs.from-parameter', region: 'us-east-1', parameter: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' },
      { source: 'amazon-ebs.plain', region: 'us-east-1', ami: 'ami-0123456789abcdef0' }
    ])
    expect(r.blind).toEqual([])
  })

  it.each([
    ['a local', 'source_ami = local.ami', 'amazon-ebs.x source_ami = ${local.ami}'],
    ['a function call', 'source_ami = lookup(var.amis, "x")', 'amazon-ebs.x source_ami = ${lookup(var.amis, "x")}'],
    ['a filter value from a local', 'source_ami_filter {\n    filters = {\n      name = local.name\n    }\n    owners = ["self"]\n  }', 'amazon-ebs.x source_ami_filter: filters or owners only Packer can evaluate']
  ])('calls a base chosen by %s blind and looks nothing up for it', async (_name, attribute, reason) => {
    const r = await reads(`source "amazon-ebs" "x" {\n  region = "us-east-1"\n  ${attribute}\n}\n`)
    expect(r.bases).toEqual([])
    expect(r.blind).toEqual([reason])
  })

  it('reads a legacy JSON template: scripts, {{template_dir}}, {{env}}, source_ami_filter', async () => {
    const r = await reads(
      JSON.stringify({
        variables: { stage: '{{env `STAGE`}}' },
        builders: [{ type: 'amazon-ebs', region: 'us-east-1', source_ami_filter: { filters: { name: 'base-*' }, owners: ['self'], most_recent: true } }],
        provisioners: [{ type: 'shell', scripts: ['{{template_dir}}/setup.sh', 'common.sh'] }]
      }),
      {},
      true
    )
    expect(r.files).toEqual([path.join(r.dir, 'setup.sh'), 'common.sh'].sort())
    expect(r.envNames).toEqual(['STAGE'])
    expect(r.bases).toEqual([{ source: 'amazon-ebs', region: 'us-east-1', filter: { filters: { name: 'base-*' }, owners: ['self'], mostRecent: true, includeDeprecated: false } }])
  })
})
