import {defineConfig} from 'vitest/config';

// Three projects, so the inner loop can run the fast ones alone (`npm run test:unit`, seconds):
// unit tests touch no process, server, database or worker pool; integration tests
// (`*.int.test.ts`) do, or are long fuzz runs; e2e tests drive the built CLI in tmux.
const all = ['test/**/*.test.ts', 'test/**/*.test.tsx'];
const integration = ['test/**/*.int.test.ts', 'test/**/*.int.test.tsx'];
const e2e = ['test/e2e/**'];

export default defineConfig({
	test: {
		testTimeout: 30_000,
		pool: 'forks',
		projects: [
			{extends: true, test: {name: 'unit', include: all, exclude: [...integration, ...e2e]}},
			{extends: true, test: {name: 'integration', include: integration, exclude: e2e}},
			{extends: true, test: {name: 'e2e', include: e2e}},
		],
	},
});
