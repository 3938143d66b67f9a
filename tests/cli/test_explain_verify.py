#!/usr/bin/env python3
"""tests/cli/test_explain_verify.py - `pathscope explain` and `pathscope verify`.

explain: on a scenario written here (a venv with include-system-site-packages
= false, a .pth naming an existing and a missing directory), the answers for
a present entry, a missing .pth line, the disabled user site and an unrelated
path, in text and JSON (exit 0 both ways; 2 without PATH).

verify: refused in scenario mode (exit 2, one line); against the real pyenv
3.12 (skipped when absent) on a temporary venv with a .pth file, plain, -s,
-I, -S and --script: no difference and exit 0; JSON output well formed; a
wrong --rules makes it report differences and exit 1; .pth errors and a
sitecustomize error on the real stderr are compared with the prediction.
It must announce on stderr that it runs the interpreter.

Prints one line per test and ends with "RESULT passed failed skipped".
Environment: PATHSCOPE (the binary, default build/pathscope).
"""
import json
import re
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PATHSCOPE = os.path.abspath(os.path.join(ROOT, os.environ.get("PATHSCOPE", "build/pathscope")))
PY312 = "/root/.pyenv/versions/3.12.1/bin/python3.12"

results = {"passed": 0, "failed": 0, "skipped": 0}


class Skip(Exception):
    pass


def flat(text):
    """The text output wraps sentences at 80 columns: compare words, not lines."""
    return " ".join(text.split())


def run(*args, cwd=None):
    p = subprocess.run([PATHSCOPE, *args], capture_output=True, text=True, cwd=cwd, timeout=60)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def test(fn):
    name = fn.__name__[5:]
    try:
        fn()
    except Skip as e:
        results["skipped"] += 1
        print("skip %s: %s" % (name, e))
    except Exception as e:  # noqa: BLE001 - report every failure the same way
        results["failed"] += 1
        print("FAIL %s: %s" % (name, e))
    else:
        results["passed"] += 1
        print("ok   %s" % name)
    return fn


SCENARIO = """\
name: explain fixture
platform: posix
python:
  version: "3.12"
  prefix: /opt/py
invocation:
  argv0: /v/bin/python
  cwd: /home/me
  run: {command: "pass"}
  env:
    PATH: /usr/bin:/bin
    HOME: /home/me
files:
  /opt/py/bin/python3.12: exec
  /opt/py/lib/python3.12/os.py: file
  /opt/py/lib/python3.12/encodings/__init__.py: file
  /opt/py/lib/python3.12/lib-dynload: dir
  /opt/py/lib/python3.12/site-packages: dir
  /v/bin/python: {link: /opt/py/bin/python3.12}
  /v/pyvenv.cfg: {content: "home = /opt/py/bin\\ninclude-system-site-packages = false\\n"}
  /v/lib/python3.12/site-packages/deps.pth: {content: "# deps\\n/src/present\\n/src/gone\\n"}
  /src/present: dir
  /home/me/.local/lib/python3.12/site-packages: dir
"""

tmp = tempfile.mkdtemp(prefix="ps-explain-")
SC = os.path.join(tmp, "explain.yaml")
with open(SC, "w") as f:
    f.write(SCENARIO)


@test
def test_explain_present_text():
    rc, out, err = run("explain", "--scenario", SC, "/src/present")
    check(rc == 0, "exit %d: %s" % (rc, err))
    check("on sys.path at index 5" in out, out)
    check("added by /v/lib/python3.12/site-packages/deps.pth, line 2" in flat(out), out)
    check("lists the directory for .pth files" in flat(out), "chain missing the listing: " + out)
    long_lines = [l for l in out.splitlines() if len(l) > 80 and " " in l.strip()]
    check(not long_lines, "text lines over 80 columns: %r" % long_lines)


@test
def test_explain_missing_pth_line():
    rc, out, err = run("explain", "--scenario", SC, "/src/gone")
    check(rc == 0, "exit %d: %s" % (rc, err))
    check("not added: /src/gone does not exist, named by line 3 of "
          "/v/lib/python3.12/site-packages/deps.pth" in flat(out), out)
    check(re.search(r"^  rule +\S", out, re.M) or "rule" not in out, "aligned labels: " + out)


