// The floor: the least a Node gateway can do (node:http in, undici out, bytes piped both ways, no
// parsing, no auth, no analytics). No Node gateway can beat this on the same core.
//
//   node bench/lib/min-proxy.mjs --port 0 --upstream http://127.0.0.1:PORT
import { createServer } from 'node:http';
import { Agent } from 'undici';

const args = process.argv.slice(2);
const port = Number(args[args.indexOf('--port') + 1] || 0);
const upstream = args[args.indexOf('--upstream') + 1];
const agent = new Agent({ keepAliveTimeout: 60_000, connections: null });

const server = createServer((req, res) => {
  const { host, connection, ...headers } = req.headers;
  agent
    .request({ origin: upstream, path: req.url, method: req.method, headers, body: req })
    .then(({ statusCode, headers: upHeaders, body }) => {
      delete upHeaders.connection;
      delete upHeaders['keep-alive'];
      delete upHeaders['transfer-encoding'];
      res.writeHead(statusCode, upHeaders);
      res.flushHeaders();
      body.on('data', (chunk) => res.write(chunk));
      body.on('end', () => res.end());
      res.on('close', () => body.destroy());
    })
    .catch((err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: err.message } }));
    });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
