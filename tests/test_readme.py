import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_exactly_the_readme_test_command():
    sys.path.insert(0, str(ROOT / ".ci"))
    from readme_commands import quick_start_commands

    demo, tests = quick_start_commands(ROOT / "README.md")[:2]
    assert demo.endswith("kg demo") and "pip install -e ." in demo
    assert (
        tests.endswith("pytest")
        and "[test]" in tests
        and "npm ci --prefix tests/cypher_lint" in tests
    )
    printed = subprocess.run(
        [sys.executable, str(ROOT / ".ci" / "readme_commands.py"), "2"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert printed == tests
    assert "readme_commands.py 2" in (ROOT / ".ci" / "run").read_text()
