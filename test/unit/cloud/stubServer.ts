// A scripted HTTP server on a free loopback port: each request gets the next canned answer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  readonly params: URLSearchParams;
}

export type Answer = (req: IncomingMessage, res: ServerResponse, seen: SeenRequest) => void;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Answer => (_req, res) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

export class StubServer {
  readonly seen: SeenRequest[] = [];
  private readonly answers: Answer[] = [];
  private readonly sockets = new Set<Socket>();
  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<StubServer> {
    const holder: { stub?: StubServer } = {};
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const seen = { method: req.method ?? '', params: new URLSearchParams(body || (req.url ?? '').split('?')[1] || '') };
        holder.stub!.seen.push(seen);
        const answer = holder.stub!.answers.shift() ?? json(500, { Code: 'InternalError', Message: 'no answer scripted', RequestId: 'STUB' });
        answer(req, res, seen);
      });
    });
    server.on('connection', (s) => {
      holder.stub?.sockets.add(s);
      s.on('close', () => holder.stub?.sockets.delete(s));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    holder.stub = new StubServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return holder.stub;
  }

  /** Connections the client keeps open (keep-alive sockets included). */
  get openConnections(): number {
    return this.sockets.size;
  }

  script(...answers: Answer[]): void {
    this.answers.push(...answers);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
