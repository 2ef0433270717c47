/**
 * A WebAssembly module shipped as base64 (numeric/*-wasm-binary.ts, assembled by `npm run wasm`),
 * instantiated synchronously: its exports, or null where WebAssembly (or a feature the module uses,
 * such as SIMD) cannot start, and the caller computes in JavaScript.
 */

/** The part of the WebAssembly API used here (the compiler's lib declares no WebAssembly values). */
const wasm = (globalThis as unknown as { WebAssembly?: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object) => { exports: unknown } } }).WebAssembly;

export function wasmExports<T>(base64: string): T | null {
  try {
    if (!wasm) return null;
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return new wasm.Instance(new wasm.Module(bytes)).exports as T;
  } catch {
    return null;
  }
}
