'use strict';
// The Node.js baseline for Herald's benchmarks: the same /notifications and /chat semantics and the same HTTP
// trigger, written the way a Node developer would with the ws package. It is a yardstick, not a product: one
// process, no persistence, no authentication (a bearer token sent by the load generator is ignored).
//
//   node hub.js --host 127.0.0.1 --port 28082

const http = require('node:http');
const { randomUUID } = require('node:crypto');
const { WebSocketServer, WebSocket } = require('ws');

const MAX_BODY_BYTES = 64 * 1024;
const READ_ONLY = JSON.stringify({
  type: 'error', code: 'read_only', message: '/notifications only sends; frames from clients are ignored',
});

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 && index + 1 < process.argv.length ? process.argv[index + 1] : fallback;
}

const host = option('host', '127.0.0.1');
const port = Number(option('port', '28082'));

// Connections by channel. A Set keeps insertion order and removes in O(1).
const channels = { notifications: new Set(), chat: new Set() };

function broadcast(channel, text, exceptSocket, exceptId) {
  let recipients = 0;
  for (const socket of channels[channel]) {
    if (socket === exceptSocket || socket.heraldId === exceptId || socket.readyState !== WebSocket.OPEN) {
      continue;
    }
    socket.send(text);
    recipients++;
  }
  return recipients;
}

function problem(response, status, title, detail) {
  response.writeHead(status, { 'Content-Type': 'application/problem+json' });
  response.end(JSON.stringify({ type: 'about:blank', title, status, detail }));
}

function publish(request, response) {
  const chunks = [];
  let size = 0;
  let refused = false;
  request.on('data', chunk => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES && !refused) {
      refused = true;
      problem(response, 413, 'Content Too Large', 'the body may hold at most 64 KiB');
      request.destroy();
    } else if (!refused) {
      chunks.push(chunk);
    }
  });
  request.on('end', () => {
    if (refused) {
      return;
    }
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return problem(response, 400, 'Bad Request', 'the body is not valid JSON');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return problem(response, 400, 'Bad Request', 'send a JSON object with channel and payload');
    }
    if (!Object.hasOwn(channels, body.channel)) {
      return problem(response, 400, 'Bad Request', 'channel: must be one of "notifications", "chat"');
    }
    if (body.payload === undefined || body.payload === null) {
      return problem(response, 400, 'Bad Request', 'payload: give the JSON value to broadcast');
    }
    if (body.except !== undefined && body.except !== null && typeof body.except !== 'string') {
      return problem(response, 400, 'Bad Request', 'except: must be a connection id');
    }
    const recipients = broadcast(body.channel, JSON.stringify(body.payload), null, body.except);
    response.writeHead(202, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ recipients }));
  });
}

function registry(response) {
  const counts = {};
  let connections = 0;
  for (const [name, sockets] of Object.entries(channels)) {
    counts[name] = sockets.size;
    connections += sockets.size;
  }
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify({ connections, channels: counts }));
}

const server = http.createServer((request, response) => {
  const path = request.url.split('?')[0];
  if (path === '/api/broadcasts' && request.method === 'POST') {
    publish(request, response);
  } else if (path === '/api/registry' && request.method === 'GET') {
    registry(response);
  } else {
    problem(response, 404, 'Not Found', `no resource at ${path}`);
  }
});

const sockets = new WebSocketServer({ noServer: true });

server.on('upgrade', (request, socket, head) => {
  const channel = request.url.split('?')[0].slice(1);
  if (!Object.hasOwn(channels, channel)) {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
    return;
  }
  sockets.handleUpgrade(request, socket, head, ws => open(ws, channel));
});

function open(ws, channel) {
  ws.heraldId = randomUUID();
  // The greeting goes out before the socket joins its channel, so no broadcast can overtake it.
  ws.send(JSON.stringify({ type: 'connected', connectionId: ws.heraldId, channel }));
  channels[channel].add(ws);
  ws.on('message', (data, isBinary) => {
    if (channel === 'chat') {
      broadcast('chat', isBinary ? data : data.toString('utf8'), ws, null);
    } else {
      ws.send(READ_ONLY);
    }
  });
  ws.on('close', () => channels[channel].delete(ws));
  ws.on('error', () => ws.terminate());
}

// Keep idle keep-alive connections longer than Node's 5 s default: otherwise a client that reuses one just as the hub
// closes it sees "no bytes" instead of an answer (seen with the JDK's HTTP client in S2).
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(port, host, () => console.log(`node hub listening on http://${host}:${port}`));

function stop() {
  for (const set of Object.values(channels)) {
    for (const ws of set) {
      ws.terminate();
    }
  }
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
