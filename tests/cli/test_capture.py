#!/usr/bin/env python3
"""tests/cli/test_capture.py - `pathscope capture` (contract section 1).

On a temporary venv of a real CPython 3.12 (skipped when there is none):
the captured scenario passes `pathscope check`, `resolve --scenario` on it
gives the same document as `resolve` on the real tree (the trace and
model.source aside), links stay links, and nothing leaks: no environment
variable CPython does not read, no contents of files other than pyvenv.cfg,
._pth, .pth and pybuilddir.txt.  Also, always: capture of a scenario, the
one-line errors.

Prints one line per test and ends with "RESULT passed failed skipped".
Environment: PATHSCOPE (the binary, default build/pathscope).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PATHSCOPE = os.path.abspath(os.path.join(ROOT, os.environ.get("PATHSCOPE", "build/pathscope")))
VENV_SAMPLE = os.path.join(HERE, "samples", "venv-symlinks.yaml")
PY312 = [p for p in ("/root/.pyenv/versions/3.12.1/bin/python3.12",) if os.access(p, os.X_OK)]

results = {"passed": 0, "failed": 0, "skipped": 0}


class Skip(Exception):
    pass


def run(*args, cwd=None):
    p = subprocess.run([PATHSCOPE, *args], capture_output=True, text=True, cwd=cwd,
                       stdin=subprocess.DEVNULL, timeout=120)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def one_line_error(rc, out, err, pattern):
    check(rc == 2, "exit status %d, expected 2 (stderr: %r)" % (rc, err))
    lines = err.splitlines()
    check(len(lines) == 1 and lines[0].startswith("pathscope: "), "one 'pathscope: ' line: %r" % err)
    check(re.search(pattern, lines[0]), "stderr %r does not match %r" % (lines[0], pattern))


def test(fn):
    name = fn.__name__[5:]
    try:
        fn()
    except Skip as e:
        results["skipped"] += 1
        print("skip %s: %s" % (name, e))
    except Exception as e:
        results["failed"] += 1
        print("FAIL %s: %s" % (name, e))
    else:
        results["passed"] += 1
        print("ok   %s" % name)
    return fn


def without_trace(doc):
    return {k: v for k, v in doc.items() if k not in ("trace", "model")}


@test
def test_capture_real_venv():
    if not PY312:
        raise Skip("no CPython 3.12 at /root/.pyenv/versions/3.12.1")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = os.path.realpath(tmp)
        venv = os.path.join(tmp, "venv")
        subprocess.run([PY312[0], "-m", "venv", "--without-pip", venv], check=True, timeout=120,
                       stdin=subprocess.DEVNULL)
        sp = os.path.join(venv, "lib", "python3.12", "site-packages")
        os.makedirs(os.path.join(tmp, "home"))
        os.makedirs(os.path.join(tmp, "extra"))
        os.makedirs(os.path.join(sp, "pkgdir"))
        os.symlink(os.path.join(tmp, "extra"), os.path.join(tmp, "extra-link"))
        with open(os.path.join(sp, "a.pth"), "w") as f:
            f.write("%s\n# a comment\nimport mymod\n%s\n" % (os.path.join(tmp, "extra-link"),
                                                             os.path.join(tmp, "missing")))
        with open(os.path.join(sp, "b.pth"), "w") as f:
            f.write("pkgdir\n")
        with open(os.path.join(sp, "mymod.py"), "w") as f:
            f.write("SECRET_IN_MODULE = 1\n")
        with open(os.path.join(sp, "unrelated.txt"), "w") as f:
            f.write("SECRET_IN_UNRELATED\n")
        model = ["--python", os.path.join(venv, "bin", "python"), "--clean-env",
                 "--env", "PATH=/usr/bin:/bin", "--env", "HOME=" + os.path.join(tmp, "home"),
                 "--env", "PYTHONNOUSERSITE=", "--cwd", tmp]
        out_file = os.path.join(tmp, "captured.yaml")
        rc, out, err = run("capture", *model, "--env", "SECRET_TOKEN=hunter2", "-o", out_file)
        check(rc == 0 and out == "" and err == "", "capture: %d %r %r" % (rc, out, err))
        with open(out_file) as f:
            text = f.read()
        for secret in ("SECRET_TOKEN", "hunter2", "SECRET_IN_MODULE", "SECRET_IN_UNRELATED", "unrelated.txt"):
            check(secret not in text, "%s leaked into the captured file" % secret)
        check("PYTHONNOUSERSITE" in text, "a PYTHON* variable is kept")
        check(re.search(r"/venv/bin/python:\n\s+link: python3.12\n", text), "venv link kept as a link:\n" + text)
        check(re.search(r"/extra-link:\n\s+link: " + re.escape(os.path.join(tmp, "extra")), text),
              ".pth target link kept as a link")
        check(re.search(r"^\s+import mymod$", text, re.M), ".pth contents kept")
        check(re.search(r"/mymod.py: file$", text, re.M), "the module an import line names, empty")

        rc, out, err = run("check", out_file)
        check(rc == 0 and out.startswith("ok "), "check on the captured file: %d %s %s" % (rc, out, err))

        rc, real, err = run("resolve", "--format", "json", *model)
        check(rc == 0, "resolve real: %s" % err)
        rc, scen, err = run("resolve", "--format", "json", "--scenario", out_file)
        check(rc == 0, "resolve --scenario: %s" % err)
        real, scen = json.loads(real), json.loads(scen)
        check(real["sys"]["path"][-2:] == [os.path.join(tmp, "extra-link"), os.path.join(sp, "pkgdir")],
              "the layout is what this test meant: %r" % real["sys"]["path"])
        for key in without_trace(real):
            check(real[key] == scen.get(key), "resolve differs at %s:\n real %r\n scenario %r" %
                  (key, real[key], scen.get(key)))

        rc, out, err = run("capture", *model)
        check(rc == 0 and out == text, "capture to stdout is the same document")


@test
def test_capture_scenario():
    # capture over a scenario's virtual tree: the minimal equivalent scenario
    with tempfile.TemporaryDirectory() as tmp:
        out_file = os.path.join(tmp, "c.yaml")
        rc, out, err = run("capture", "--scenario", VENV_SAMPLE, "-S", "-o", out_file)
        check(rc == 0 and err == "", "capture: %d %r" % (rc, err))
        rc, out, err = run("check", out_file)
        check(rc == 0, "check: %s %s" % (out, err))
        rc, a, err = run("resolve", "--format", "json", "--scenario", VENV_SAMPLE, "-S")
        rc, b, err = run("resolve", "--format", "json", "--scenario", out_file)
        check(without_trace(json.loads(a)) == without_trace(json.loads(b)), "same resolution")


@test
def test_capture_errors():
    one_line_error(*run("capture", "--scenario", VENV_SAMPLE, "extra"), r"capture takes no arguments")
    one_line_error(*run("capture", "--scenario", VENV_SAMPLE, "--format", "json"), r"YAML")
    one_line_error(*run("capture", "--scenario", VENV_SAMPLE, "-o", "/nonexistent/dir/x.yaml"),
                   r"cannot write /nonexistent/dir/x.yaml")


print("RESULT %d %d %d" % (results["passed"], results["failed"], results["skipped"]))
sys.exit(1 if results["failed"] else 0)
