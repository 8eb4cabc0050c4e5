/**
 * Exercise checking for the PWMK tutorials.
 *
 * A student writes an answer in one cell; the next cell calls `check` with that answer and a judge.
 * A judge returns `true` for a right answer, or a hint (a string) that says what is wrong without
 * giving the answer away. Unanswered exercises (`undefined`) are reported as such, never as wrong,
 * so a fresh notebook runs top to bottom. The solution notebooks end with `expectAllCorrect()`,
 * which throws when any exercise in the session was not answered right.
 */

/** `true` when the answer is right, otherwise a hint for the student. */
export type Verdict = true | string;

/** What `check` printed for one exercise. */
export type Outcome = "correct" | "wrong" | "unanswered";

const outcomes = new Map<string, Outcome>();

/** The marker lines `check` prints; the notebook runner looks for them. */
export const MARKERS = {
  correct: "✅ correct",
  wrong: "❌ not yet",
  unanswered: "✏️ not answered yet"
} as const;

/**
 * Judges `answer` for `exercise` and prints the verdict (`checkedExercises()` keeps it). It
 * returns nothing, so the notebook shows the marker line alone. A judge that throws is reported
 * as a wrong answer with the error's message (a student's answer of the wrong shape must get a
 * message, not a stack trace).
 */
export function check<A>(
  exercise: string,
  answer: A | undefined,
  judge: (answer: A) => Verdict
): void {
  let outcome: Outcome;
  let message = "";
  if (answer === undefined) {
    outcome = "unanswered";
    message = "write your answer in the cell above, then run both cells again";
  } else {
    let verdict: Verdict;
    try {
      verdict = judge(answer);
    } catch (error) {
      verdict = `your answer could not be checked: ${error instanceof Error ? error.message : String(error)}`;
    }
    outcome = verdict === true ? "correct" : "wrong";
    message = verdict === true ? "" : verdict;
  }
  outcomes.set(exercise, outcome);
  console.log(`${MARKERS[outcome]}: ${exercise}${message ? ` (${message})` : ""}`);
}

/** Every exercise checked so far in this kernel session, with its outcome. */
export function checkedExercises(): ReadonlyMap<string, Outcome> {
  return outcomes;
}

/** Throws unless every exercise checked so far was answered right (the solution notebooks end with it). */
export function expectAllCorrect(): void {
  const notRight = [...outcomes]
    .filter(([, o]) => o !== "correct")
    .map(([name, o]) => `${name} (${o})`);
  if (outcomes.size === 0) throw new Error("no exercise was checked");
  if (notRight.length > 0) throw new Error(`exercises not answered right: ${notRight.join(", ")}`);
  console.log(`${MARKERS.correct}: all ${outcomes.size} exercises`);
}
