import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';

/**
 * Strong ETags on GraphQL GET answers that any cache may keep (`Cache-Control: ..., public`), so a page, a
 * browser or a CDN revalidating a query with `If-None-Match` gets `304 Not Modified` instead of the body again.
 * Express's `res.send` compares the ETag with the request (`req.fresh`) and answers 304 itself.
 */
export function etagPublicGetResponses(): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (res.statusCode === 200 && (typeof body === 'string' || Buffer.isBuffer(body)) && isPublic(res.getHeader('cache-control'))) {
        res.setHeader('ETag', strongEtag(body));
      }
      return send(body);
    };
    next();
  };
}

function isPublic(cacheControl: number | string | string[] | undefined): boolean {
  return typeof cacheControl === 'string' && cacheControl.split(',').some((directive) => directive.trim().toLowerCase() === 'public');
}

/** A strong validator: the body's SHA-256, so equal bodies (and only those) share an ETag across replicas. */
export function strongEtag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}
