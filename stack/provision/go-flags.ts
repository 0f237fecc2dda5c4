/**
 * The flags sandboxed Go builds and kgrade's own Go build cache share (part of every build cache key): -trimpath
 * leaves the source folders out of the key, so entries made once serve a module cache seen at another path in each
 * sandbox session (stack/provision/go-build-cache.ts).
 */
export const SANDBOX_GOFLAGS = '-trimpath';
