// Lint rules for the UI's TypeScript and Svelte. `make test` runs this (npm run lint).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'src/lib/bindings/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig },
    },
  },
  {
    rules: {
      // User data is rendered as text, never as HTML.
      'svelte/no-at-html-tags': 'error',
      // {' · '} keeps the spaces at a text's edges visible in the markup; it is on purpose.
      'svelte/no-useless-mustaches': 'off',
    },
  },
);
