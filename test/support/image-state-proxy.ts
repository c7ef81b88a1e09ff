/**
 * A loopback proxy in front of moto that shows chosen AMIs in a state moto cannot put them in
 * (moto registers every AMI `available` at once, and has no transition for images): stuck
 * `pending` or `failed`, as a lost runner's CreateImage or CopyImage leaves them. Everything
 * else is forwarded unchanged, so removal really happens in moto.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ImageStateProxy {
  endpoint: string
  /** Shows `ami` in `state` from now on. */
  show(ami: string, state: 'pending' | 'failed'): void
  close(): Promise<void>
}

function readBody(stream: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    stream.on('data', (c: Buffer) => chunks.push(c))
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    stream.on('error', reject)
  })
}

export async function startImageStateProxy(target: string): Promise<ImageStateProxy> {
  const shown = new Map<string, string>()
  const upstream = new URL(target)
  const server = http.createServer((req, res) => {
    void (async () => {
      let body = await readBody(req)
      const describing = new URLSearchParams(body).get('Action') === 'DescribeImages'
      if (describing && shown.size > 0) {
        // A state filter asking for the stuck states must find the images moto holds as available.
        const params = new URLSearchParams(body)
        const stateFilter = [...params].find(([name, value]) => /^Filter\.\d+\.Name$/.test(name) && value === 'state')?.[0].replace(/Name$/, 'Value.')
        for (const [name, value] of [...params]) {
          if (stateFilter !== undefined && name.startsWith(stateFilter) && (value === 'pending' || value === 'failed')) params.set(name, 'available')
        }
        body = params.toString()
      }
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(Buffer.byteLength(body)) }
      const forwarded = http.request(target, { method: req.method, path: req.url, headers }, async (answer) => {
        let text = await readBody(answer)
        if (describing) {
          for (const [ami, state] of shown) {
            text = text.replace(new RegExp(`(<imageId>${ami}</imageId>(?:(?!<imageId>)[\\s\\S])*?<imageState>)available(</imageState>)`), `$1${state}$2`)
          }
        }
        const out = { ...answer.headers, 'content-length': String(Buffer.byteLength(text)) }
        delete out['transfer-encoding']
        res.writeHead(answer.statusCode ?? 502, out)
        res.end(text)
      })
      forwarded.on('error', (err) => {
        res.writeHead(502)
        res.end(String(err))
      })
      forwarded.end(body)
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    show: (ami, state) => void shown.set(ami, state),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
