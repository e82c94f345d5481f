type Growable = Int32Array | Uint32Array | Uint8Array;

/** A copy of `array` in a new array of the same type and `size` elements (the rest zeros). */
export function resized<T extends Growable>(array: T, size: number): T {
	const bigger = new (array.constructor as new (size: number) => T)(size);
	bigger.set(array.subarray(0, Math.min(array.length, size)));
	return bigger;
}

/** `a` then `b` in one new array. */
export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
	const joined = new Uint8Array(a.length + b.length);
	joined.set(a);
	joined.set(b, a.length);
	return joined;
}
