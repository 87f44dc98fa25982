"""One command a learned detector: ``python -m train.<name>`` (needs the ``train`` extra)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The corpora: ../shared/corpora beside the checkout, or one folder further up (a checkout
# in a folder of worktrees). Scripts in bench/ and tools/ find them here too.
SHARED_CORPORA = next(
    (
        p / "shared" / "corpora"
        for p in (ROOT.parent, ROOT.parent.parent)
        if (p / "shared" / "corpora").is_dir()
    ),
    ROOT.parent / "shared" / "corpora",
)
