/**
 * The workers make short-lived garbage at a great rate (decoded text, parsed records, problems or
 * converted users on their way out), and V8's default young generation lets each of them hold tens of
 * MB of it between collections. Measured at 5M records, all invalid, on 2 cores: 261-272 MB peak RSS
 * with the default, 224-226 MB with 8 MB (valid records: 252 MB, 210 MB), for about 7% more CPU time
 * and the same wall time. The conversion workers of a million Auth0 users: 231 MB, 197 MB with it.
 */
export const workerLimits = {maxYoungGenerationSizeMb: 8};
