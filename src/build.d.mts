/** Types of src/build.mjs (the esbuild bundle of the CLI). */
export declare const ROOT: string;
export declare const BUNDLE: string;
export declare const WORKER_BUNDLE: string;
export declare const CLAIM_WORKER_BUNDLE: string;
export declare const NATIVE_NOISE: RegExp;
export declare function pipeWithoutNativeNoise(stream: NodeJS.ReadableStream & { setEncoding(e: string): unknown }, write: (text: string) => void): void;
export declare function runWithoutNativeNoise(script: string, args: readonly string[], env?: NodeJS.ProcessEnv, nodeFlags?: readonly string[]): void;
export declare function newestSourceMtime(): number;
export declare function bundleFresh(): boolean;
export declare function buildBundle(options?: { quiet?: boolean }): Promise<string>;