@test
def test_explain_user_site_disabled_json():
    rc, out, err = run("explain", "--scenario", SC, "--format", "json",
                       "/home/me/.local/lib/python3.12/site-packages")
    check(rc == 0, "exit %d: %s" % (rc, err))
    doc = json.loads(out)
    check(doc["on_path"] is False, doc)
    check(doc["index"] is None, doc)
    check("include-system-site-packages = false" in doc["summary"], doc["summary"])
    check(isinstance(doc["chain"], list) and doc["chain"], doc)


@test
def test_explain_relative_argument():
    rc, out, err = run("explain", "--scenario", SC, "--format", "json", ".")
    check(rc == 0, err)
    doc = json.loads(out)
    check(doc["path"] == "/home/me" and doc["on_path"] and doc["index"] == 0, doc)
    check(doc["entry"]["origin"] == "script-dir", doc)


@test
def test_explain_nowhere():
    rc, out, err = run("explain", "--scenario", SC, "/opt/elsewhere/x")
    check(rc == 0, err)
    check("not on sys.path: no rule adds it" in flat(out), out)
    check(out.count("not on sys.path") == 1, "the verdict once: " + out)


@test
def test_explain_needs_path():
    rc, out, err = run("explain", "--scenario", SC)
    check(rc == 2 and out == "" and err.startswith("pathscope: ") and len(err.splitlines()) == 1,
          (rc, out, err))


CASES = os.path.join(ROOT, "tests", "scenarios")


def no_long_lines(out):
    long_lines = [l for l in out.splitlines() if len(l) > 80 and " " in l.strip()]
    check(not long_lines, "text lines over 80 columns: %r" % long_lines)


@test
def test_explain_debian_site_packages():
    # Debian's site.py reads dist-packages only (site-packages in a venv): /usr
    # is sys.prefix, so "not in site.PREFIXES" would be wrong
    sc = os.path.join(CASES, "case-debian-pip-site-packages-not-on-path.yaml")
    rc, out, err = run("explain", "--scenario", sc, "/usr/local/lib/python3.11/site-packages")
    check(rc == 0, "exit %d: %s" % (rc, err))
    text = flat(out)
    check("site.PREFIXES" not in text, out)
    check("Debian's" in text and "/usr/local/lib/python3.11/dist-packages" in text, out)
    check("/usr/local/bin/python3.11 built from source" in text, out)
    check(re.search(r"^  fix +install with the interpreter you run: python3 -m pip", out, re.M), out)
    no_long_lines(out)


@test
def test_explain_fatal_cause_and_remedy():
    # the interpreter would not start: the cause and fix again, what PATH
    # would be without PYTHONHOME (the real 3.8 without it: '', python38.zip,
    # /usr/lib/python3.8 ...), and -E
    sc = os.path.join(CASES, "case-module-pythonhome-37-breaks-python38.yaml")
    rc, out, err = run("explain", "--scenario", sc, "/usr/lib/python3.8")
    check(rc == 1, "exit %d: %s" % (rc, err))
    text = flat(out)
    check("PYTHONHOME is set to /apps/python/3.7" in text, out)
    check(re.search(r"^  fix +Unset PYTHONHOME", out, re.M), out)
    check("with PYTHONHOME unset, it would start and /usr/lib/python3.8 would be sys.path[2] (stdlib"
          in text, out)
    check("with -E" in text, out)
    rc, out, err = run("explain", "--scenario", sc, "--format", "json", "/usr/lib/python3.8")
    doc = json.loads(out)
    check(doc["fix"].startswith("Unset PYTHONHOME") and len(doc["notes"]) == 2, doc)


