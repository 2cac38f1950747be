import { createServer, type Server } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';

export interface FakeProxy {
  url: string;
  /** `host:port` targets tunnelled so far. */
  targets: string[];
  /** Proxy-Authorization headers seen (HTTP proxy only). */
  auth: (string | undefined)[];
  stop(): Promise<void>;
}

function tunnel(client: Socket, host: string, port: number, onOpen: () => void): void {
  const upstream = connect(port, host, onOpen);
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
  upstream.pipe(client);
  client.pipe(upstream);
}

/** An HTTP CONNECT proxy (what undici's ProxyAgent speaks). */
export async function startHttpProxy(): Promise<FakeProxy> {
  const targets: string[] = [];
  const auth: (string | undefined)[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req, client: Socket, head: Buffer) => {
    sockets.add(client);
    targets.push(req.url ?? '');
    auth.push(req.headers['proxy-authorization']);
    const [host, port] = (req.url ?? '').split(':');
    tunnel(client, host, Number(port), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) client.unshift(head);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    auth,
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A SOCKS5 proxy without authentication, IPv4 and domain targets (RFC 1928). */
export async function startSocks5Proxy(): Promise<FakeProxy> {
  const targets: string[] = [];
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    sockets.add(client);
    client.once('data', (greeting: Buffer) => {
      if (greeting[0] !== 5) return client.destroy();
      client.write(Buffer.from([5, 0]));
      client.once('data', (req: Buffer) => {
        const atyp = req[3];
        let host: string;
        let offset: number;
        if (atyp === 1) {
          host = [...req.subarray(4, 8)].join('.');
          offset = 8;
        } else if (atyp === 3) {
          host = req.subarray(5, 5 + req[4]).toString();
          offset = 5 + req[4];
        } else {
          return client.destroy();
        }
        const port = req.readUInt16BE(offset);
        targets.push(`${host}:${port}`);
        tunnel(client, host, port, () => client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0])));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `socks5://127.0.0.1:${(server.address() as AddressInfo).port}`,
    targets,
    auth: [],
    stop: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
