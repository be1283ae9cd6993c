// An endpoint that is not Alibaba's: it answers every request with the same Alibaba-shaped error body, whatever
// that body says. Tests point one product of a profile at it (http:// is allowed for 127.0.0.1) to see how the
// extension treats server text it must not trust — a Recommend link off Alibaba's domains, formula-like codes.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostileEndpoint {
  readonly url: string;
  /** RequestIds it answered with, in order. */
  readonly requestIds: string[];
  close(): Promise<void>;
}

export async function startHostileEndpoint(body: (requestId: string) => Record<string, unknown>, status = 400): Promise<HostileEndpoint> {
  const requestIds: string[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const requestId = `F0F0F0F0-0000-4000-8000-${String(requestIds.length + 1).padStart(12, '0')}`;
      requestIds.push(requestId);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ RequestId: requestId, HostId: 'mts.cn-shanghai.aliyuncs.com', ...body(requestId) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requestIds,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
