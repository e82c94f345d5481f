// Workers must load compiled JavaScript. From the built package this is a sibling file; when the
// sources run under the test runner, the same file of the build in dist/ is used.
export function workerUrl(name: string): URL {
	const here = new URL(import.meta.url);
	if (here.pathname.endsWith('.ts')) {
		return new URL(`${here.href.replace('/source/', '/dist/').replace(/\/[^/]+$/, '')}/${name}.js`);
	}

	return new URL(`./${name}.js`, here);
}
