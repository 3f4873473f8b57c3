"""Malformed national-format files: every bad row named, nothing changed."""

import hashlib

from pcntui.cli.main import main

HEADER = ("PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME,"
          "SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ICB_CODE,ICB_NAME,SUPPLIER_NAME\n")


def row(practice="A12345", pcn="U12345", date="01Jul2026"):
    return f"GP,{date},{practice},TEST SURGERY,ZZ1 1ZZ,{pcn},TEST PCN,99X,Sub,QXX,ICB,EMIS\n"


def test_bad_rows_all_named(tmp_path, capsys):
    f = tmp_path / "map.csv"
    f.write_text("\ufeff" + HEADER + row() + row(practice="12345") + row(date="31/02/2026") + row(pcn="X1"),
                 encoding="utf-8")
    db = tmp_path / "x.db"
    assert main(["setup", "--pcn", "U12345", "--practices", str(f), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "row 3, column PRACTICE_CODE" in err
    assert "row 4, column EXTRACT_DATE" in err and "31/02/2026" in err
    assert "row 5, column PCN_CODE" in err
    assert "Traceback" not in err


def test_good_small_map_and_lowercase_headers(tmp_path, capsys):
    f = tmp_path / "map.csv"
    f.write_text(HEADER.lower() + row() + row(practice="B12345"), encoding="utf-8")
    db = tmp_path / "x.db"
    assert main(["setup", "--pcn", "U12345", "--practices", str(f), "--db", str(db)]) == 0
    assert "practices: 2 added" in capsys.readouterr().out


def test_bad_file_leaves_existing_database_byte_identical(tmp_path, capsys):
    db = tmp_path / "x.db"
    good = tmp_path / "good.csv"
    good.write_text(HEADER + row(), encoding="utf-8")
    assert main(["setup", "--pcn", "U12345", "--practices", str(good), "--db", str(db)]) == 0
    assert main(["check", "--db", str(db)]) == 0
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + row(practice="B12345") + row(practice="nope"), encoding="utf-8")
    assert main(["import", "practices", str(bad), "--db", str(db)]) == 2
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_not_utf8(tmp_path, capsys):
    f = tmp_path / "map.csv"
    f.write_bytes(HEADER.encode() + "GP,01Jul2026,A12345,CAF\xc9,ZZ,U12345,P,9,S,Q,I,E\n".encode("latin-1"))
    assert main(["setup", "--pcn", "U12345", "--practices", str(f), "--db", str(tmp_path / "x.db")]) == 2
    assert "not UTF-8" in capsys.readouterr().err


def test_missing_file(tmp_path, capsys):
    assert main(["import", "imd", str(tmp_path / "nope.csv"), "--db", str(tmp_path / "x.db")]) == 2
    assert "no file" in capsys.readouterr().err
