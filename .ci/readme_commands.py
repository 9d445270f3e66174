"""Print the Nth shell command of README.md's "Quick start" (1: demo, 2: tests).

.ci/run executes the second one verbatim, so README and CI cannot drift apart.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def quick_start_commands(readme: Path) -> list[str]:
    text = readme.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


if __name__ == "__main__":
    index = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    print(quick_start_commands(Path(__file__).resolve().parent.parent / "README.md")[index - 1])
