import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

// Which process holds a TCP connection, read from Linux's /proc: tells which API worker serves an
// HTTP or socket.io connection, or owns a PostgreSQL session, without the API saying so itself.

/** "0100007F:1F90" (little-endian IPv4, big-endian port) → 8080 on 127.0.0.1. */
function parseEndpoint(hex: string): { ip: string; port: number } {
  const [ipHex, portHex] = hex.split(':');
  const bytes = ipHex.match(/../g) ?? [];
  return {
    ip: bytes
      .reverse()
      .map((b) => parseInt(b, 16))
      .join('.'),
    port: parseInt(portHex, 16),
  };
}

/** The inode of the IPv4 socket whose local and remote ports are these (loopback connections). */
function socketInode(localPort: number, remotePort: number): string | undefined {
  const lines = readFileSync('/proc/net/tcp', 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const f = line.trim().split(/\s+/);
    const local = parseEndpoint(f[1]);
    const remote = parseEndpoint(f[2]);
    if (local.port === localPort && remote.port === remotePort && f[9] !== '0') return f[9];
  }
  return undefined;
}

/** The one of `pids` that has the socket (localPort → remotePort) open, or undefined. */
export function ownerOf(localPort: number, remotePort: number, pids: number[]): number | undefined {
  const inode = socketInode(localPort, remotePort);
  if (!inode) return undefined;
  const wanted = `socket:[${inode}]`;
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (readlinkSync(`/proc/${pid}/fd/${fd}`) === wanted) return pid;
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

/** The live child processes of `pid`. */
export function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid && fields[0] !== 'Z') found.push(Number(p));
    } catch {
      // gone
    }
  }
  return found;
}
