import * as path from 'node:path'
import { templateReads } from '../support/template-reads.js'

/**
 * What a template reads, as `skip-unchanged` fingerprints it (files, env names, bases) and what it
 * reports blind (so the AMI is rebuilt rather than reused). Each case here is a read that was
 * invisible, or a blind input that went unreported, under a surviving mutant of
 * src/lineage/template-reads.ts (issue 21).
 */
const reads = templateReads('pam-reads-mut-')

const build = (inner: string) => `build {\n  sources = ["source.null.x"]\n${inner}\n}\n`

describe('files components read', () => {
  it('names the files of every attribute Packer components read from disk', async () => {
    const r = await reads(
      build(`
  provisioner "file" {
    sources     = ["files/a", "files/b"]
    destination = "/tmp/"
  }
  provisioner "ansible" {
    playbook_file           = "site.yml"
    roles_path              = "roles"
    collections_path        = "collections"
    inventory_file          = "inventory.ini"
    inventory_directory     = "inventory"
    ssh_authorized_key_file = "keys/auth.pub"
    ssh_host_key_file       = "keys/host"
  }
  provisioner "ansible-local" {
    playbook_files = ["one.yml"]
    playbook_dir   = "playbooks"
    playbook_paths = ["extra"]
    role_paths     = ["local-roles"]
    group_vars     = "group_vars"
    host_vars      = "host_vars"
  }
  provisioner "goss" {
    tests     = ["goss.yaml"]
    vars_file = "goss-vars.yaml"
  }
  post-processor "vagrant" {
    vagrantfile_template = "Vagrantfile.tpl"
    include              = ["README.md"]
  }`)
    )
    expect(r.files).toEqual(
      [
        'files/a', 'files/b', 'site.yml', 'roles', 'collections', 'inventory.ini', 'inventory', 'keys/auth.pub', 'keys/host',
        'one.yml', 'playbooks', 'extra', 'local-roles', 'group_vars', 'host_vars', 'goss.yaml', 'goss-vars.yaml', 'Vagrantfile.tpl', 'README.md'
      ].sort()
    )
    expect(r.blind).toEqual([])
  })

  it('reads the files of error-cleanup provisioners and of post-processor chains, and names them when blind', async () => {
    const r = await reads(
      build(`
  error-cleanup-provisioner "shell-local" {
    script = "cleanup.sh"
  }
  error-cleanup-provisioner "shell-local" {
    script = local.cleanup
  }
  post-processors {
    post-processor "shell-local" {
      script = "chained.sh"
    }
    post-processor "shell-local" {
      script = local.chained
    }
  }
  post-processor "shell-local" {
    script = local.single
  }`)
    )
    expect(r.files).toEqual(['chained.sh', 'cleanup.sh'])
    expect([...r.blind].sort()).toEqual([
      'error-cleanup-provisioner "shell-local" script = ${local.cleanup}',
      'post-processor "shell-local" script = ${local.chained}',
      'post-processor "shell-local" script = ${local.single}'
    ])
  })

  it('does not read the remote paths a download names, in sources either', async () => {
    const r = await reads(
      build(`
  provisioner "file" {
    direction   = "download"
    sources     = ["/var/log/a.log", "/var/log/b.log"]
    destination = "logs/"
  }`)
    )
    expect(r.files).toEqual([])
    expect(r.blind).toEqual([])
  })

  it('reads the source of a component other than the file provisioner even when it says direction = "download"', async () => {
    const r = await reads(build(`  provisioner "custom-sync" {\n    direction = "download"\n    source    = "local/seed.db"\n  }`))
    expect(r.files).toEqual(['local/seed.db'])
    expect(r.blind).toEqual([])
  })

  it('a path given by file() is read relative to the template folder, not called blind', async () => {
    const r = await reads(build(`  provisioner "shell" {\n    script = file("script-name.txt")\n  }`))
    expect(r.files).toEqual([path.join(r.dir, 'script-name.txt')])
    expect(r.blind).toEqual([])
  })

  it('calls an empty path or a non-text value blind, showing the value', async () => {
    const r = await reads(build(`  provisioner "shell" {\n    script = var.empty\n  }\n  provisioner "file" {\n    source = { a = "b" }\n    destination = "/tmp"\n  }`), { empty: '' })
    expect(r.files).toEqual([])
    expect(r.blind.sort()).toEqual(['provisioner "file" source = {"a":"b"}', 'provisioner "shell" script = ${var.empty}'])
  })

  it('makes ${ path.root } absolute however it is spaced', async () => {
    const r = await reads(build(`  provisioner "shell" {\n    script = "\${ path.root }/a.sh"\n  }`))
    expect(r.files).toEqual([path.join(r.dir, 'a.sh')])
    expect(r.blind).toEqual([])
  })

  it('replaces path.root alone, keeping the interpolations before and after it', async () => {
    const r = await reads(
      build(`  provisioner "shell" {\n    script = "\${path.root}/scripts/\${var.role}.sh"\n  }\n  provisioner "shell" {\n    script = "\${local.stage}-\${path.root}/b.sh"\n  }`),
      { role: 'web' }
    )
    expect(r.files).toEqual([path.join(r.dir, 'scripts', 'web.sh')])
    expect(r.blind).toEqual(['provisioner "shell" script = ${local.stage}-${path.root}/b.sh'])
  })
})

