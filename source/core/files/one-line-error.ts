/**
 * An error meant for the person at the terminal, about a file they named: the message says all there is,
 * on one line, so no stack trace is kept (it would only show where in this tool the check sits).
 */
export class OneLineError extends Error {
	constructor(message: string, options?: ErrorOptions) {
		super(message.replaceAll(/\s*\n\s*/g, ' '), options);
		this.name = new.target.name;
		Object.defineProperty(this, 'stack', {value: `${this.name}: ${this.message}`, configurable: true, writable: true});
	}
}
