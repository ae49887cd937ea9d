import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Serves the web app's index.html for client-side routes, so a deep link or reload works. */
export class SpaFallback {
  private readonly html?: string;

  constructor(webDistDir: string) {
    const index = join(webDistDir, 'index.html');
    if (existsSync(index)) this.html = readFileSync(index, 'utf8');
  }

  get available(): boolean {
    return this.html !== undefined;
  }

  serves(request: FastifyRequest): boolean {
    if (!this.html || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
    const path = request.url.split('?')[0];
    return path !== '/api' && !path.startsWith('/api/') && !path.startsWith('/socket.io/');
  }

  send(reply: FastifyReply): void {
    void reply
      .status(200)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(this.html);
  }
}
