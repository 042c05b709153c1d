import { openEngine } from '../shared/open-engine.js';
import { runCli } from '../shared/run-cli.js';

/** Builds (or verifies) the persisted indexes; start-up would do the same, this just does it ahead of time. */
runCli(async () => {
  const started = performance.now();
  const engine = await openEngine();
  const s = engine.status();
  process.stdout.write(
    `Index ready: ${s.units} units from ${s.documents} documents, mode ${s.mode}${s.model ? ` (${s.model})` : ''}, ${((performance.now() - started) / 1000).toFixed(2)} s.\n`,
  );
  await engine.close();
});
