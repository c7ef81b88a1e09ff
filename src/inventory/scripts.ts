/**
 * The scripts the inventory runs on the test instance through SSM Run Command
 * (AWS-RunShellScript, AWS-RunPowerShellScript). GetCommandInvocation returns only "the first
 * 24,000 characters written by the plugin to stdout"
 * (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_GetCommandInvocation.html),
 * and a Debian image lists hundreds of packages: the first script writes the listing, gzipped
 * and base64-encoded, to a folder of its own on the instance and prints its length and first
 * page; each later script prints one more page; the last one removes the folder. gzip's CRC
 * then proves that the pages, put together, are the listing the first script wrote.
 */
import { LISTING_HEADER } from './listing.js'

/** Characters of the payload per run: well below SSM's 24,000, leaving room for the length line. */
export const PAGE_SIZE = 20_000

export type Platform = 'linux' | 'windows'

/** Names the folder on the instance (in its temp folder); hex only, so it is safe inside both shells' quotes. */
function folder(nonce: string): string {
  if (!/^[0-9a-f]{8,64}$/.test(nonce)) throw new Error(`inventory: "${nonce}" is not a hex nonce`)
  return `packer-ami-action-inventory-${nonce}`
}

/**
 * POSIX sh: whichever of dpkg, rpm and apk the image has. `mkdir` refuses a folder that exists,
 * so nothing else on the instance is overwritten; the listing is complete before it is
 * compressed, so a tool that fails fails the script (set -e) instead of cutting the listing.
 */
function linuxCollect(dir: string, page: number): string {
  return `set -eu
umask 077
d="\${TMPDIR:-/tmp}/${dir}"
mkdir "$d"
{
  echo '${LISTING_HEADER}'
  echo '@@kernel'
  uname -r
  if [ -r /etc/os-release ]; then echo '@@os-release'; cat /etc/os-release; echo; fi
  if command -v dpkg-query >/dev/null 2>&1; then
    echo '@@dpkg'
    dpkg-query -W -f='\${Package}\\t\${Version}\\t\${Architecture}\\t\${Status}\\n'
  fi
  if command -v rpm >/dev/null 2>&1; then
    echo '@@rpm'
    rpm -qa --qf '%{NAME}\\t%{EPOCH}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\n'
  fi
  if [ -r /lib/apk/db/installed ]; then
    echo '@@apk'
    sed -n '/^[PVA]:/p;/^$/p' /lib/apk/db/installed
  fi
} > "$d/listing"
gzip -9c < "$d/listing" > "$d/listing.gz"
base64 < "$d/listing.gz" | tr -d '\\n' > "$d/payload"
size=$(wc -c < "$d/payload" | tr -d ' ')
echo "$size"
head -c ${page} "$d/payload"
if [ "$size" -le ${page} ]; then rm -rf "$d"; fi
`
}

function linuxPage(dir: string, offset: number, page: number, last: boolean): string {
  return `set -eu
d="\${TMPDIR:-/tmp}/${dir}"
tail -c +${offset + 1} "$d/payload" | head -c ${page}
${last ? 'rm -rf "$d"\n' : ''}`
}

/**
 * Windows PowerShell 5.1: the Uninstall keys of both registry views, as Programs and Features
 * lists them (entries with a DisplayName, no SystemComponent, no parent); the build from
 * CurrentVersion stands for the kernel release. Written with [Console]::Out so that PowerShell
 * wraps no line.
 */
function windowsCollect(dir: string, page: number): string {
  return `$ErrorActionPreference = 'Stop'
$d = Join-Path $env:TEMP '${dir}'
New-Item -ItemType Directory -Path $d | Out-Null
$lines = New-Object System.Collections.Generic.List[string]
$lines.Add('${LISTING_HEADER}')
$cv = Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion'
$lines.Add('@@kernel')
$lines.Add(('{0}.{1}.{2}.{3}' -f $cv.CurrentMajorVersionNumber, $cv.CurrentMinorVersionNumber, $cv.CurrentBuild, $cv.UBR))
$lines.Add('@@os-release')
$lines.Add('ID=windows')
$lines.Add(('VERSION_ID={0}' -f $cv.CurrentBuild))
$lines.Add(('PRETTY_NAME="{0}"' -f ($cv.ProductName -replace '"', '')))
$lines.Add('@@windows')
$views = @(
  @{ Path = 'HKLM:\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*'; Arch = 'x64' },
  @{ Path = 'HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\*'; Arch = 'x86' }
)
foreach ($view in $views) {
  Get-ItemProperty -Path $view.Path -ErrorAction SilentlyContinue |
    Where-Object { $_.DisplayName -and -not $_.SystemComponent -and -not $_.ParentKeyName } |
    ForEach-Object {
      $fields = @($_.DisplayName, $_.DisplayVersion, $view.Arch, $_.Publisher) | ForEach-Object { ("$_" -replace '[\\t\\r\\n]', ' ').Trim() }
      $lines.Add($fields -join "\`t")
    }
}
$bytes = [System.Text.Encoding]::UTF8.GetBytes(($lines -join "\`n") + "\`n")
$buffer = New-Object System.IO.MemoryStream
$gzip = New-Object System.IO.Compression.GZipStream($buffer, [System.IO.Compression.CompressionMode]::Compress)
$gzip.Write($bytes, 0, $bytes.Length)
$gzip.Close()
$payload = [Convert]::ToBase64String($buffer.ToArray())
[System.IO.File]::WriteAllText((Join-Path $d 'payload'), $payload)
[Console]::Out.Write(("{0}\`n{1}" -f $payload.Length, $payload.Substring(0, [Math]::Min(${page}, $payload.Length))))
if ($payload.Length -le ${page}) { Remove-Item -Recurse -Force $d }
`
}

function windowsPage(dir: string, offset: number, page: number, last: boolean): string {
  return `$ErrorActionPreference = 'Stop'
$d = Join-Path $env:TEMP '${dir}'
$payload = [System.IO.File]::ReadAllText((Join-Path $d 'payload'))
[Console]::Out.Write($payload.Substring(${offset}, [Math]::Min(${page}, $payload.Length - ${offset})))
${last ? 'Remove-Item -Recurse -Force $d\n' : ''}`
}

/** The first script: prints the payload's length on a line, then its first page. */
export function collectScript(platform: Platform, nonce: string, page = PAGE_SIZE): string {
  const dir = folder(nonce)
  return platform === 'linux' ? linuxCollect(dir, page) : windowsCollect(dir, page)
}

/** A later script: the page at `offset`; the last one removes the folder. */
export function pageScript(platform: Platform, nonce: string, offset: number, last: boolean, page = PAGE_SIZE): string {
  const dir = folder(nonce)
  return platform === 'linux' ? linuxPage(dir, offset, page, last) : windowsPage(dir, offset, page, last)
}
