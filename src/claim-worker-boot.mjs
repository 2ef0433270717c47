// Claim-worker entry (src/claim-workers.ts) when running from sources (vitest, tsx): TypeScript
// through tsx, then src/claim-worker.ts. A failure to load ends the worker; its claim is then
// checked on the main thread.
const { register } = await import('tsx/esm/api');
register();
await import('./claim-worker.ts');
