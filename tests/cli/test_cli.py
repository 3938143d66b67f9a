#!/usr/bin/env python3
"""tests/cli/test_cli.py - the command line of pathscope (contract section 1).

Exit codes and one-line error messages for bad usage and bad input,
--env/--unset/--clean-env, the run-mode options, --format json/yaml
validity, resolve and check on the shared samples (tests/cli/samples, copied
from ../shared/samples), and, where a python3 is on PATH, that
`pathscope resolve -S` predicts what that interpreter really prints.

Prints one line per test and ends with "RESULT passed failed skipped".
Environment: PATHSCOPE (the binary, default build/pathscope).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PATHSCOPE = os.path.abspath(os.path.join(ROOT, os.environ.get("PATHSCOPE", "build/pathscope")))
SAMPLES = os.path.join(HERE, "samples")
VENV = os.path.join(SAMPLES, "venv-symlinks.yaml")
FATAL = os.path.join(SAMPLES, "pythonhome-wrong-version.yaml")
PTH = os.path.join(SAMPLES, "pth-next-to-executable.yaml")

results = {"passed": 0, "failed": 0, "skipped": 0}


class Skip(Exception):
    pass


def run(*args, env=None, cwd=None, stdin=subprocess.DEVNULL):
    p = subprocess.run([PATHSCOPE, *args], capture_output=True, text=True, env=env, cwd=cwd,
                       stdin=stdin, timeout=60)
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def one_line_error(rc, out, err, pattern, code=2):
    check(rc == code, "exit status %d, expected %d (stderr: %r)" % (rc, code, err))
    lines = err.splitlines()
    check(len(lines) == 1, "stderr should be one line, got %r" % err)
    check(lines[0].startswith("pathscope: "), "stderr should start with 'pathscope: ': %r" % err)
    check(re.search(pattern, lines[0]), "stderr %r does not match %r" % (lines[0], pattern))
    check(out == "", "nothing on stdout expected, got %r" % out)


def test(fn):
    name = fn.__name__[5:]
    try:
        fn()
    except Skip as e:
        results["skipped"] += 1
        print("skip %s: %s" % (name, e))
    except Exception as e:  # a failing test reports and the suite goes on
        results["failed"] += 1
        print("FAIL %s: %s" % (name, e))
    else:
        results["passed"] += 1
        print("ok   %s" % name)
    return fn


def resolve_json(*args, **kw):
    rc, out, err = run("resolve", "--format", "json", *args, **kw)
    check(rc in (0, 1), "resolve failed with %d: %s" % (rc, err))
    return rc, json.loads(out)


def write(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write(text)
    return path


# ---------------------------------------------------------------- usage


@test
def test_help_and_version():
    rc, out, err = run("--help")
    check(rc == 0 and out.startswith("usage: pathscope") and err == "", "--help: %d %r" % (rc, err))
    for word in ("resolve", "check", "--python", "--scenario", "--rules", "--clean-env",
                 "--format", "--script-keys"):
        check(word in out, "--help does not mention %s" % word)
    rc, out, err = run("--version")
    check(rc == 0 and re.match(r"pathscope \d+\.\d+", out), "--version: %d %r" % (rc, out))


@test
def test_bare_command_off_a_terminal():
    # no subcommand is the explorer, which needs a terminal: off one, exactly
    # one line pointing at `resolve` and exit 2 (never a silent text report)
    one_line_error(*run("--scenario", VENV), r"needs a terminal.*pathscope resolve")
    with tempfile.TemporaryFile() as f:
        one_line_error(*run("--scenario", VENV, stdin=f), r"needs a terminal.*pathscope resolve")
    # the shell forms: `pathscope </dev/null` and `pathscope | cat`
    p = subprocess.run("%s --scenario %s </dev/null; echo \"rc=$?\"" % (PATHSCOPE, VENV), shell=True,
                       capture_output=True, text=True, timeout=60)
    check(p.stdout == "rc=2\n" and len(p.stderr.splitlines()) == 1, "</dev/null: %r %r" % (p.stdout, p.stderr))
    p = subprocess.run("set -o pipefail; %s --scenario %s | cat; echo \"rc=$?\"" % (PATHSCOPE, VENV),
                       shell=True, executable="/bin/bash", capture_output=True, text=True, timeout=60)
    check(p.stdout == "rc=2\n" and len(p.stderr.splitlines()) == 1, "| cat: %r %r" % (p.stdout, p.stderr))


@test
def test_unknown_option():
    one_line_error(*run("--bogus"), r"unknown option '--bogus'.*--help")
    one_line_error(*run("resolve", "--bogus=1"), r"unknown option '--bogus'")
    one_line_error(*run("resolve", "-X"), r"unknown option '-X'")


@test
def test_unknown_command():
    one_line_error(*run("frobnicate"), r"unknown command 'frobnicate'.*--help")


@test
def test_scenario_as_positional():
    # a scenario file where a subcommand or no argument belongs: point at --scenario
    one_line_error(*run("resolve", VENV), r"resolve takes no arguments .*use --scenario " + re.escape(VENV))
    one_line_error(*run("verify", "case.yml"), r"verify takes no arguments .*use --scenario case\.yml")
    one_line_error(*run(VENV), r"is not a command: .*--scenario " + re.escape(VENV))
    # other arguments keep the command's own message
    one_line_error(*run("resolve", "--scenario", VENV, "extra"), r"resolve takes no arguments \(got 'extra'\)")


@test
def test_missing_argument():
    one_line_error(*run("resolve", "--python"), r"'--python' needs an argument")
    one_line_error(*run("resolve", "--scenario"), r"'--scenario' needs an argument")
    one_line_error(*run("check"), r"check needs at least one scenario")


@test
def test_bad_values():
    one_line_error(*run("resolve", "--format", "xml"), r"bad --format 'xml'")
    one_line_error(*run("resolve", "--rules", "banana"), r"bad --rules 'banana'")
    one_line_error(*run("resolve", "--rules=3"), r"bad --rules '3'")
    one_line_error(*run("resolve", "--env", "NOEQUALS"), r"bad --env 'NOEQUALS'.*NAME=VALUE")
    one_line_error(*run("resolve", "--env", "=x"), r"bad --env '=x'")
    one_line_error(*run("resolve", "--color=sometimes"), r"bad --color")
    one_line_error(*run("resolve", "--scenario", VENV, "extra"), r"resolve takes no arguments")


@test
def test_unsupported_rules():
    one_line_error(*run("resolve", "--scenario", VENV, "--rules", "1.5"), r"1\.5")


@test
def test_bad_scenario_files():
    with tempfile.TemporaryDirectory() as tmp:
        missing = os.path.join(tmp, "nope.yaml")
        one_line_error(*run("resolve", "--scenario", missing), re.escape(missing))
        bad = write(tmp, "bad.yaml", "name: x\npython: {version: \"3.12\"\n  prefix: [\n")
        one_line_error(*run("resolve", "--scenario", bad), re.escape(bad) + r":\d+:\d+: ")
        typo = write(tmp, "typo.yaml",
                     "name: typo\npython:\n  version: \"3.12\"\n  prefx: /usr\n"
                     "invocation:\n  argv0: /usr/bin/python3\n  cwd: /\nfiles: {}\n")
        one_line_error(*run("resolve", "--scenario", typo), re.escape(typo) + r":4:\d+: .*prefx")
        rel = write(tmp, "rel.yaml",
                    "python: {version: \"3.12\"}\ninvocation: {argv0: python3, cwd: /}\n"
                    "files:\n  usr/bin/python3: exec\n")
        one_line_error(*run("resolve", "--scenario", rel), re.escape(rel) + r":4:\d+: ")
        # check reports the bad file, keeps going with the others, and exits 2
        rc, out, err = run("check", VENV, typo)
        check(rc == 2, "check with a bad file should exit 2, got %d" % rc)
        check(re.search(r"^ok .*venv-symlinks.yaml", out, re.M), "check still checks the good file: %r" % out)
        check(len(err.splitlines()) == 1 and re.search(re.escape(typo) + r":4:", err), "check stderr: %r" % err)


@test
def test_error_paths_one_line():
    # every way to fail: exactly one "pathscope: ..." line on stderr, exit 2
    one_line_error(*run("resolve", "--scenario", VENV, "--cwd", "rel"), r"--cwd 'rel' must be absolute")
    one_line_error(*run("explain", "--scenario", VENV, "a", "b"), r"explain takes one PATH")
    one_line_error(*run("explain", "--scenario", VENV), r"explain takes one PATH")
    one_line_error(*run("resolve", "--rules", "1.5"), r"bad --rules '1\.5'.*one of 2\.7, 3\.6.*3\.14")
    one_line_error(*run("resolve", "--scenario", VENV, "--rules", "3.99"), r"no rules for Python 3\.99")
    one_line_error(*run("explain", "--scenario", VENV, "--rules", "3.99", "/x"), r"no rules for Python 3\.99")
    one_line_error(*run("verify", "--scenario", VENV), r"cannot be used with --scenario")
    with tempfile.TemporaryDirectory() as tmp:
        one_line_error(*run("resolve", "--scenario", tmp), re.escape(tmp) + r": is a directory")
        one_line_error(*run("--scenario", tmp), re.escape(tmp) + r": is a directory")
        os.makedirs(os.path.join(tmp, "bin"))
        odd = os.path.join(tmp, "bin", "mystery")
        with open(odd, "w") as f:
            f.write("not a script, not ELF")
        os.chmod(odd, 0o755)
        # neither named python nor linking libpython nor holding Py_BytesMain: not a Python
        one_line_error(*run("resolve", "--python", odd), r"does not look like a Python interpreter.*--rules")
        odd = os.path.join(tmp, "bin", "python")
        with open(odd, "w") as f:
            f.write("not a script, not ELF")
        os.chmod(odd, 0o755)
        one_line_error(*run("resolve", "--python", odd), r"cannot tell which Python version.*--rules")
        wrapper = os.path.join(tmp, "bin", "python3")
        with open(wrapper, "w") as f:
            f.write("#!/bin/sh\nexec /opt/conda/bin/python3 \"$@\"\n")
        os.chmod(wrapper, 0o755)
        one_line_error(*run("resolve", "--python", wrapper), r"wrapper script.*--python")
    rc, out, err = run("check", "/nonexistent/x.yaml")
    check(rc == 2 and len(err.splitlines()) == 1 and err.startswith("pathscope: /nonexistent/x.yaml"),
          "check on a missing file: %d %r" % (rc, err))
    # a full disk: the output cannot be written
    if os.path.exists("/dev/full"):
        for args in (["resolve", "--scenario", VENV], ["check", VENV], ["explain", "--scenario", VENV, "/x"],
                     ["resolve", "--scenario", VENV, "--format", "json"]):
            with open("/dev/full", "w") as full:
                p = subprocess.run([PATHSCOPE, *args], stdout=full, stderr=subprocess.PIPE, text=True,
                                   stdin=subprocess.DEVNULL, timeout=60)
            check(p.returncode == 2 and len(p.stderr.splitlines()) == 1 and
                  "cannot write output" in p.stderr, "%s > /dev/full: %d %r" % (args, p.returncode, p.stderr))


# ---------------------------------------------------------------- check


@test
def test_check_samples():
    rc, out, err = run("check", VENV, FATAL, PTH)
    check(rc == 0, "check on the shared samples: exit %d\n%s%s" % (rc, out, err))
    check(len(re.findall(r"^ok ", out, re.M)) == 3, "three ok lines expected: %r" % out)
    check(re.search(r"3 scenarios: 3 ok, 0 failed", out), "summary line: %r" % out)


@test
def test_check_mismatch():
    with tempfile.TemporaryDirectory() as tmp:
        with open(VENV) as f:
            text = f.read()
        text = text.replace("  prefix: /home/me/proj/.venv\n", "  prefix: /somewhere/else\n")
        check("/somewhere/else" in text, "sample changed: cannot build the mismatch case")
        wrong = write(tmp, "wrong.yaml", text)
        rc, out, err = run("check", wrong, VENV)
        check(rc == 1, "a mismatch exits 1, got %d: %s" % (rc, err))
        check(re.search(r"^FAIL .*wrong.yaml", out, re.M), "FAIL line: %r" % out)
        check(re.search(r'^\s+prefix\n\s+expected: "/somewhere/else"\n\s+actual:\s+"/home/me/proj/.venv"', out, re.M),
              "mismatch details: %r" % out)
        check(re.search(r"2 scenarios: 1 ok, 1 failed", out), "summary: %r" % out)


# ---------------------------------------------------------------- resolve


@test
def test_json_output():
    rc, doc = resolve_json("--scenario", VENV)
    check(rc == 0, "exit 0 expected")
    p = subprocess.run([sys.executable, "-m", "json.tool"], capture_output=True, text=True,
                       input=run("resolve", "--scenario", VENV, "--format", "json")[1])
    check(p.returncode == 0, "json.tool rejects the output: %s" % p.stderr)
    check(doc["schema"] == 1, "schema")
    check(doc["model"] == {"rules": "3.12", "platform": "posix", "source": "scenario"} or
          (doc["model"]["rules"] == "3.12" and doc["model"]["source"] == "scenario"), "model: %r" % doc["model"])
    check(doc["sys"]["prefix"] == "/home/me/proj/.venv", "sys.prefix")
    check(doc["sys"]["path"] == ["", "/usr/lib/python312.zip", "/usr/lib/python3.12",
                                 "/usr/lib/python3.12/lib-dynload",
                                 "/home/me/proj/.venv/lib/python3.12/site-packages"], "sys.path %r" % doc["sys"]["path"])
    check(len(doc["entries"]) == len(doc["sys"]["path"]), "one entry per sys.path item")
    check(doc["fatal"] is None, "fatal should be null")
    check(isinstance(doc["trace"], list) and doc["trace"], "trace")


@test
def test_yaml_output():
    try:
        import yaml
    except ImportError:
        raise Skip("python3-yaml not installed")
    rc, out, err = run("resolve", "--scenario", VENV, "--format", "yaml")
    check(rc == 0, "exit %d: %s" % (rc, err))
    doc = yaml.safe_load(out)
    rc, js = resolve_json("--scenario", VENV)
    check(doc["sys"] == js["sys"] and doc["getpath"] == js["getpath"], "yaml and json disagree")


@test
def test_fatal_exit_status():
    rc, out, err = run("resolve", "--scenario", FATAL)
    check(rc == 1, "a predicted fatal error exits 1, got %d: %s" % (rc, err))
    check("FATAL" in out and "init_fs_encoding" in out, "fatal banner: %r" % out)
    rc, doc = resolve_json("--scenario", FATAL)
    check(rc == 1 and doc["fatal"]["message"].startswith("init_fs_encoding"), "json fatal")


@test
def test_text_output():
    rc, out, err = run("resolve", "--scenario", VENV)
    check(rc == 0 and err == "", "exit %d: %s" % (rc, err))
    check("\033[" not in out, "no colour when piped")
    for i, p in enumerate(["''", "/usr/lib/python312.zip", "/usr/lib/python3.12",
                           "/usr/lib/python3.12/lib-dynload",
                           "/home/me/proj/.venv/lib/python3.12/site-packages"]):
        check(re.search(r"^\s*%d  %s\s+\[[a-z-]+\]" % (i, re.escape(p)), out, re.M),
              "sys.path entry %d (%s) not listed with its origin" % (i, p))
    for key in ("executable", "_base_executable", "prefix", "exec_prefix", "base_prefix", "base_exec_prefix"):
        check(re.search(r"^\s+%s\s+/" % key, out, re.M), "sys value %s missing" % key)
    long_lines = [l for l in out.splitlines() if len(l) > 80 and " " in l.strip()]
    check(not long_lines, "lines over 80 columns: %r" % long_lines[:3])
    rc, out2, err = run("resolve", "--scenario", VENV, "--color=always")
    check("\033[" in out2, "--color=always colours")
    rc, out3, err = run("resolve", "--scenario", VENV, "-v")
    check(re.search(r"^trace \(\d+ steps\)", out3, re.M), "-v shows the trace")
    check("trace (" not in out, "no trace without -v")


@test
def test_text_build_block():
    # the compiled-in values and their sources in one block, the source of
    # values read from one file named once; a PREFIX nobody could find is
    # flagged as a guess
    with tempfile.TemporaryDirectory() as tmp:
        tmp = os.path.realpath(tmp)
        os.makedirs(os.path.join(tmp, "bin"))
        os.makedirs(os.path.join(tmp, "lib", "python3.12"))
        for name in ("python3.12", "python3.9"):
            exe = os.path.join(tmp, "bin", name)
            with open(exe, "w") as f:
                f.write("neither a script nor ELF")
            os.chmod(exe, 0o755)
        sc = os.path.join(tmp, "lib", "python3.12", "_sysconfigdata__linux_x86_64-linux-gnu.py")
        with open(sc, "w") as f:
            f.write("build_time_vars = {'PLATLIBDIR': 'lib',\n 'exec_prefix': '/opt/built',\n"
                    " 'prefix': '/opt/built'}\n")
        rc, out, err = run("resolve", "-S", "--clean-env", "--python", os.path.join(tmp, "bin", "python3.12"),
                           "--color=never")
        check(rc in (0, 1), "resolve: %d %s" % (rc, err))
        check("where the build values come from" not in out, "no second block repeating the values")
        block = out[out.index("build (compiled-in values)"):out.index("invocation")]
        check(re.search(r"^  PREFIX +/opt/built$", block, re.M), "PREFIX row: " + block)
        check(re.search(r"^  EXEC_PREFIX +/opt/built$", block, re.M), "EXEC_PREFIX row: " + block)
        flat = " ".join(block.split())
        check(("all 3 from " + sc) in flat and flat.count(sc) == 1, "one source line for three values: " + block)
        check("GUESS" not in out, "nothing guessed here")
        if any(os.path.isdir(d) for d in ("/usr/lib/python3.9", "/usr/local/lib/python3.9",
                                           "/usr/lib64/python3.9", "/usr/local/lib64/python3.9")):
            return   # a python3.9 stdlib here: detection would find it, nothing to guess
        rc, out, err = run("resolve", "-S", "--clean-env", "--python", os.path.join(tmp, "bin", "python3.9"),
                           "--color=never")
        check(re.search(r"^  PREFIX +/usr/local \(a guess\)$", out, re.M) and "GUESS: " in out,
              "the default PREFIX is flagged as a guess: " + out)


@test
def test_env_options_scenario():
    base = resolve_json("--scenario", VENV)[1]["sys"]["path"]
    path = resolve_json("--scenario", VENV, "--env", "PYTHONPATH=/extra/a:/extra/b")[1]["sys"]["path"]
    check(path[1:3] == ["/extra/a", "/extra/b"], "--env PYTHONPATH: %r" % path)
    # --env and --unset apply in order
    path = resolve_json("--scenario", VENV, "--env", "PYTHONPATH=/x", "--unset", "PYTHONPATH")[1]["sys"]["path"]
    check(path == base, "--env then --unset: %r" % path)
    path = resolve_json("--scenario", VENV, "--unset", "PYTHONPATH", "--env", "PYTHONPATH=/x")[1]["sys"]["path"]
    check(path[1] == "/x", "--unset then --env: %r" % path)
    # -E ignores PYTHONPATH
    path = resolve_json("--scenario", VENV, "--env", "PYTHONPATH=/x", "-E")[1]["sys"]["path"]
    check("/x" not in path, "-E: %r" % path)
    # --clean-env drops the scenario's PYTHONPATH too
    with open(PTH) as f:
        check("PYTHONPATH" in f.read(), "sample has PYTHONPATH")
    rc, doc = resolve_json("--scenario", PTH, "--clean-env")
    check(rc == 0, "clean env resolves")


@test
def test_flags_and_run_modes():
    path = resolve_json("--scenario", VENV, "-S")[1]["sys"]["path"]
    check(path == ["", "/usr/lib/python312.zip", "/usr/lib/python3.12", "/usr/lib/python3.12/lib-dynload"],
          "-S: %r" % path)
    doc = resolve_json("--scenario", VENV, "-I")[1]
    check(doc["sys"]["flags"]["isolated"] == 1 and doc["sys"]["path"][0] != "", "-I: %r" % doc["sys"]["path"])
    path = resolve_json("--scenario", VENV, "-P")[1]["sys"]["path"]
    check(path[0] == "/usr/lib/python312.zip", "-P: %r" % path)
    path = resolve_json("--scenario", VENV, "-m", "mod")[1]["sys"]["path"]
    check(path[0] == "/home/me/proj", "-m puts the cwd first: %r" % path)
    path = resolve_json("--scenario", VENV, "--module", "mod", "--cwd", "/tmp")[1]["sys"]["path"]
    check(path[0] == "/tmp", "--cwd: %r" % path)
    path = resolve_json("--scenario", VENV, "--script", "/home/me/proj/tool/run.py")[1]["sys"]["path"]
    check(path[0] == "/home/me/proj/tool", "--script: %r" % path)
    path = resolve_json("--scenario", VENV, "--interactive")[1]["sys"]["path"]
    check(path[0] == "", "--interactive: %r" % path)
    # the tree has a 3.12 stdlib: under 3.13 rules getpath looks for lib/python3.13 instead
    rc, doc = resolve_json("--scenario", VENV, "--rules", "3.13")
    check(doc["model"]["rules"] == "3.13", "--rules overrides the scenario: %r" % doc["model"])
    check("/usr/lib/python313.zip" in doc["getpath"]["module_search_paths"],
          "3.13 rules: %r" % doc["getpath"]["module_search_paths"])


@test
def test_option_syntax():
    # grouped short flags, --opt=value, options after positional words, "--"
    doc = json.loads(run("resolve", "-Es", "--scenario=" + VENV, "--format=json")[1])
    flags = doc["sys"]["flags"]
    check(flags["ignore_environment"] == 1 and flags["no_user_site"] == 1 and flags["no_site"] == 0,
          "-Es: %r" % flags)
    rc, out, err = run("--scenario", VENV, "resolve", "--format", "json")
    check(rc == 0 and json.loads(out)["sys"]["prefix"] == "/home/me/proj/.venv", "options before the command")
    rc, out, err = run("check", "--", VENV)
    check(rc == 0 and out.startswith("ok "), "'--' ends the options: %r %r" % (out, err))
    rc, out, err = run("help")
    check(rc == 0 and out.startswith("usage: pathscope"), "pathscope help")
    rc, out, err = run("resolve", "--scenario", VENV, "--color")
    check("\033[" in out, "bare --color means always")
    env = dict(os.environ, NO_COLOR="1")
    rc, out, err = run("resolve", "--scenario", VENV, "--color=always", env=env)
    check("\033[" in out, "--color beats NO_COLOR")


# ------------------------------------------------- real interpreter, real disk


@test
def test_real_clean_env():
    # without PATH, "python3" cannot be found: a one-line error, exit 2
    one_line_error(*run("resolve", "--clean-env"), r"python3: not found on PATH")
    one_line_error(*run("resolve", "--python", "/nonexistent/python3"), r"/nonexistent/python3")


def real_sys(python, flags, env, cwd):
    code = ("import sys, json; print(json.dumps({'executable': sys.executable, 'prefix': sys.prefix, "
            "'exec_prefix': sys.exec_prefix, 'base_prefix': getattr(sys, 'base_prefix', sys.prefix), "
            "'path': sys.path}))")
    p = subprocess.run([python, *flags, "-c", code], capture_output=True, text=True, env=env, cwd=cwd,
                       timeout=60)
    check(p.returncode == 0, "%s failed: %s" % (python, p.stderr))
    return json.loads(p.stdout)


@test
def test_real_python3_on_path():
    if not shutil.which("python3"):
        raise Skip("no python3 on PATH")
    env = dict(os.environ)
    for var in ("PYTHONPATH", "PYTHONHOME", "PYTHONSAFEPATH", "PYTHONEXECUTABLE", "PYTHONPLATLIBDIR",
                "PYTHONUSERBASE", "PYTHONNOUSERSITE"):
        env.pop(var, None)
    with tempfile.TemporaryDirectory() as cwd:
        for flags in (["-S"], ["-S", "-s", "-E"], ["-I", "-S"]):
            rc, out, err = run("resolve", "--format", "json", *flags, env=env, cwd=cwd)
            if rc == 2 and "--python" in err:
                raise Skip("python3 on PATH is a launcher pathscope cannot follow: " + err.strip())
            check(rc == 0, "resolve %s: %d %s" % (flags, rc, err))
            got = json.loads(out)["sys"]
            want = real_sys("python3", flags, env, cwd)
            for key in ("executable", "prefix", "exec_prefix", "base_prefix", "path"):
                check(got[key] == want[key], "python3 %s: sys.%s predicted %r, real %r" %
                      (" ".join(flags), key, got[key], want[key]))


@test
def test_real_env_option():
    if not shutil.which("python3"):
        raise Skip("no python3 on PATH")
    with tempfile.TemporaryDirectory() as cwd:
        rc, out, err = run("resolve", "--format", "json", "-S", "--env", "PYTHONPATH=/pp1:rel", cwd=cwd)
        if rc == 2 and "--python" in err:
            raise Skip("python3 on PATH is a launcher pathscope cannot follow")
        check(rc == 0, "resolve: %s" % err)
        path = json.loads(out)["sys"]["path"]
        check(path[1:3] == ["/pp1", os.path.join(os.path.realpath(cwd), "rel")] or
              path[1:3] == ["/pp1", os.path.join(cwd, "rel")], "--env PYTHONPATH: %r" % path[:3])


@test
def test_real_copied_static_binary_with_rules():
    # Debian's python3.11 (statically linked: no libpython) copied as
    # T/bin/python3: its name and tree do not tell the version, --rules
    # does, and detection goes on (PREFIX from /usr's stdlib, flagged as a
    # guess); the prediction is compared with what the copy really prints
    src = "/usr/bin/python3.11"
    if not os.access(src, os.X_OK):
        raise Skip("no " + src)
    with tempfile.TemporaryDirectory() as tmp:
        os.makedirs(os.path.join(tmp, "bin"))
        exe = os.path.join(tmp, "bin", "python3")
        shutil.copy2(src, exe)
        one_line_error(*run("resolve", "--python", exe, "-S"), r"cannot tell which Python version.*--rules")
        env = {"PATH": "/usr/bin:/bin"}
        rc, out, err = run("resolve", "--python", exe, "--rules", "3.11", "-S", "--clean-env",
                           "--env", "PATH=/usr/bin:/bin", "--format", "json", cwd=tmp)
        check(rc == 0, "resolve --rules 3.11: exit %d: %s" % (rc, err))
        got = json.loads(out)["sys"]
        want = real_sys(exe, ["-S"], env, tmp)
        for key in ("executable", "prefix", "exec_prefix", "base_prefix", "path"):
            check(got[key] == want[key], "copied python3.11: sys.%s predicted %r, real %r" %
                  (key, got[key], want[key]))
        rc, out, err = run("resolve", "--python", exe, "--rules", "3.11", "--color=never")
        flat = " ".join(out.split())
        check("--rules 3.11: your word" in flat, "the version is the user's word: " + out)
        check(re.search(r"^  PREFIX +/usr \(a guess\)$", out, re.M) and "GUESS: " in out,
              "PREFIX from /usr's stdlib is flagged as a guess: " + out)


@test
def test_not_a_python_refused():
    # /bin/ls is no Python: one line, exit 2, pointing at --rules; with
    # --rules it is modelled and the version is said to be the user's word
    if not os.access("/bin/ls", os.X_OK):
        raise Skip("no /bin/ls")
    one_line_error(*run("resolve", "--python", "/bin/ls"),
                   r"does not look like a Python interpreter.*--rules X\.Y")
    rc, out, err = run("resolve", "--python", "/bin/ls", "--rules", "3.11", "--color=never")
    check(rc in (0, 1), "resolve /bin/ls --rules 3.11: exit %d: %s" % (rc, err))
    flat = " ".join(out.split())
    check("--rules 3.11: your word" in flat and "does not look like a Python interpreter" in flat,
          "the version is the user's word: " + out)


print("RESULT %d %d %d" % (results["passed"], results["failed"], results["skipped"]))
sys.exit(1 if results["failed"] else 0)
