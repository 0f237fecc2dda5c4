// Runs inside the sandbox (plain Node, no dependencies): its network namespace has only loopback, so every
// endpoint the program may reach is a listener here piped to a unix socket the grader serves outside, and the
// program's own port is offered to the grader as a unix socket once the program listens on it.
import fs from 'node:fs';
import net from 'node:net';

const cfg = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
process.on('SIGTERM', () => {}); // a graceful stop is for the program; the relay dies with the namespace

const pipe = (a, b) => {
  a.on('error', () => b.destroy());
  b.on('error', () => a.destroy());
  a.pipe(b);
  b.pipe(a);
};

await Promise.all(
  cfg.outbound.map(
    (o) =>
      new Promise((resolve) => {
        const server = net.createServer((c) => pipe(c, net.connect(o.socket)));
        server.on('error', resolve); // a port the program itself uses: left to it
        server.listen(o.port, '127.0.0.1', resolve);
      }),
  ),
);
fs.writeFileSync(cfg.readyFile, '');

for (const i of cfg.inbound) {
  const poll = () => {
    const probe = net.connect(i.port, '127.0.0.1');
    probe.once('connect', () => {
      probe.destroy();
      net.createServer((c) => pipe(c, net.connect(i.port, '127.0.0.1'))).listen(i.socket);
    });
    probe.once('error', () => setTimeout(poll, 100));
  };
  poll();
}
