import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createSecureServer, type Http2SecureServer, type Http2Session } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { AppConfig } from '../config/app-config';
import { StartupError, describeError } from './startup-error';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Idle HTTP/2 sessions are closed after this long, like HTTP/1.1 keep-alive connections (Fastify's default). */
const H2_SESSION_IDLE_MS = 72_000;

/** The listening server and how to wind its connections down on shutdown. */
export interface HttpListener {
  server: Server | Http2SecureServer;
  /**
   * Lets open connections finish what they carry and take nothing new: idle HTTP/1.1 keep-alive
   * connections close, HTTP/2 sessions get a GOAWAY (their streams in flight complete). Safe to repeat.
   */
  drain(): void;
  /** Cuts every connection still open (the grace period is over). */
  closeAll(): void;
}

/** TLS_CERT_FILE + TLS_KEY_FILE, read once at boot; a clear message when a file is missing. */
function readTls(tls: NonNullable<AppConfig['tls']>): { cert: Buffer; key: Buffer } {
  const read = (name: string, file: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new StartupError(`Cannot read ${name} ${file}: ${describeError(err)}`);
    }
  };
  return { cert: read('TLS_CERT_FILE', tls.certFile), key: read('TLS_KEY_FILE', tls.keyFile) };
}

function plainListener(server: Server): HttpListener {
  return {
    server,
    drain: () => server.closeIdleConnections(),
    closeAll: () => server.closeAllConnections(),
  };
}

/**
 * HTTPS with HTTP/2 offered by ALPN and HTTP/1.1 for clients that do not ask for it (the node:http2
 * compatibility API hands both to the same handler). Sessions and sockets are tracked for shutdown:
 * Node 20's http2 server has no closeAllConnections().
 */
function http2Listener(server: Http2SecureServer): HttpListener {
  const sessions = new Set<Http2Session>();
  const sockets = new Set<Socket>();
  server.on('session', (session: Http2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
    session.setTimeout(H2_SESSION_IDLE_MS, () => session.close());
  });
  server.on('secureConnection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return {
    server,
    drain: () => {
      // Present with allowHTTP1 (the HTTP/1.1 connections), missing from Node 20's type definitions.
      (server as unknown as { closeIdleConnections(): void }).closeIdleConnections();
      for (const session of sessions) if (!session.closed) session.close();
    },
    closeAll: () => {
      for (const session of sessions) session.destroy();
      for (const socket of sockets) socket.destroy();
    },
  };
}

/** HTTP, or HTTPS with the configured certificate: HTTP/2 and HTTP/1.1 by ALPN, or HTTP/1.1 only (HTTP2=false). */
export function createHttpListener(config: AppConfig, handler: Handler): HttpListener {
  if (!config.tls) return plainListener(createServer(handler));
  const { cert, key } = readTls(config.tls);
  try {
    if (!config.tls.http2) return plainListener(createHttpsServer({ cert, key }, handler));
    // The compatibility API's request and response mirror node:http's for everything the gateway uses.
    const compat = handler as unknown as Parameters<typeof createSecureServer>[1];
    return http2Listener(createSecureServer({ cert, key, allowHTTP1: true }, compat));
  } catch (err) {
    throw new StartupError(
      `TLS_CERT_FILE / TLS_KEY_FILE are not a usable PEM certificate and key: ${describeError(err)}`,
    );
  }
}
