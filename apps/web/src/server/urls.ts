import { env } from '../env';
import { originOf } from './origin-check';

/** The console's public URL (AUTH_URL, else http://localhost:PORT): invitation links point here. */
export function publicUrl(): string {
  const { AUTH_URL, PORT } = env();
  return (AUTH_URL ?? `http://localhost:${PORT}`).replace(/\/+$/, '');
}

/** Pages of these origins may post forms and mutations: the public URL, and localhost/127.0.0.1 on our port. */
export function allowedOrigins(): string[] {
  const { PORT } = env();
  return [...new Set([originOf(publicUrl()), `http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`])];
}
