"""Issue 20: a disk that fills up. A real tmpfs of a few MB, mounted in a private mount
namespace (``unshare``), holds the store: the ingest stops with a message that says the disk
is full, the report is written whole or not at all, and after space is freed the same
command finishes the work: stored plus quarantined equals what was read, as in a clean run.

Skipped where the machine allows no mount namespace (no unshare, or user namespaces off).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

KG = f'"{sys.executable}" -c "from kg.cli import main; main()"'


def _namespace() -> list[str] | None:
    """The unshare command that lets this process mount a tmpfs, or None."""
    if not shutil.which("unshare"):
        return None
    for command in (["unshare", "--mount"], ["unshare", "--user", "--map-root-user", "--mount"]):
        probe = subprocess.run(
            [*command, "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt"],
            capture_output=True,
        )
        if probe.returncode == 0:
            return command
    return None


NAMESPACE = _namespace()


def _corpus(path, articles: int, broken_every: int) -> int:
    lines = []
    for i in range(articles):
        text = f"Nimbus Labs said it raised new funding from Orbit Capital for robots. Note {i}. "
        lines.append(
            json.dumps(
                {
                    "url": f"https://example.com/a/{i}",
                    "title": f"Nimbus Labs raises money {i}",
                    "published": "2026-03-02T09:00:00+08:00",
                    "text": text * 20,
                }
            )
        )
        if i % broken_every == 0:
            lines.append('{"title": "cut short"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


SCRIPT = """
set -u
mount -t tmpfs -o size=66m tmpfs "$DISK"
KG_BATCH_SIZE=300 {kg} ingest files "$CORPUS" --store "$DISK/g.lbdb" --json \
    > "$OUT/first.json" 2> "$OUT/first.err"
echo $? > "$OUT/first.rc"
dd if=/dev/zero of="$DISK/filler" bs=1M 2> /dev/null
{kg} report --store "$DISK/g.lbdb" --out "$DISK/report.md" 2> "$OUT/report.err"
echo $? > "$OUT/report.rc"
ls -a "$DISK" > "$OUT/after_report.ls"
rm "$DISK/filler"
mount -o remount,size=400m "$DISK"
KG_BATCH_SIZE=300 {kg} ingest files "$CORPUS" --store "$DISK/g.lbdb" --json \
    > "$OUT/second.json" 2> "$OUT/second.err"
echo $? > "$OUT/second.rc"
{kg} stats --store "$DISK/g.lbdb" --json > "$OUT/stats.json"
"""


@pytest.mark.skipif(NAMESPACE is None, reason="no mount namespace for a tmpfs here")
def test_a_full_disk_stops_the_run_clearly_and_a_rerun_loses_nothing(tmp_path, kg):
    corpus = tmp_path / "corpus.jsonl"
    read = _corpus(corpus, 1000, 50)
    disk, out = tmp_path / "disk", tmp_path / "out"
    disk.mkdir()
    out.mkdir()
    env = {**os.environ, "DISK": str(disk), "CORPUS": str(corpus), "OUT": str(out)}
    subprocess.run(
        [*NAMESPACE, "bash", "-c", SCRIPT.format(kg=KG)], env=env, check=True, timeout=900
    )

    def text(name: str) -> str:
        return (out / name).read_text(encoding="utf-8")

    # the first run: some batches committed, then a clear stop
    assert text("first.rc").strip() == "1", text("first.err")
    assert "the disk is full" in text("first.err") and "Traceback" not in text("first.err")
    assert "terminate called" not in text("first.err")
    # the report onto the full disk: refused whole, no partial file left behind
    assert text("report.rc").strip() != "0"
    assert "the disk is full" in text("report.err"), text("report.err")
    assert not [n for n in text("after_report.ls").split() if n.startswith((".report", "report"))]
    # space freed, the same command again: everything read is stored or quarantined
    assert text("second.rc").strip() == "3", text("second.err")  # 3: some were quarantined
    second = json.loads(text("second.json"))
    assert second["read"] == read
    assert second["new"] > 0 and second["duplicate"] > 0  # the first run kept its batches
    assert second["new"] + second["duplicate"] + second["quarantined"] == read
    clean = tmp_path / "clean.lbdb"
    kg("ingest", "files", corpus, "--store", clean)
    expected = kg("stats", "--store", clean, "--json").json()
    assert json.loads(text("stats.json")) == expected
    assert expected["articles"] == 1000 and expected["quarantined"] == read - 1000


CRASH_AFTER_COMMIT = """
import os, sys
import kg.store.ladybug as ladybug
from kg.cli import main
ladybug.LadybugStore.close = lambda self: os._exit(0)  # dies before any checkpoint
main(["ingest", "files", sys.argv[1], "--store", sys.argv[2]])
"""


def test_a_log_cut_short_is_replayed_up_to_the_cut(tmp_path, kg):
    """What a full disk left in the log (the last record written in part, seen with the
    tmpfs above before writes were refused) is replayed up to the cut; the re-run adds the
    rest. Before, every open, `kg init` included, said "the WAL file is corrupted"."""
    corpus = tmp_path / "corpus.jsonl"
    read = _corpus(corpus, 200, 40)
    store = tmp_path / "g.lbdb"
    env = {**os.environ, "KG_CHECKPOINT_MB": "1000"}
    subprocess.run([sys.executable, "-c", CRASH_AFTER_COMMIT, corpus, store], env=env, check=True)
    log = tmp_path / "g.lbdb.wal"
    assert log.stat().st_size > 2000  # the commits are in the log only
    os.truncate(log, log.stat().st_size - 1000)
    stats = kg("stats", "--store", store, "--json")
    assert stats.code == 0, stats.err
    again = kg("ingest", "files", corpus, "--store", store, "--json").json()
    assert again["new"] + again["duplicate"] + again["quarantined"] == read
    clean = tmp_path / "clean.lbdb"
    kg("ingest", "files", corpus, "--store", clean)
    assert (
        kg("stats", "--store", store, "--json").json()
        == kg("stats", "--store", clean, "--json").json()
    )
