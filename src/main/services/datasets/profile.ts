// The profile engine lives in ./profile/; this module keeps the import path the service uses.
export { profileRelation, type ProfileInput } from './profile/buildProfile.js';
export { profileInPlace } from './profile/profileInPlace.js';
export { readStoredProfile } from './profile/storedProfile.js';
