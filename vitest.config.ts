import {defineConfig} from 'vitest/config';

// Three projects, so the inner loop can run the fast ones alone (`npm run test:unit`, seconds):
// unit tests are quick and start no process, server or database; integration tests
// (`*.int.test.ts`) do, or read files through the worker pools, or fuzz at length; e2e tests drive
// the built CLI in tmux. `npm test` runs all three.
const all = ['test/**/*.test.ts', 'test/**/*.test.tsx'];
const integration = ['test/**/*.int.test.ts', 'test/**/*.int.test.tsx'];
const e2e = ['test/e2e/**'];

export default defineConfig({
	test: {
		testTimeout: 30_000,
		pool: 'forks',
		projects: [
			// One process for all of them: starting a fork per file took 3 times as long as the tests
			{extends: true, test: {name: 'unit', include: all, exclude: [...integration, ...e2e], isolate: false}},
			{extends: true, test: {name: 'integration', include: integration, exclude: e2e}},
			{extends: true, test: {name: 'e2e', include: e2e}},
		],
	},
});
