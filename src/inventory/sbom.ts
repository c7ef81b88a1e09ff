/**
 * The inventory as a CycloneDX 1.6 JSON document (OWASP's @cyclonedx/cyclonedx-library), and
 * read back from one: the diff compares this run's inventory with the SBOM an earlier run kept.
 * The AMI is the metadata component, named and referenced by its ARN; each package is a
 * component with its purl. CycloneDX has no component type for a machine image
 * (CycloneDX/specification#137): an AMI is an installed operating system with its packages.
 */
import { randomUUID } from 'node:crypto'
import * as Enums from '@cyclonedx/cyclonedx-library/Enums'
import * as Models from '@cyclonedx/cyclonedx-library/Models'
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize'
import * as Spec from '@cyclonedx/cyclonedx-library/Spec'
import { PackageURL } from 'packageurl-js'
import { imageArn } from '../aws/attestation.js'
import type { InstalledPackage, Inventory, PackageType } from './listing.js'

/** Names of the SBOM's own properties (CycloneDX property names are free; a prefix keeps ours apart). */
export const SbomProperty = {
  family: 'packer-ami-action:family',
  build: 'packer-ami-action:build',
  region: 'packer-ami-action:region',
  ami: 'packer-ami-action:ami',
  kernel: 'packer-ami-action:kernel',
  os: 'packer-ami-action:os',
  osVersion: 'packer-ami-action:os-version',
  packageType: 'packer-ami-action:package-type'
} as const

export interface ImageIdentity {
  region: string
  account: string
  ami: string
  family: string
  build: string
}

/** The SBOM's JSON text. `now` and `serial` are injectable so that tests can compare bytes. */
export function sbomJson(image: ImageIdentity, inventory: Inventory, now = new Date(), serial = randomUUID()): string {
  const { Bom, Component, Property, PropertyRepository } = Models
  const property = (name: string, value: string | undefined) => (value === undefined || value === '' ? [] : [new Property(name, value)])
  const arn = imageArn(image.region, image.account, image.ami)

  const ami = new Component(Enums.ComponentType.OperatingSystem, arn, {
    bomRef: arn,
    version: image.ami,
    description: `AMI ${image.ami} in ${image.region}, family ${image.family}, build ${image.build}`,
    properties: new PropertyRepository([
      ...property(SbomProperty.family, image.family),
      ...property(SbomProperty.build, image.build),
      ...property(SbomProperty.region, image.region),
      ...property(SbomProperty.ami, image.ami),
      ...property(SbomProperty.kernel, inventory.kernel),
      ...property(SbomProperty.os, inventory.os?.prettyName ?? inventory.os?.id),
      ...property(SbomProperty.osVersion, inventory.os?.versionId)
    ])
  })

  const bom = new Bom({ serialNumber: `urn:uuid:${serial}` })
  bom.metadata.timestamp = now
  bom.metadata.component = ami
  bom.metadata.tools.components.add(new Component(Enums.ComponentType.Application, 'packer-ami-action'))
  for (const p of inventory.packages) {
    const component = new Component(Enums.ComponentType.Library, p.name, {
      bomRef: p.purl,
      version: p.version || undefined,
      purl: p.purl,
      publisher: p.publisher,
      properties: new PropertyRepository([new Property(SbomProperty.packageType, p.type)])
    })
    bom.components.add(component)
    ami.dependencies.add(component.bomRef)
  }

  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6))
  return serializer.serialize(bom, { sortLists: true, space: 2 }) + '\n'
}

const TYPES: readonly string[] = ['deb', 'rpm', 'apk', 'windows']

/** The inventory an SBOM holds, as far as the diff needs it: kernel, OS, packages. */
export function inventoryFromSbom(text: string): Inventory & { ami?: string } {
  let doc: unknown
  try {
    doc = JSON.parse(text)
  } catch (err) {
    throw new Error(`the earlier SBOM is not JSON: ${(err as Error).message}`, { cause: err })
  }
  const bom = doc as CdxDocument
  if (bom?.bomFormat !== 'CycloneDX' || !Array.isArray(bom.components ?? [])) throw new Error('the earlier SBOM is not a CycloneDX document')
  const props = propertiesOf(bom.metadata?.component)
  const kernel = props.get(SbomProperty.kernel) ?? ''
  const osName = props.get(SbomProperty.os)
  const packages: InstalledPackage[] = []
  for (const c of bom.components ?? []) {
    const type = propertiesOf(c).get(SbomProperty.packageType)
    if (typeof c.name !== 'string' || type === undefined || !TYPES.includes(type)) continue
    let arch: string | undefined
    try {
      arch = c.purl ? PackageURL.fromString(c.purl).qualifiers?.arch : undefined
    } catch {
      arch = undefined
    }
    packages.push({ type: type as PackageType, name: c.name, version: c.version ?? '', arch, purl: c.purl ?? '', publisher: c.publisher })
  }
  return {
    kernel,
    os: osName !== undefined ? { id: osName, prettyName: osName, versionId: props.get(SbomProperty.osVersion) } : undefined,
    packages,
    ami: props.get(SbomProperty.ami)
  }
}

interface CdxComponent {
  name?: unknown
  version?: string
  purl?: string
  publisher?: string
  properties?: Array<{ name?: unknown; value?: unknown }>
}

interface CdxDocument {
  bomFormat?: unknown
  metadata?: { component?: CdxComponent }
  components?: CdxComponent[]
}

function propertiesOf(component: CdxComponent | undefined): Map<string, string> {
  const out = new Map<string, string>()
  for (const p of component?.properties ?? []) if (typeof p.name === 'string' && typeof p.value === 'string') out.set(p.name, p.value)
  return out
}
