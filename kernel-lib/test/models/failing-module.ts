/** A worker module that fails as it loads, for the step engine's error tests. */
export {};
throw new Error("this module refuses to load");