describe('file functions and env()', () => {
  it('resolves a file function argument given by a variable and tolerates spaces around a literal', async () => {
    const r = await reads(
      `locals {\n  a = file(var.motd)\n  b = templatefile("user-data.tpl" , {})\n  c = [filebase64( "list.bin" )]\n}\n`,
      { motd: 'motd.txt' }
    )
    expect(r.files).toEqual([path.join(r.dir, 'list.bin'), path.join(r.dir, 'motd.txt'), path.join(r.dir, 'user-data.tpl')])
    expect(r.blind).toEqual([])
  })

  it('calls a file function argument only Packer can evaluate blind, naming the call trimmed', async () => {
    const r = await reads(`locals {\n  e = env(local.name )\n  a = file(local.path )\n  b = file("prod" == var.stage ? "prod.txt" : "dev.txt")\n}\n`)
    expect(r.files).toEqual([])
    expect(r.blind.sort()).toEqual(['env(local.name)', 'file("prod" == var.stage ? "prod.txt" : "dev.txt")', 'file(local.path)'])
  })

  it('names env() variables in lists, sorted, tolerating spaces, and calls computed names blind', async () => {
    const r = await reads(`
variable "a" {
  default = [env("ZED" )]
}
variable "z" {
  default = env("ALPHA")
}
variable "lower" {
  default = env(lower("STAGE"))
}
variable "joined" {
  default = env("STA\${"GE"}")
}
variable "nothing" {
  default = null
}
`)
    expect(r.envNames).toEqual(['ALPHA', 'ZED'])
    expect(r.blind.sort()).toEqual(['env("STA${"GE"}")', 'env(lower("STAGE")'])
  })

  it('names legacy {{env}} variables however they are spaced', async () => {
    const r = await reads(JSON.stringify({ variables: { a: '{{ env  `SPACED` }}' }, builders: [{ type: 'null' }] }), {}, true)
    expect(r.envNames).toEqual(['SPACED'])
    expect(r.blind).toEqual([])
  })
})

