import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Built by Maven (exec-maven-plugin, generate-resources) into target/frontend, which the WAR serves at "/".
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../../../target/frontend', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
