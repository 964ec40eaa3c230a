"""Writing a set of calendars: a failure leaves the old set or the new one
(ideo_cli/fsutil.py write_set), and the process pool gives the same bytes as
one process (ideo_cli/render/occurrences/ics/batch.py)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from ideo_cli.app.result import OutputFile
from ideo_cli.fsutil import MANIFEST_NAME, OutputError, manifest_bytes, write_set
from tests.helpers import REPO


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def outputs(folder: Path, files: dict[str, bytes]) -> list[OutputFile]:
    items = [OutputFile(folder / name, data) for name, data in files.items()]
    return items + [OutputFile(folder / MANIFEST_NAME, manifest_bytes(files))]


OLD = {"a.ics": b"old a\r\n", "p/x.ics": b"old x\r\n", "gone.ics": b"old gone\r\n"}
NEW = {"a.ics": b"new a\r\n", "p/x.ics": b"new x\r\n", "p/y.ics": b"new y\r\n", "b.ics": b"new b\r\n"}


@pytest.mark.parametrize("fail_at", range(1, 7))
def test_a_failure_part_way_leaves_the_old_set(tmp_path, monkeypatch, fail_at):
    out = tmp_path / "out"
    write_set(outputs(out, OLD), out)
    (out / "user.txt").write_text("mine\n", encoding="utf-8")
    before = snapshot(out)
    real_replace, real_unlink = os.replace, os.unlink
    calls = {"n": 0}

    def flaky(kind):
        def op(*args, **kwargs):
            if not str(args[0]).endswith((".tmp", ".ideo-old")) or kind == "replace":
                calls["n"] += 1
                if calls["n"] == fail_at:
                    raise OSError(28, "No space left on device")
            return (real_replace if kind == "replace" else real_unlink)(*args, **kwargs)
        return op

    monkeypatch.setattr(os, "replace", flaky("replace"))
    monkeypatch.setattr(os, "unlink", flaky("unlink"))
    try:
        write_set(outputs(out, NEW), out)
    except OutputError as exc:
        assert exc.reason == "No space left on device"
        monkeypatch.undo()
        assert snapshot(out) == before  # the old set, whole, and nothing left behind
        return
    raise AssertionError(f"operation {fail_at} did not fail: the test no longer reaches the rollback")


def test_the_new_set_replaces_the_old_and_removes_only_what_ideo_wrote(tmp_path):
    out = tmp_path / "out"
    write_set(outputs(out, OLD), out)
    (out / "user.txt").write_text("mine\n", encoding="utf-8")
    write_set(outputs(out, NEW), out)
    assert {k: v for k, v in snapshot(out).items() if k != MANIFEST_NAME} == NEW | {"user.txt": b"mine\n"}
    assert not any(name.endswith((".tmp", ".ideo-old")) for name in os.listdir(out))


def test_a_folder_where_a_file_belongs_fails_cleanly(tmp_path):
    out = tmp_path / "out"
    write_set(outputs(out, OLD), out)
    before = snapshot(out)
    (out / "b.ics").mkdir()
    with pytest.raises(OutputError):
        write_set(outputs(out, NEW), out)
    assert snapshot(out) == before


def test_the_pool_gives_the_bytes_of_one_process(tmp_path, monkeypatch):
    from ideo_cli.app.ics import IcsCommandOptions, run

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    plans = [REPO / "plans"]
    one = run(IcsCommandOptions(paths=plans, output_dir=tmp_path / "one", year=2027, per_person=True, workers=1))
    two = run(IcsCommandOptions(paths=plans, output_dir=tmp_path / "two", year=2027, per_person=True, workers=2))
    assert one.exit_code == two.exit_code == 0
    assert [(o.path.relative_to(tmp_path / "one"), o.data) for o in one.outputs] == [(o.path.relative_to(tmp_path / "two"), o.data) for o in two.outputs]
    assert len(one.outputs) > 10


def test_a_missing_folder_is_not_created_outside_an_owned_folder(tmp_path):
    with pytest.raises(OutputError):
        write_set([OutputFile(tmp_path / "no-such-dir" / "report.txt", b"x")])
    assert not (tmp_path / "no-such-dir").exists()
