/**
 * The seeded random generator every part of PWMK draws from, so that a seed reproduces a run.
 */
export * from "./rng";
