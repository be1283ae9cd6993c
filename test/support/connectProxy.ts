// A CONNECT proxy for tests, on 127.0.0.1: it tunnels `<anything>.emulator.test:<port>` to 127.0.0.1:<port> (the
// emulator's TLS certificate names *.emulator.test, and the name resolves nowhere, so a call to it that arrives went
// through this proxy) and refuses every other destination. It counts tunnels and can demand credentials.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Tunnel {
  readonly host: string;
  readonly port: number;
  readonly proxyAuthorization?: string;
}

export interface ConnectProxy {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Every CONNECT asked for, answered or not. */
  readonly tunnels: Tunnel[];
  /** While set, a CONNECT without exactly this Proxy-Authorization gets 407. */
  requireAuthorization(value: string | undefined): void;
  close(): Promise<void>;
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: Tunnel[] = [];
  const sockets = new Set<net.Socket>();
  let required: string | undefined;
  const server = http.createServer((_req, res) => res.writeHead(405).end('CONNECT only'));
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const [host = '', portText = ''] = (req.url ?? '').split(/:(?=\d+$)/);
    const port = Number(portText);
    const proxyAuthorization = req.headers['proxy-authorization'];
    tunnels.push({ host, port, ...(proxyAuthorization ? { proxyAuthorization } : {}) });
    client.on('error', () => undefined);
    if (required !== undefined && proxyAuthorization !== required) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (!host.endsWith('.emulator.test') || !Number.isInteger(port)) {
      client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tunnels,
    requireAuthorization(value) {
      required = value;
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
