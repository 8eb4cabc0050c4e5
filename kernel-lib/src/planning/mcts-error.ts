/**
 * The error of belief MCTS and the agents built on it (its own module, so that the search and its
 * env simulator can both throw it without importing each other at run time).
 *
 * ```ts
 * import { MctsError } from "pwmk/planning";
 * ```
 */
/**
 * An error in a BeliefMCTS configuration or search call, naming the problem.
 *
 * ```ts
 * try { new BeliefMCTS({ simulator, numSimulations: 0 }); } catch (e) { e instanceof MctsError; }
 * ```
 */
export class MctsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MctsError";
  }
}
