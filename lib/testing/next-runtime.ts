/**
 * Import first in tests that call server actions or route handlers: Next's server runtime puts
 * AsyncLocalStorage on globalThis before any of its request stores is created (they are created when
 * next/* modules load), and Node's test runner does not.
 */
import { AsyncLocalStorage } from "node:async_hooks";

(globalThis as { AsyncLocalStorage?: unknown }).AsyncLocalStorage ??= AsyncLocalStorage;
