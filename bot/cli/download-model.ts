import { resolve } from 'node:path';
import { embeddingSettingsFromEnv, loadEmbedder, modelProfile, requiredModelFiles } from '../../embeddings/index.js';
import { parseCommandLine } from '../shared/args.js';
import { runCli } from '../shared/run-cli.js';

/**
 * `npm run models:download [-- MODEL]`: fetches the embedding model (EMBEDDING_MODEL by default) into
 * MODELS_CACHE_DIR with a progress bar, and proves it runs, so later starts work offline.
 */
runCli(async () => {
  const { positionals } = parseCommandLine(process.argv.slice(2), {
    usage: 'npm run models:download [-- MODEL_ID]',
    options: {},
    positionals: { min: 0, max: 1 },
  });
  const settings = embeddingSettingsFromEnv();
  const model = positionals[0] ?? settings.model;
  if (settings.offline) throw new Error('OFFLINE=1 is set, so nothing may be downloaded. Unset OFFLINE and run this again.');

  process.stderr.write(`Fetching ${model} into ${resolve(settings.cacheDir)} …\n`);
  const loaded = await loadEmbedder({ ...settings, model, enabled: true });
  if (!loaded.ok) {
    const files = requiredModelFiles(modelProfile(model).dtype).join(', ');
    throw new Error(
      `Could not download ${model}: ${loaded.cause}. The hub (${settings.hubUrl ?? 'https://huggingface.co'}) must be reachable; ` +
        `alternatively copy ${files} into MODELS_DIR/${model}/ from a machine that has them.`,
    );
  }
  const { embedder, location, downloaded } = loaded;
  process.stdout.write(
    downloaded
      ? `Downloaded ${model} to ${location} (dimension ${embedder.dimension}).\n`
      : `${model} is already in ${location} (dimension ${embedder.dimension}); nothing to download.\n`,
  );
  await embedder.dispose();
});
