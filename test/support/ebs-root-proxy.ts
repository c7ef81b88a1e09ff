/**
 * A loopback proxy in front of moto that answers DescribeImages as EC2 does for an AMI made
 * with CreateImage from an EBS-backed instance: root device type `ebs`. AWS documents that
 * CreateImage "creates an Amazon EBS-backed AMI from an Amazon EBS-backed instance" (EC2 API
 * Reference, CreateImage); moto records `standard`, which Packer refuses as a source ("The
 * provided source AMI has an invalid root device type"). With `refuseNameLookups`, it also refuses
 * DescribeImages calls that filter by `name` (a source_ami_filter's look-up) as EC2 refuses a
 * caller without ec2:DescribeImages: HTTP 403 `UnauthorizedOperation` (EC2 API Reference, "Error
 * codes for the Amazon EC2 API"). Everything else is forwarded unchanged.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface EbsRootProxy {
  endpoint: string
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

export async function startEbsRootProxy(target: string, opts: { refuseNameLookups?: boolean } = {}): Promise<EbsRootProxy> {
  const upstream = new URL(target)
  const server = http.createServer((req, res) => {
    void (async () => {
      const body = await readBody(req)
      const params = new URLSearchParams(body)
      const describing = params.get('Action') === 'DescribeImages'
      if (describing && opts.refuseNameLookups === true && [...params].some(([k, v]) => /^Filter\.\d+\.Name$/.test(k) && v === 'name')) {
        res.writeHead(403, { 'content-type': 'text/xml;charset=UTF-8' })
        res.end(
          '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>UnauthorizedOperation</Code>' +
            '<Message>You are not authorized to perform this operation.</Message></Error></Errors>' +
            '<RequestID>5e0b4a1c-0000-4000-8000-000000000403</RequestID></Response>'
        )
        return
      }
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(Buffer.byteLength(body)) }
      const forwarded = http.request(target, { method: req.method, path: req.url, headers }, async (answer) => {
        let text = await readBody(answer)
        if (describing) text = text.replace(/<rootDeviceType>standard<\/rootDeviceType>/g, '<rootDeviceType>ebs</rootDeviceType>')
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