describe('base images', () => {
  const ebs = (name: string, inner: string) => `source "amazon-ebs" "${name}" {\n  region = "us-east-1"\n${inner}\n}\n`

  it('looks for no base in non-amazon and amazon-import sources', async () => {
    const r = await reads(`source "null" "x" {\n  communicator = "none"\n}\nsource "amazon-import" "imp" {\n  region = "us-east-1"\n}\n`)
    expect(r.bases).toEqual([])
    expect(r.blind).toEqual([])
  })

  it('calls a source with neither source_ami nor a filter, or with a region only Packer knows, blind', async () => {
    const r = await reads(`${ebs('none', '')}source "amazon-ebs" "loc" {\n  region     = local.region\n  source_ami = "ami-0123456789abcdef0"\n}\n`)
    expect(r.bases).toEqual([{ source: 'amazon-ebs.loc', ami: 'ami-0123456789abcdef0' }])
    expect(r.blind.sort()).toEqual(['amazon-ebs.loc region = ${local.region}', 'amazon-ebs.none: neither source_ami nor source_ami_filter is set'])
  })

  it('an empty source_ami leaves the filter in charge', async () => {
    const r = await reads(ebs('x', '  source_ami = ""\n  source_ami_filter {\n    filters = { name = "base-*" }\n    owners = ["self"]\n  }'))
    expect(r.bases).toEqual([{ source: 'amazon-ebs.x', region: 'us-east-1', filter: { filters: { name: 'base-*' }, owners: ['self'], mostRecent: false, includeDeprecated: false } }])
    expect(r.blind).toEqual([])
  })

  it('takes the id from the data block of the type and name referenced', async () => {
    const r = await reads(`
data "amazon-parameterstore" "base" {
  name = "/not/this"
}
data "amazon-ami" "other" {
  filters = { name = "other-*" }
  owners  = ["self"]
}
data "amazon-ami" "base" {
  filters = { name = "base-*" }
  owners  = ["self"]
}
${ebs('x', '  source_ami = "${ data.amazon-ami.base.id }"')}`)
    expect(r.bases).toEqual([{ source: 'amazon-ebs.x', region: 'us-east-1', filter: { filters: { name: 'base-*' }, owners: ['self'], mostRecent: false, includeDeprecated: false } }])
    expect(r.blind).toEqual([])
  })

  it('takes a data reference only when it is the whole source_ami, not one joined to another interpolation', async () => {
    const r = await reads(`
data "amazon-ami" "base" {
  filters = { name = "base-*" }
  owners  = ["self"]
}
${ebs('joined', '  source_ami = "${data.amazon-ami.base.id}${local.suffix}"')}`)
    expect(r.bases).toEqual([])
    expect(r.blind).toEqual(['amazon-ebs.joined source_ami = ${data.amazon-ami.base.id}${local.suffix}'])
  })

  it('takes a parameter from the parameterstore block, not the amazon-ami block of the same name', async () => {
    const r = await reads(`
data "amazon-ami" "p" {
  filters = { name = "base-*" }
  owners  = ["self"]
}
data "amazon-parameterstore" "p" {
  name = "/images/base"
}
${ebs('x', '  source_ami = data.amazon-parameterstore.p.value')}`)
    expect(r.bases).toEqual([{ source: 'amazon-ebs.x', region: 'us-east-1', parameter: '/images/base' }])
    expect(r.blind).toEqual([])
  })

  it('calls filters given by an expression blind rather than searching without them', async () => {
    const r = await reads(`
locals {
  f = { name = "base-*" }
}
data "amazon-ami" "d" {
  filters = local.f
  owners  = ["self"]
}
${ebs('data', '  source_ami = data.amazon-ami.d.id')}
${ebs('inline', '  source_ami_filter {\n    filters = merge(local.f, { "root-device-type" = "ebs" })\n    owners  = ["self"]\n  }')}
`)
    expect(r.bases).toEqual([])
    expect(r.blind.sort()).toEqual(['amazon-ebs.inline source_ami_filter: filters or owners only Packer can evaluate', 'data "amazon-ami" "d": filters or owners only Packer can evaluate'])
  })

  it('calls a missing data block, an unresolved parameter name or data filter blind', async () => {
    const r = await reads(`
data "amazon-parameterstore" "p" {
  name = local.parameter
}
data "amazon-ami" "a" {
  filters = { name = local.name }
  owners  = ["self"]
}
${ebs('missing', '  source_ami = data.amazon-ami.nope.id')}
${ebs('param', '  source_ami = data.amazon-parameterstore.p.value')}
${ebs('ami', '  source_ami = data.amazon-ami.a.id')}
${ebs('prefixed', '  source_ami = "${local.prefix}${data.amazon-ami.a.id}"')}
${ebs('suffixed', '  source_ami = "${data.amazon-ami.a.id}-x"')}
`)
    expect(r.bases).toEqual([])
    expect(r.blind.sort()).toEqual(
      [
        'amazon-ebs.missing source_ami = ${data.amazon-ami.nope.id}: no such data block',
        'data "amazon-parameterstore" "p" name = ${local.parameter}',
        'data "amazon-ami" "a": filters or owners only Packer can evaluate',
        'amazon-ebs.prefixed source_ami = ${local.prefix}${data.amazon-ami.a.id}',
        'amazon-ebs.suffixed source_ami = ${data.amazon-ami.a.id}-x'
      ].sort()
    )
  })

  it('reads filter blocks, flags from variables and missing owners; calls what it cannot resolve blind', async () => {
    const filter = (name: string, inner: string) => ebs(name, `  source_ami_filter {\n${inner}\n  }`)
    const r = await reads(
      [
        filter('blocks', '    filter {\n      name  = "name"\n      value = var.pattern\n    }\n    most_recent = var.latest\n    include_deprecated = var.deprecated'),
        filter('no-owners', '    filters = { name = "x-*" }'),
        filter('bad-name', '    filter {\n      name  = local.n\n      value = "v"\n    }'),
        filter('bad-value', '    filter {\n      name  = "name"\n      value = local.v\n    }'),
        filter('bad-owners', '    filters = { name = "x-*" }\n    owners = local.owners'),
        filter('bad-recent', '    filters = { name = "x-*" }\n    most_recent = var.yes'),
        filter('bad-deprecated', '    filters = { name = "x-*" }\n    include_deprecated = local.d')
      ].join(''),
      { pattern: 'base-*', latest: 'false', deprecated: 'true', yes: 'yes' }
    )
    expect(r.bases).toEqual([
      { source: 'amazon-ebs.blocks', region: 'us-east-1', filter: { filters: { name: 'base-*' }, owners: [], mostRecent: false, includeDeprecated: true } },
      { source: 'amazon-ebs.no-owners', region: 'us-east-1', filter: { filters: { name: 'x-*' }, owners: [], mostRecent: false, includeDeprecated: false } }
    ])
    expect(r.blind.sort()).toEqual(
      ['bad-name', 'bad-value', 'bad-owners', 'bad-recent', 'bad-deprecated'].map((s) => `amazon-ebs.${s} source_ami_filter: filters or owners only Packer can evaluate`).sort()
    )
  })

  it('takes most_recent = "true" from a variable as true', async () => {
    const r = await reads(ebs('x', '  source_ami_filter {\n    filters = { name = "x-*" }\n    most_recent = var.latest\n  }'), { latest: 'true' })
    expect(r.bases.map((b) => b.filter?.mostRecent)).toEqual([true])
  })
})

