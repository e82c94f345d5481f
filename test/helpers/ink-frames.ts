// Colour may be on or off depending on how the tests run: frames are compared as text only
export const plain = (text: string) => text.replaceAll(/\u001B\[[\d;]*m/g, '');

/** Polls the last frame until it shows `text` (ink-testing-library draws after the keys are handled). */
export async function waitFor(frame: () => string | undefined, text: string | RegExp, timeoutMs = 10_000): Promise<string> {
	const started = Date.now();
	for (;;) {
		const current = plain(frame() ?? '');
		if (typeof text === 'string' ? current.includes(text) : text.test(current)) return current;
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${String(text)} in:\n${current}`);

		await new Promise(resolve => {
			setTimeout(resolve, 20);
		});
	}
}

/** Waits until `done()` holds, for at most `timeoutMs`. */
export async function waitUntil(done: () => boolean, timeoutMs = 10_000): Promise<void> {
	for (let waited = 0; !done() && waited < timeoutMs; waited += 20) {
		await new Promise(resolve => {
			setTimeout(resolve, 20);
		});
	}
}
