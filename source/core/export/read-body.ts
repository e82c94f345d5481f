import type {Readable} from 'node:stream';

/** The body grew past the limit: the rest is not read. */
export class BodyTooLarge extends Error {}

/** A response body as text, refusing more than `limit` bytes (a hostile server could send gigabytes). */
export async function readBody(body: Readable, limit: number, declaredLength: string | string[] | undefined): Promise<string> {
	const declared = Number(Array.isArray(declaredLength) ? declaredLength[0] : declaredLength);
	if (Number.isFinite(declared) && declared > limit) {
		body.destroy();
		throw new BodyTooLarge(String(declared));
	}

	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of body) {
		size += (chunk as Buffer).length;
		if (size > limit) {
			body.destroy();
			throw new BodyTooLarge(String(size));
		}

		chunks.push(chunk as Buffer);
	}

	return Buffer.concat(chunks, size).toString('utf8');
}
