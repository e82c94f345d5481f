// What Hanko's Admin API takes for the fields a profile sets (teamhanko/hanko f742d49):
// - PATCH /users/{id} (handler/user_admin.go, Patch): name, given_name, family_name and picture are
//   trimmed, and an empty one is a 400; names are varchar(255) columns (migration 20260204151021, fizz
//   "string"), so a longer one fails in the database (500), as does a NUL character (Postgres text);
//   picture passes utils.ValidatePictureURL (at most 2048 bytes, url.ParseRequestURI, http or https, a
//   host, no user:password) or is a 400.
// - PATCH /users/{id}/metadata (handler/metadata_admin.go, dto/admin/metadata.go): each of
//   public_metadata, private_metadata, unsafe_metadata an object (or null); applied as a JSON merge
//   patch (evanphx/json-patch v5), which drops members whose value is null; each stored as the
//   compact JSON the merge writes, at most 3000 characters (models/user_metadata.go), else a 400
//   "metadata limit exceeded".

export const hankoProfileLimits = {nameCharacters: 255, pictureBytes: 2048, metadataCharacters: 3000} as const;

export const nameFields = ['name', 'given_name', 'family_name'] as const;
export const metadataFields = ['public_metadata', 'private_metadata', 'unsafe_metadata'] as const;

/** Why a value was not kept for the Admin API: the loss report's words for it. */
export const profileRefusal = {
	nameTooLong: `names over ${hankoProfileLimits.nameCharacters} characters`,
	nameNul: 'names with a NUL character',
	pictureNotUrl: 'pictures that are not http(s) URLs',
	pictureTooLong: `pictures over ${hankoProfileLimits.pictureBytes} bytes`,
	metadataNotObject: 'metadata that is not a JSON object',
	metadataTooLarge: `metadata over ${hankoProfileLimits.metadataCharacters} characters`,
} as const;
