/**
 * Lazily created, shared services for a run (Z3 once per run, GPU device once per run),
 * and their disposal so Node can exit (Dawn and Z3 keep the event loop alive).
 */
import type { ServiceRegistry } from './claims.ts';

export interface Service<T> {
  value: T;
  /** A one-line description for the report's `backends` (e.g. "4.16.0", "llvmpipe …"). */
  describe: string;
  dispose?: () => void | Promise<void>;
}

export type ServiceFactory = () => Promise<Service<unknown>>;

export interface ManagedRegistry extends ServiceRegistry {
  /** Descriptions of the services created so far. */
  described(): Record<string, string>;
  disposeAll(): Promise<void>;
}

export function createServiceRegistry(factories: Readonly<Record<string, ServiceFactory>>): ManagedRegistry {
  const started = new Map<string, Promise<Service<unknown>>>();
  const ready = new Map<string, Service<unknown>>();
  return {
    has: (name) => name in factories,
    async get<T>(name: string): Promise<T> {
      const factory = factories[name];
      if (!factory) throw new Error(`service "${name}" is not available in this run`);
      let p = started.get(name);
      if (!p) {
        p = factory().then((s) => {
          ready.set(name, s);
          return s;
        });
        started.set(name, p);
      }
      return (await p).value as T;
    },
    described() {
      const out: Record<string, string> = {};
      for (const [k, s] of ready) out[k] = s.describe;
      return out;
    },
    async disposeAll() {
      for (const s of ready.values()) await s.dispose?.();
      ready.clear();
      started.clear();
    },
  };
}
