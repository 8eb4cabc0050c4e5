/**
 * The error of the terms layer, in a module of its own so that the printer and the term classes
 * can both use it without importing each other at load time.
 */

/**
 * Error for an invalid term construction or a term over a size/depth guard.
 * ```ts
 * try { v("lower"); } catch (e) { e instanceof TermError; } // true
 * ```
 */
export class TermError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TermError";
  }
}
