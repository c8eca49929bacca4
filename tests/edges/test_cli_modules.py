"""Start-up: a command line that names a command imports only the module that registers it."""
import argparse
import importlib
import subprocess
import sys

from dateline.cli.main import COMMAND_MODULES, MODULE_OF


def test_every_command_maps_to_the_module_that_registers_it():
    seen = {}
    for name in COMMAND_MODULES:
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"dateline.cli.{name}").register(sub)
        seen.update((cmd, name) for cmd in sub.choices)
    assert seen == MODULE_OF


def test_extract_with_a_warm_cache_imports_no_store_no_yaml_no_workers(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("The board met on Tuesday.", encoding="utf-8")
    code = ("import sys; from dateline.cli.main import main; main(['extract', sys.argv[1], '--dct', '2024-03-05']);"
            "print(sorted({'dateline.store', 'sqlite3', 'fastapi', 'yaml', 'multiprocessing'} & set(sys.modules)))")
    env = {"DATELINE_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""}
    runs = [subprocess.run([sys.executable, "-c", code, str(p)], capture_output=True, text=True, env=env, check=True)
            for _ in range(2)]                   # the first run fills the cache, the second reads it
    assert runs[0].stdout.splitlines()[-1] == "['yaml']"
    assert runs[1].stdout.splitlines()[-1] == "[]"
    assert runs[0].stdout.splitlines()[:-1] == runs[1].stdout.splitlines()[:-1]      # the same document