@test
def test_explain_hidden_pth():
    sc = os.path.join(CASES, "case-editable-pth-hidden-flag.yaml")
    pth = "/Users/me/Documents/proj/.venv/lib/python3.13/site-packages/__editable__.myproj-0.1.0.pth"
    rc, out, err = run("explain", "--scenario", sc, "/Users/me/Documents/proj/src")
    check(rc == 0, "exit %d: %s" % (rc, err))
    check("chflags nohidden " + pth in flat(out), out)
    check("nearest" not in out, "no nearest entry when the rule is known: " + out)
    check(out.count(pth + ":1:") == 1, "the .pth line once: " + out)
    rc, out, err = run("explain", "--scenario", sc, pth)
    check(rc == 0, "exit %d: %s" % (rc, err))
    check("is a .pth file that site.py does not process: the file is hidden" in flat(out), out)
    check("importable" not in out and "its lines" in out, out)


@test
def test_explain_pth_file_json():
    rc, out, err = run("explain", "--scenario", SC, "--format", "json",
                       "/v/lib/python3.12/site-packages/deps.pth")
    check(rc == 0, err)
    doc = json.loads(out)
    check(doc["pth_file"] is True and doc["on_path"] is False, doc)
    # a venv's site-packages is processed twice (3.12): the second pass finds line 2 on sys.path
    check([(l["line"], l["action"]) for l in doc["lines"]] ==
          [(1, "comment"), (2, "added"), (3, "missing"), (2, "duplicate")], doc["lines"])
    check("importable" not in doc["summary"], doc["summary"])
    rc, out, err = run("explain", "--scenario", SC, "/v/lib/python3.12/site-packages/nothing/here")
    check("does not exist" in flat(out) and "importable" not in out, out)


@test
def test_explain_user_site_shadowing():
    sc = os.path.join(CASES, "case-conda-user-site-shadows-env.yaml")
    rc, out, err = run("explain", "--scenario", sc, "/home/me/.local/lib/python3.10/site-packages")
    check(rc == 0, err)
    text = flat(out)
    check("the user site comes before site-packages (sys.path[5]" in text, out)
    check("-s" in text and "PYTHONNOUSERSITE=1" in text, out)
    check("shadowing: numpy here hides the same name in sys.path[5]" in text, out)
    no_long_lines(out)
    rc, out, err = run("resolve", "--scenario", sc, "--color=never")
    check(re.search(r"^shadowing ", out, re.M) and
          "sys.path[4] /home/me/.local/lib/python3.10/site-packages hides sys.path[5]" in flat(out) and
          flat(out).rstrip().endswith(": numpy"), "resolve names the shadowing: " + out)


@test
def test_verify_refuses_scenario():
    rc, out, err = run("verify", "--scenario", SC)
    check(rc == 2 and out == "" and len(err.splitlines()) == 1 and "scenario" in err, (rc, out, err))


def make_venv():
    if not os.access(PY312, os.X_OK):
        raise Skip("no %s" % PY312)
    base = os.path.join(tmp, "real")
    if os.path.isdir(base):
        return base
    venv = os.path.join(base, "venv")
    p = subprocess.run([PY312, "-I", "-m", "venv", "--without-pip", venv], capture_output=True,
                       text=True, timeout=120)
    check(p.returncode == 0, "venv creation failed: %s" % p.stderr)
    sp = os.path.join(venv, "lib", "python3.12", "site-packages")
    os.makedirs(os.path.join(base, "extra"))
    with open(os.path.join(sp, "extra.pth"), "w") as f:
        f.write("# x\n%s\n%s\nimport os\n" % (os.path.join(base, "extra"), os.path.join(base, "gone")))
    os.makedirs(os.path.join(base, "home"))
    with open(os.path.join(base, "s.py"), "w") as f:
        f.write("pass\n")
    return base


def verify(base, *extra):
    return run("verify", "--python", os.path.join(base, "venv", "bin", "python"), "--clean-env",
               "--env", "PATH=/usr/bin:/bin", "--env", "HOME=" + os.path.join(base, "home"),
               "--cwd", base, *extra)


@test
def test_verify_real_venv():
    base = make_venv()
    for extra in ([], ["-s"], ["-I"], ["-S"], ["--script", os.path.join(base, "s.py")],
                  ["--interactive"]):
        rc, out, err = verify(base, *extra)
        check(err.startswith("pathscope: running ") and "to compare (verify)" in err,
              "no announcement on stderr: %r" % err)
        check(rc == 0, "%s: exit %d\n%s%s" % (extra, rc, out, err))
        check("no differences" in out, out)
        if not extra:
            check(re.search(r"^  = sys\.path\[0\] +''$", out, re.M), "sys.path[0] shown as '': " + out)


