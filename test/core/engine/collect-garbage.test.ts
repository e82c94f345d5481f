import {setImmediate as nextTurn} from 'node:timers/promises';
import {describe, expect, it} from 'vitest';
import {collectGarbage} from '../../../source/core/engine/collect-garbage.js';

describe('collectGarbage', () => {
	it('collects what nothing holds any more, now', async () => {
		const refs = (() => {
			const held = Buffer.alloc(1 << 20);
			return {gone: new WeakRef(Buffer.alloc(1 << 20)), kept: new WeakRef(held), held};
		})();
		// A WeakRef keeps its target for the rest of the turn that made it
		await nextTurn();
		collectGarbage();
		collectGarbage(); // A second call uses the function the first one got
		expect(refs.gone.deref()).toBeUndefined();
		expect(refs.kept.deref()).toBe(refs.held);
	});
});
