"""`make guide`: rewrite the field reference in CONTRIBUTING.md from the schema the validator uses."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.pages.fields import field_reference

GUIDE = Path(__file__).resolve().parent.parent / "CONTRIBUTING.md"
SECTION = re.compile(r"(<!-- field-reference:start -->\n).*?(<!-- field-reference:end -->)", re.DOTALL)


def with_reference(text: str) -> str:
    return SECTION.sub(lambda match: match.group(1) + "\n".join(field_reference()) + match.group(2), text)


if __name__ == "__main__":
    GUIDE.write_text(with_reference(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{GUIDE.name}: field reference written")