@test
def test_verify_json():
    base = make_venv()
    rc, out, err = verify(base, "--format", "json")
    check(rc == 0, out + err)
    doc = json.loads(out)
    check(doc["equal"] is True and doc["differences"] == 0, doc)
    fields = {f["field"]: f for f in doc["fields"]}
    check(fields["sys.prefix"]["actual"] == os.path.join(base, "venv"), fields["sys.prefix"])
    check(any(f["actual"] == os.path.join(base, "extra") for f in doc["fields"]), doc)


@test
def test_verify_reports_difference():
    base = make_venv()
    rc, out, err = verify(base, "--rules", "3.11")
    check(rc == 1, "exit %d, expected 1\n%s" % (rc, out))
    check("difference" in out and "!" in out, out)


@test
def test_verify_site_errors_on_stderr():
    # site.py's "Error processing line N of F:" (a .pth import that fails)
    # and "Error in sitecustomize" are compared with the prediction's .pth
    # errors: the same errors agree (exit 0), an error the prediction did
    # not make is a difference (exit 1)
    if not os.access(PY312, os.X_OK):
        raise Skip("no %s" % PY312)
    base = os.path.join(tmp, "errs")
    venv = os.path.join(base, "venv")
    p = subprocess.run([PY312, "-I", "-m", "venv", "--without-pip", venv], capture_output=True,
                       text=True, timeout=120)
    check(p.returncode == 0, "venv creation failed: %s" % p.stderr)
    os.makedirs(os.path.join(base, "home"))
    sp = os.path.join(venv, "lib", "python3.12", "site-packages")
    err_pth = os.path.join(sp, "err.pth")
    with open(err_pth, "w") as f:
        f.write("import nonexistent_module_pathscope_test\n")
    args = ("verify", "--python", os.path.join(venv, "bin", "python"), "--clean-env",
            "--env", "PATH=/usr/bin:/bin", "--env", "HOME=" + os.path.join(base, "home"), "--cwd", base,
            "--format", "json")
    rc, out, err = run(*args)
    doc = json.loads(out)
    check("Error processing line 1 of %s:" % err_pth in doc["stderr"], doc["stderr"])
    fields = {f["field"]: f for f in doc["fields"]}
    f = fields.get("stderr: Error processing (.pth)")
    check(f and f["equal"] and ("line 1 of " + err_pth) in f["actual"], "predicted and real agree: %r" % f)
    check(rc == 0, "exit %d: %s" % (rc, out))
    # a failing import line whose effect pathscope cannot know: real error, none predicted
    with open(os.path.join(sp, "raise.pth"), "w") as f:
        f.write("import sys; raise SystemError('pathscope test')\n")
    rc, out, err = run(*args)
    doc = json.loads(out)
    fields = {f["field"]: f for f in doc["fields"]}
    f = fields.get("stderr: Error processing (.pth)")
    check(f and not f["equal"] and "raise.pth" in f["actual"] and "raise.pth" not in f["predicted"],
          "a .pth error not predicted is a difference: %r" % f)
    check(rc == 1, "exit %d, expected 1" % rc)
    os.unlink(os.path.join(sp, "raise.pth"))
    os.unlink(err_pth)
    with open(os.path.join(sp, "sitecustomize.py"), "w") as f:
        f.write("raise SystemError('pathscope test')\n")
    rc, out, err = run(*args)
    doc = json.loads(out)
    fields = {f["field"]: f for f in doc["fields"]}
    f = fields.get("stderr: sitecustomize")
    check(f and not f["equal"] and f["actual"].startswith("Error in sitecustomize"), "sitecustomize: %r" % doc)
    check(rc == 1, "exit %d, expected 1" % rc)


shutil.rmtree(tmp, ignore_errors=True)
print("RESULT %d %d %d" % (results["passed"], results["failed"], results["skipped"]))
sys.exit(1 if results["failed"] else 0)
