"""The output does not depend on the interpreter's hash seed (worker processes and Spark executors
each get their own): the same text gives the same JSON under different PYTHONHASHSEED values."""
import json
import os
import subprocess
import sys

TEXT = ("date 2021-09-14 Kim Arden met Lee Sato in Oslo on Monday. She said the deal was close. "
        "He said it was not. Arden, 41, and Sato, 39, spoke again on Tuesday.\n\n"
        "“We will sign it,” Arden said. “Not yet,” said Sato. The Nordic Fund and Acme Corp. declined "
        "to comment, according to a spokesman.")

SCRIPT = ("import json, sys; from dateline.io.readers import read_bytes, ReadOptions; "
          "from dateline import Pipeline, Settings; from dateline.model import to_dict; "
          "doc = next(read_bytes(sys.stdin.buffer.read(), 'x.txt', ReadOptions())); "
          "print(json.dumps(to_dict(Pipeline(settings=Settings())(doc)), sort_keys=True))")


def test_same_output_under_different_hash_seeds():
    outs = set()
    for seed in ("1", "2", "3", "4"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        r = subprocess.run([sys.executable, "-c", SCRIPT], input=TEXT.encode(), capture_output=True, env=env,
                           check=True)
        outs.add(r.stdout)
    assert len(outs) == 1
    assert json.loads(outs.pop())["quotes"]