describe('legacy JSON', () => {
  it('reads post-processor files (sequences too), names legacy provisioners blind, and skips non-amazon builders', async () => {
    const r = await reads(
      JSON.stringify({
        builders: [{ type: 'docker', image: 'x' }, { type: 'amazon-import' }],
        provisioners: [{ type: 'shell', script: '{{user `missing`}}/a.sh' }],
        'post-processors': ['compress', [{ type: 'shell-local', script: 'post.sh' }], { type: 'shell-local', script: '{{ template_dir }}/b.sh' }]
      }),
      {},
      true
    )
    expect(r.files).toEqual([path.join(r.dir, 'b.sh'), 'post.sh'].sort())
    expect(r.bases).toEqual([])
    expect(r.blind).toEqual(['provisioner "shell" script = {{user `missing`}}/a.sh'])
  })

  it('names a base by the builder name, or by its type when the name is empty', async () => {
    const r = await reads(
      JSON.stringify({
        builders: [
          { type: 'amazon-ebs', name: 'web', region: 'us-east-1', source_ami: 'ami-0123456789abcdef0' },
          { type: 'amazon-ebs', name: '', region: 'us-east-1', source_ami: 'ami-0fedcba9876543210' }
        ]
      }),
      {},
      true
    )
    expect(r.bases).toEqual([
      { source: 'web', region: 'us-east-1', ami: 'ami-0123456789abcdef0' },
      { source: 'amazon-ebs', region: 'us-east-1', ami: 'ami-0fedcba9876543210' }
    ])
    expect(r.blind).toEqual([])
  })
})
