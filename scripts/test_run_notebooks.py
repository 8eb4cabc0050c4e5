"""The notebook runner's rules for tutorial exercises, on small notebooks built here (no kernel).

Run: /usr/bin/python3 -m unittest scripts/test_run_notebooks.py   (scripts/test.sh runs it)
"""
import sys
import tempfile
import unittest
from pathlib import Path
from unittest import mock

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run_notebooks as runner  # noqa: E402

MARKERS = runner.check_markers()


def notebook(*cells: str, printed: dict[int, str] | None = None):
    """A notebook of code cells; `printed` maps a cell index to what it wrote on stdout."""
    nb = new_notebook(cells=[new_code_cell(source) for source in cells])
    for index, text in (printed or {}).items():
        nb.cells[index].outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
    return nb


class ExerciseRules(unittest.TestCase):
    def setUp(self):
        # A throwaway tutorials/ folder with solutions/ beside it.
        self.tmp = tempfile.TemporaryDirectory()
        root = Path(self.tmp.name) / "tutorials"
        (root / "solutions").mkdir(parents=True)
        patches = [mock.patch.object(runner, "TUTORIALS", root), mock.patch.object(runner, "SOLUTIONS", root / "solutions")]
        for p in patches:
            p.start()
            self.addCleanup(p.stop)
        self.root = root

    def tearDown(self):
        self.tmp.cleanup()

    def save(self, rel: str, nb) -> Path:
        path = self.root / rel
        nbformat.write(nb, path)
        return path

    def student(self, printed=None):
        return notebook('let a1 = undefined;', 'check("1.1 a", a1, judge);', 'check("1.2 b", a2, judge);', printed=printed)

    def solution(self, printed=None, end='expectAllCorrect();'):
        return notebook('let a1 = 1;', 'check("1.1 a", a1, judge);', 'check("1.2 b", a2, judge);', end, printed=printed)

    def test_a_fresh_student_notebook_and_its_solution_pass(self):
        student = self.save("01-x.ipynb", self.student())
        solution = self.save("solutions/01-x.ipynb", self.solution())
        unanswered = {1: f"{MARKERS['unanswered']}: 1.1 a (write...)\n", 2: f"{MARKERS['unanswered']}: 1.2 b\n"}
        correct = {1: f"{MARKERS['correct']}: 1.1 a\n", 2: f"{MARKERS['correct']}: 1.2 b\n"}
        self.assertEqual(runner.check_exercises(student, self.student(unanswered), executed=True), [])
        self.assertEqual(runner.check_exercises(solution, self.solution(correct), executed=True), [])

    def test_a_student_check_that_does_not_print_not_answered_fails(self):
        student = self.save("01-x.ipynb", self.student())
        self.save("solutions/01-x.ipynb", self.solution())
        answered = {1: f"{MARKERS['correct']}: 1.1 a\n", 2: f"{MARKERS['unanswered']}: 1.2 b\n"}
        problems = runner.check_exercises(student, self.student(answered), executed=True)
        self.assertEqual(len(problems), 1)
        self.assertIn('check "1.1 a" did not print', problems[0])

    def test_a_solution_with_a_wrong_answer_fails(self):
        self.save("01-x.ipynb", self.student())
        solution = self.save("solutions/01-x.ipynb", self.solution())
        printed = {1: f"{MARKERS['wrong']}: 1.1 a (hint)\n", 2: f"{MARKERS['correct']}: 1.2 b\n"}
        problems = runner.check_exercises(solution, self.solution(printed), executed=True)
        self.assertTrue(any('"1.1 a" did not print "' + MARKERS["correct"] in p for p in problems), problems)

    def test_a_solution_must_end_with_expect_all_correct(self):
        self.save("01-x.ipynb", self.student())
        solution = self.save("solutions/01-x.ipynb", self.solution(end="console.log(1);"))
        problems = runner.check_exercises(solution, nbformat.read(solution, as_version=4), executed=False)
        self.assertEqual(problems, ["a solution notebook must end with a cell calling expectAllCorrect()"])

    def test_student_and_solution_must_hold_the_same_exercises(self):
        student = self.save("01-x.ipynb", self.student())
        self.save("solutions/01-x.ipynb", notebook('check("1.1 a", a1, judge);', "expectAllCorrect();"))
        problems = runner.check_exercises(student, self.student(), executed=False)
        self.assertEqual(len(problems), 1)
        self.assertIn("differ from those of", problems[0])

    def test_a_missing_solution_or_student_notebook_fails(self):
        student = self.save("02-y.ipynb", self.student())
        self.assertIn("its solution", runner.check_exercises(student, self.student(), executed=False)[0])
        solution = self.save("solutions/03-z.ipynb", self.solution())
        self.assertIn("its student tutorial", runner.check_exercises(solution, self.solution(), executed=False)[0])

    def test_notebooks_without_exercises_and_outside_tutorials_are_left_alone(self):
        plain = self.save("00-intro.ipynb", notebook("console.log(1);"))
        self.assertEqual(runner.check_exercises(plain, nbformat.read(plain, as_version=4), executed=True), [])
        elsewhere = Path(self.tmp.name) / "other.ipynb"
        self.assertEqual(runner.check_exercises(elsewhere, self.student(), executed=True), [])


if __name__ == "__main__":
    unittest.main()
