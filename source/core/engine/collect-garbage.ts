import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';

// A full collection, now. Memory held outside V8's heap (the Buffers of a million password hashes) is
// given back only when the objects that own it are collected, and a thread that allocates little
// (the main thread while workers check a file) may not collect for minutes: the next phase's peak
// then sits on top of the last one's. Node has gc() only behind --expose-gc; the flag, set now, gives
// a new context the function.

let collect: (() => void) | undefined;

export function collectGarbage(): void {
	if (!collect) {
		setFlagsFromString('--expose-gc');
		collect = runInNewContext('gc') as () => void;
	}

	collect();
}
