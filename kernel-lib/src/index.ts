/**
 * PWMK, the Perspective World Model Kit.
 *
 * ```ts
 * import * as pwmk from "pwmk";
 * pwmk.version; // "0.1.0"
 * ```
 * @packageDocumentation
 */
export { version } from "./version";
export * from "./display";
export * from "./terms";
export * from "./beliefs";
export * from "./epistemic";
export * from "./stories";
// Both ./beliefs (a type) and ./epistemic (the probabilistic class) name BeliefState; the class is the one issue 4 names.
export { BeliefState } from "./epistemic";
export * from "./envs";
export * from "./data";
