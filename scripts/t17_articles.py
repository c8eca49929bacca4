"""Write a Timeline17 topic's articles as JSONL for ``dateline ingest`` (tokenisation undone, outlet kept):

    python scripts/t17_articles.py ../shared/data/tls/t17/haiti /tmp/haiti.jsonl
    dateline ingest /tmp/haiti.jsonl --db /tmp/haiti.db
    dateline story --db /tmp/haiti.db --q haiti --dates 10

The output is derived from research data: keep it out of the repository.
"""
import json
import sys

from dateline.eval.tls_data import article_records

if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for rec in article_records(sys.argv[1]):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
