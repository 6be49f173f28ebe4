// The portal is bundled to static files (dist/), served by scripts/portal.sh.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2048, target: 'es2022' },
});
