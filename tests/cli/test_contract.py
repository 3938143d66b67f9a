#!/usr/bin/env python3
"""tests/cli/test_contract.py - pathscope against ../shared/contract.md, as an outsider.

Written by QA from the contract alone (not from pathscope's sources):

  §1  every input option is accepted by every subcommand it applies to
      (resolve, explain, capture with a scenario; verify with a real
      interpreter), exit codes 0 / 1 / 2 of each subcommand;
  §2  `resolve --format json`: every required key with the right type, on
      the shared samples and on every real interpreter found here (pyenv
      2.7 and 3.6-3.13, Debian's /usr/bin/python3.11; skipped when absent),
      with and without -S; `fatal` an object {message, cause} and `sys`
      null when the start-up fails (PYTHONHOME=/nonexistent);
  §3  a scenario using every key of the format loads, per platform;
      `check`: its ok/FAIL lines, summary and exit codes;
  bad input of every kind (missing file, a directory, binary garbage, an
      empty file, a huge file, unknown key, wrong type, relative path in
      files:, a link loop, bad --rules, --env without '=', unknown option,
      missing option argument ...): exit 2, exactly one line on stderr,
      `pathscope: FILE:LINE:COL: message` when a file is at fault, never a
      crash or a sanitizer report; loading time linear in the file size.

Prints one line per test and ends with "RESULT passed failed skipped";
exits non-zero when a test failed.
Environment: PATHSCOPE (the binary, default build/pathscope; point it at a
SANITIZE=1 build to run the same checks under ASan/UBSan), PS_PYENV_ROOT
(default /root/.pyenv), PS_DEBIAN_PYTHON (default /usr/bin/python3.11).
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
PYENV = os.environ.get("PS_PYENV_ROOT", "/root/.pyenv")
DEBIAN = os.environ.get("PS_DEBIAN_PYTHON", "/usr/bin/python3.11")
PYENV_VERSIONS = ("2.7.18", "3.6.15", "3.7.16", "3.8.18", "3.9.18", "3.10.13", "3.11.7",
                  "3.12.1", "3.13.0")

if not os.access(PATHSCOPE, os.X_OK):
    print("skip contract: %s not built" % PATHSCOPE)
    print("RESULT 0 0 1")
    sys.exit(0)

TMP = tempfile.mkdtemp(prefix="ps-contract-")
HOME = os.path.join(TMP, "home")
os.mkdir(HOME)
results = {"passed": 0, "failed": 0, "skipped": 0}

# contract §2 enumerations (README adds: origin macro/registry, action ignored,
# op listdir/warn)
ORIGINS = {"script-dir", "pythonpath", "stdlib-zip", "stdlib", "platstdlib", "site-packages",
           "user-site", "pth", "pth-file", "embed", "macro", "registry"}
ACTIONS = {"added", "missing", "duplicate", "import", "comment", "blank", "error", "ignored"}
PHASES = {"executable", "venv", "pth", "build", "home", "prefix", "exec_prefix", "search_path",
          "site", "path0"}
OPS = {"isfile", "isdir", "isxfile", "realpath", "read", "decide", "listdir", "warn"}
FLAGS = ("ignore_environment", "isolated", "no_user_site", "no_site", "safe_path")
SANITIZER = re.compile(r"AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|"
                       r"runtime error:|Segmentation fault|core dumped")


class Skip(Exception):
    pass


def run(*args, env=None, cwd=None, timeout=120):
    p = subprocess.run([PATHSCOPE, *args], capture_output=True, text=True, env=env, cwd=cwd,
                       stdin=subprocess.DEVNULL, timeout=timeout, errors="replace")
    return p.returncode, p.stdout, p.stderr


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def no_crash(rc, err, what):
    check(rc >= 0, "%s: killed by signal %d" % (what, -rc))
    check(not SANITIZER.search(err), "%s: sanitizer/crash report on stderr: %r" % (what, err[:400]))


def one_line_error(rc, out, err, pattern=None, what=""):
    no_crash(rc, err, what)
    check(rc == 2, "%s: exit status %d, expected 2 (stderr %r)" % (what, rc, err[:300]))
    lines = err.splitlines()
    check(len(lines) == 1, "%s: stderr should be exactly one line, got %r" % (what, err[:500]))
    check(lines[0].startswith("pathscope: "), "%s: stderr should start 'pathscope: ': %r"
          % (what, lines[0]))
    if pattern:
        check(re.search(pattern, lines[0]), "%s: stderr %r does not match %r"
              % (what, lines[0], pattern))


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


def write(name, text, mode="w"):
    path = os.path.join(TMP, name)
    with open(path, mode) as f:
        f.write(text)
    return path


def real_interpreters():
    """(label, rules, path) of every real interpreter found here."""
    found = []
    for v in PYENV_VERSIONS:
        mm = ".".join(v.split(".")[:2])
        exe = os.path.join(PYENV, "versions", v, "bin", "python" + mm)
        if os.access(exe, os.X_OK):
            found.append((v, mm, exe))
    if os.access(DEBIAN, os.X_OK):
        found.append(("debian-3.11", "3.11", DEBIAN))
    return found


def real_env(extra=()):
    args = ["--clean-env", "--env", "PATH=/usr/bin:/bin", "--env", "HOME=" + HOME]
    for e in extra:
        args += ["--env", e]
    return args


# ---------------------------------------------------------------------------
# §2 shape of resolve --format json
# ---------------------------------------------------------------------------

def is_str_or_none(v):
    return v is None or isinstance(v, str)


def check_doc(d, where, rules=None, source=None):
    """Every required key of contract §2 with the right type."""
    w = where
    check(isinstance(d, dict), "%s: not an object" % w)
    for k in ("schema", "model", "getpath", "sys", "entries", "pth", "fatal", "trace"):
        check(k in d, "%s: key %r missing" % (w, k))
    check(d["schema"] == 1 and type(d["schema"]) is int, "%s: schema %r" % (w, d["schema"]))
    m = d["model"]
    check(isinstance(m.get("rules"), str) and re.fullmatch(r"\d+\.\d+", m["rules"]),
          "%s: model.rules %r" % (w, m.get("rules")))
    if rules:
        check(m["rules"] == rules, "%s: model.rules %r, expected %r" % (w, m["rules"], rules))
    check(m.get("platform") in ("posix", "darwin", "nt"), "%s: model.platform %r"
          % (w, m.get("platform")))
    check(m.get("source") in ("real", "scenario"), "%s: model.source %r" % (w, m.get("source")))
    if source:
        check(m["source"] == source, "%s: model.source %r, expected %r" % (w, m["source"], source))
    g = d["getpath"]
    check(isinstance(g, dict), "%s: getpath not an object" % w)
    for k in ("executable", "base_executable", "prefix", "exec_prefix", "base_prefix",
              "base_exec_prefix", "stdlib_dir", "platstdlib_dir"):
        check(k in g and is_str_or_none(g[k]), "%s: getpath.%s %r" % (w, k, g.get(k)))
    for k in ("executable", "prefix", "exec_prefix"):
        check(isinstance(g[k], str), "%s: getpath.%s should be a string, got %r" % (w, k, g[k]))
    for k in ("module_search_paths", "warnings"):
        check(isinstance(g.get(k), list) and all(isinstance(x, str) for x in g[k]),
              "%s: getpath.%s %r" % (w, k, g.get(k)))
    fatal = d["fatal"]
    if fatal is not None:
        check(isinstance(fatal, dict), "%s: fatal %r" % (w, fatal))
        for k in ("message", "cause"):
            check(isinstance(fatal.get(k), str) and fatal[k], "%s: fatal.%s %r" % (w, k, fatal.get(k)))
        check(d["sys"] is None, "%s: fatal set but sys is %r" % (w, type(d["sys"]).__name__))
    else:
        s = d["sys"]
        check(isinstance(s, dict), "%s: sys not an object" % w)
        for k in ("executable", "base_executable", "prefix", "exec_prefix", "base_prefix",
                  "base_exec_prefix"):
            check(k in s and is_str_or_none(s[k]), "%s: sys.%s %r" % (w, k, s.get(k)))
        for k in ("executable", "prefix", "exec_prefix"):
            check(isinstance(s[k], str), "%s: sys.%s should be a string, got %r" % (w, k, s[k]))
        major_minor = tuple(int(x) for x in m["rules"].split("."))
        if major_minor >= (3, 3):
            check(isinstance(s["base_prefix"], str), "%s: sys.base_prefix %r" % (w, s["base_prefix"]))
        if major_minor >= (3, 8):   # sys._base_executable exists since 3.8 on POSIX
            check(isinstance(s["base_executable"], str), "%s: sys.base_executable %r"
                  % (w, s["base_executable"]))
        check(isinstance(s.get("path"), list) and all(isinstance(x, str) for x in s["path"]),
              "%s: sys.path %r" % (w, s.get("path")))
        fl = s.get("flags")
        check(isinstance(fl, dict), "%s: sys.flags %r" % (w, fl))
        for k in FLAGS:
            check(type(fl.get(k)) is int and fl[k] in (0, 1), "%s: sys.flags.%s %r" % (w, k, fl.get(k)))
        check("user_site" in s and is_str_or_none(s["user_site"]), "%s: sys.user_site %r"
              % (w, s.get("user_site")))
        check("enable_user_site" in s and (s["enable_user_site"] is None or
                                           isinstance(s["enable_user_site"], bool)),
              "%s: sys.enable_user_site %r" % (w, s.get("enable_user_site")))
        if fl["no_site"] == 0 and major_minor >= (3, 0):
            check(isinstance(s["enable_user_site"], bool),
                  "%s: site ran, enable_user_site should be true/false, got %r"
                  % (w, s["enable_user_site"]))
        # entries parallel sys.path
        ents = d["entries"]
        check(isinstance(ents, list), "%s: entries %r" % (w, type(ents)))
        check(len(ents) == len(s["path"]), "%s: %d entries for %d sys.path items"
              % (w, len(ents), len(s["path"])))
        for i, e in enumerate(ents):
            check(isinstance(e, dict), "%s: entries[%d] not an object" % (w, i))
            check(e.get("path") == s["path"][i], "%s: entries[%d].path %r != sys.path[%d] %r"
                  % (w, i, e.get("path"), i, s["path"][i]))
            check(e.get("origin") in ORIGINS, "%s: entries[%d].origin %r" % (w, i, e.get("origin")))
            check(isinstance(e.get("exists"), bool), "%s: entries[%d].exists %r"
                  % (w, i, e.get("exists")))
            check(isinstance(e.get("detail"), str) and e["detail"], "%s: entries[%d].detail %r"
                  % (w, i, e.get("detail")))
    check(isinstance(d["pth"], list), "%s: pth %r" % (w, type(d["pth"])))
    for i, p in enumerate(d["pth"]):
        check(isinstance(p.get("file"), str) and p["file"].endswith("pth"),
              "%s: pth[%d].file %r" % (w, i, p.get("file")))
        check(type(p.get("line")) is int and p["line"] >= 1, "%s: pth[%d].line %r"
              % (w, i, p.get("line")))
        check(isinstance(p.get("text"), str), "%s: pth[%d].text %r" % (w, i, p.get("text")))
        check(p.get("action") in ACTIONS, "%s: pth[%d].action %r" % (w, i, p.get("action")))
    check(isinstance(d["trace"], list) and d["trace"], "%s: trace empty or not a list" % w)
    for i, t in enumerate(d["trace"]):
        check(t.get("phase") in PHASES, "%s: trace[%d].phase %r" % (w, i, t.get("phase")))
        check(t.get("op") in OPS, "%s: trace[%d].op %r" % (w, i, t.get("op")))
        check("path" in t and is_str_or_none(t["path"]), "%s: trace[%d].path %r" % (w, i, t.get("path")))
        check(isinstance(t.get("result"), str), "%s: trace[%d].result %r" % (w, i, t.get("result")))
        check(isinstance(t.get("note"), str), "%s: trace[%d].note %r" % (w, i, t.get("note")))


def resolve_json(*args):
    rc, out, err = run("resolve", "--format", "json", *args)
    no_crash(rc, err, "resolve %s" % " ".join(args))
    check(rc in (0, 1), "resolve %s: exit %d: %s" % (" ".join(args), rc, err[:300]))
    try:
        d = json.loads(out)
    except ValueError as e:
        raise AssertionError("resolve %s: not JSON (%s): %r" % (" ".join(args), e, out[:200]))
    check((rc == 1) == (d.get("fatal") is not None),
          "exit status %d but fatal is %r" % (rc, d.get("fatal")))
    return rc, d


@test
def test_json_shape_samples():
    for s in sorted(os.listdir(SAMPLES)):
        if s.endswith(".yaml"):
            _, d = resolve_json("--scenario", os.path.join(SAMPLES, s))
            check_doc(d, s, source="scenario")
            _, d = resolve_json("--scenario", os.path.join(SAMPLES, s), "-S")
            check_doc(d, s + " -S", source="scenario")


@test
def test_json_shape_case_scenarios():
    files = sorted(f for f in os.listdir(os.path.join(ROOT, "tests", "scenarios"))
                   if f.startswith("case-") and f.endswith(".yaml"))
    if not files:
        raise Skip("no tests/scenarios/case-*.yaml")
    for f in files:
        _, d = resolve_json("--scenario", os.path.join(ROOT, "tests", "scenarios", f))
        check_doc(d, f, source="scenario")


@test
def test_json_shape_real_interpreters():
    found = real_interpreters()
    if not found:
        raise Skip("no real interpreter (pyenv under %s, %s)" % (PYENV, DEBIAN))
    for label, rules, exe in found:
        for extra in ([], ["-S"], ["-I"], ["-s", "--module", "json.tool"]):
            rc, d = resolve_json("--python", exe, *real_env(), *extra)
            check(rc == 0, "%s %s: exit %d" % (label, extra, rc))
            check_doc(d, "%s %s" % (label, " ".join(extra)), rules=rules, source="real")
            check(d["getpath"]["executable"] == exe or d["sys"]["executable"] == exe,
                  "%s: sys.executable %r, expected %r" % (label, d["sys"]["executable"], exe))


@test
def test_json_fatal_real_interpreters():
    found = real_interpreters()
    if not found:
        raise Skip("no real interpreter")
    for label, rules, exe in found:
        if rules == "2.7":
            continue   # 2.7 only fails at `import site` (spec §4): covered by -S in shape tests
        rc, d = resolve_json("--python", exe, *real_env(["PYTHONHOME=/nonexistent"]))
        check(rc == 1, "%s PYTHONHOME=/nonexistent: exit %d, expected 1" % (label, rc))
        check_doc(d, "%s fatal" % label, rules=rules, source="real")
        check(d["fatal"] is not None and d["sys"] is None, "%s: fatal/sys" % label)
        # the documented exact messages (getpath-spec §7 #2)
        msg = d["fatal"]["message"]
        # 3.6/3.7 as the real 3.6.15/3.7.16 print them under `env -i` (the C
        # locale: 3.7's UTF-8 mode sets the codec name, so the lookup fails)
        if rules == "3.6":
            check("Py_Initialize: Unable to get the locale encoding" in msg, "%s: fatal.message %r" % (label, msg))
        if rules == "3.7":
            check("initfsencoding: unable to load the file system codec" in msg,
                  "%s: fatal.message %r" % (label, msg))
        if rules in ("3.8", "3.9", "3.10", "3.11", "3.12"):
            check("init_fs_encoding" in msg, "%s: fatal.message %r" % (label, msg))
        if rules == "3.13":
            check("Failed to import encodings module" in msg, "%s: fatal.message %r" % (label, msg))
        # -E ignores PYTHONHOME: no fatal (spec §7 #7)
        rc, d = resolve_json("--python", exe, "-E", *real_env(["PYTHONHOME=/nonexistent"]))
        check(rc == 0 and d["fatal"] is None, "%s -E PYTHONHOME: exit %d" % (label, rc))


@test
def test_json_fatal_sample():
    rc, d = resolve_json("--scenario", FATAL)
    check(rc == 1, "exit %d" % rc)
    check_doc(d, "fatal sample")
    check(d["fatal"]["message"] ==
          "init_fs_encoding: failed to get the Python codec of the filesystem encoding",
          "fatal.message %r" % d["fatal"]["message"])


@test
def test_yaml_output_parses():
    try:
        import yaml
    except ImportError:
        raise Skip("python3-yaml not installed")
    rc, out, err = run("resolve", "--scenario", VENV, "--format", "yaml")
    check(rc == 0, "exit %d: %s" % (rc, err))
    y = yaml.safe_load(out)
    rc, out, err = run("resolve", "--scenario", VENV, "--format", "json")
    check(y == json.loads(out), "the YAML document differs from the JSON one")


# ---------------------------------------------------------------------------
# §1 every option on every subcommand
# ---------------------------------------------------------------------------

MODEL_OPTIONS = [
    ["--python", "/home/me/proj/.venv/bin/python"],
    ["--rules", "3.12"],
    ["-E"], ["-I"], ["-s"], ["-S"], ["-P"], ["-E", "-s", "-S"],
    ["--env", "PYTHONPATH=/extra"], ["--env", "EMPTY="], ["--env", "A=b=c"],
    ["--unset", "HOME"], ["--unset", "NOT_SET_ANYWHERE"],
    ["--clean-env", "--env", "PATH=/usr/bin"],
    ["--cwd", "/home/me"],
    ["--command", "import sys"], ["--script", "/home/me/proj/run.py"],
    ["--module", "pip"], ["--interactive"],
]


@test
def test_options_resolve():
    for opt in MODEL_OPTIONS + [["--format", f] for f in ("text", "json", "yaml")]:
        rc, out, err = run("resolve", "--scenario", VENV, *opt)
        no_crash(rc, err, "resolve %s" % opt)
        check(rc == 0, "resolve %s: exit %d (%s)" % (" ".join(opt), rc, err.strip()))
        check(out, "resolve %s: no output" % opt)


@test
def test_options_explain():
    for opt in MODEL_OPTIONS + [["--format", f] for f in ("text", "json", "yaml")]:
        rc, out, err = run("explain", "--scenario", VENV, *opt, "/usr/lib/python3.12")
        no_crash(rc, err, "explain %s" % opt)
        check(rc == 0, "explain %s: exit %d (%s)" % (" ".join(opt), rc, err.strip()))
        check(out, "explain %s: no output" % opt)


@test
def test_options_capture():
    for opt in MODEL_OPTIONS:
        rc, out, err = run("capture", "--scenario", VENV, *opt)
        no_crash(rc, err, "capture %s" % opt)
        check(rc in (0, 1), "capture %s: exit %d (%s)" % (" ".join(opt), rc, err.strip()))
        check(out.strip(), "capture %s: no scenario written" % opt)


@test
def test_options_verify():
    exe = os.path.join(PYENV, "versions", "3.12.1", "bin", "python3.12")
    if not os.access(exe, os.X_OK):
        raise Skip("no %s" % exe)
    script = write("probe_script.py", "pass\n")
    opts = [[], ["-E"], ["-I"], ["-s"], ["-S"], ["-P"], ["--rules", "3.12"],
            ["--env", "PYTHONPATH=" + TMP], ["--unset", "LANG"], ["--cwd", TMP],
            ["--command", "pass"], ["--script", script], ["--module", "json.tool"],
            ["--interactive"]] + [["--format", f] for f in ("text", "json", "yaml")]
    for opt in opts:
        rc, out, err = run("verify", "--python", exe, *real_env(), *opt)
        no_crash(rc, err, "verify %s" % opt)
        check(rc == 0, "verify %s: exit %d (stdout %r)" % (" ".join(opt), rc, out[-600:]))
        check(out, "verify %s: no output" % opt)


@test
def test_check_accepts_model_options():
    # README: model options on the command line are accepted and do not apply
    for opt in (["--rules", "3.11"], ["-S"], ["--env", "PYTHONHOME=/x"], ["--format", "json"]):
        rc, out, err = run("check", *opt, VENV)
        check(rc == 0, "check %s: exit %d (%s%s)" % (opt, rc, out, err))


# ---------------------------------------------------------------------------
# §1 exit codes
# ---------------------------------------------------------------------------

@test
def test_exit_codes():
    rc, _, _ = run("resolve", "--scenario", VENV)
    check(rc == 0, "resolve venv: %d" % rc)
    rc, _, _ = run("resolve", "--scenario", FATAL)
    check(rc == 1, "resolve fatal: %d" % rc)
    rc, _, _ = run("explain", "--scenario", VENV, "/usr/lib/python3.12")
    check(rc == 0, "explain present: %d" % rc)
    rc, _, _ = run("explain", "--scenario", VENV, "/nowhere")
    check(rc == 0, "explain absent: %d" % rc)
    rc, _, _ = run("explain", "--scenario", FATAL, "/usr/lib/python3.12")
    check(rc == 1, "explain with fatal: %d" % rc)
    rc, _, _ = run("check", VENV, FATAL, PTH)
    check(rc == 0, "check samples: %d" % rc)
    rc, out, err = run("verify", "--scenario", VENV)
    check(rc == 2, "verify in scenario mode: %d" % rc)


@test
def test_verify_exit_codes():
    exe = os.path.join(PYENV, "versions", "3.12.1", "bin", "python3.12")
    if not os.access(exe, os.X_OK):
        raise Skip("no %s" % exe)
    rc, out, err = run("verify", "--python", exe, *real_env())
    check(rc == 0, "verify 3.12: exit %d: %s" % (rc, out[-500:]))
    # modelled as 3.11, the stdlib directory names differ: a difference, exit 1
    rc, out, err = run("verify", "--python", exe, "--rules", "3.11", *real_env())
    check(rc == 1, "verify 3.12 with --rules 3.11: exit %d, expected 1" % rc)
    rc, out, err = run("verify", "--python", exe, "--rules", "3.11", "--format", "json",
                       *real_env())
    d = json.loads(out)
    check(d.get("equal") is False and d.get("differences"), "verify json: %r" % d)
    # a predicted fatal start-up that really happens (same status, same
    # message) is agreement: §1's "verify found a difference" is the only
    # 1 of verify (README: extensions and differences), so exit 0
    rc, out, err = run("verify", "--python", exe, *real_env(["PYTHONHOME=/nonexistent"]))
    no_crash(rc, err, "verify fatal")
    check(rc == 0, "verify with a fatal start-up both sides agree on: exit %d\n%s" % (rc, out))
    rc, out, err = run("verify", "--python", exe, "--format", "json",
                       *real_env(["PYTHONHOME=/nonexistent"]))
    d = json.loads(out)
    check(d.get("equal") is True and d.get("exit_status") == 1, "verify fatal json: %r" % d)
    # modelled as 3.7, the same PYTHONHOME aborts (status 134): the real
    # 3.12 exits 1, a difference
    rc, out, err = run("verify", "--python", exe, "--rules", "3.7",
                       *real_env(["PYTHONHOME=/nonexistent"]))
    no_crash(rc, err, "verify fatal 3.7")
    check(rc == 1, "verify of a fatal predicted with another status: exit %d\n%s" % (rc, out))


@test
def test_check_output_and_exit_codes():
    good = write("good.yaml", open(VENV).read())
    bad = write("mismatch.yaml", open(VENV).read().replace(
        "  prefix: /home/me/proj/.venv\n", "  prefix: /somewhere/else\n"))
    check(open(bad).read() != open(good).read(), "could not build the mismatching scenario")
    broken = write("broken.yaml", "name: x\npython: {version: '3.12'}\nzork: 1\n")
    rc, out, err = run("check", good)
    check(rc == 0 and re.search(r"^ok .*good\.yaml", out, re.M), "check good: %d %r" % (rc, out))
    check(re.search(r"^1 scenario: 1 ok, 0 failed$", out, re.M), "summary: %r" % out)
    rc, out, err = run("check", good, bad)
    check(rc == 1, "check with a mismatch: exit %d" % rc)
    check(re.search(r"^FAIL .*mismatch\.yaml", out, re.M), "no FAIL line: %r" % out)
    check("/somewhere/else" in out and "/home/me/proj/.venv" in out,
          "the FAIL report should show expected and actual: %r" % out)
    check(re.search(r"^ok .*good\.yaml", out, re.M), "good file not reported ok: %r" % out)
    rc, out, err = run("check", good, broken, bad)
    check(rc == 2, "check with a file that does not load: exit %d, expected 2" % rc)
    check(re.search(r"^pathscope: .*broken\.yaml:3:1: ", err, re.M), "error line: %r" % err)
    check(len(err.splitlines()) == 1, "one stderr line per bad file: %r" % err)
    check(re.search(r"^ok .*good\.yaml", out, re.M) and re.search(r"^FAIL .*mismatch", out, re.M),
          "the other files are still checked: %r" % out)


# ---------------------------------------------------------------------------
# §3 every key of the scenario format
# ---------------------------------------------------------------------------

ALL_KEYS_POSIX = """\
name: every key of contract section 3
description: |
  Free text.
platform: posix
python:
  version: "3.12"
  prefix: /usr
  exec_prefix: /usr
  platlibdir: lib
  vpath: ""
  abi_thread: ""
  library: /usr/lib/libpython3.12.so.1.0
  framework: false
  winver: "3.12"
invocation:
  argv0: python3
  executable: ""
  cwd: /home/me
  flags: [-s]
  run: {command: "pass"}
  env:
    PATH: /usr/local/bin:/usr/bin
    HOME: /home/me
    PYTHONPATH: /extra
files:
  /usr/bin/python3.12: exec
  /usr/bin/python3: {link: python3.12}
  /usr/lib/libpython3.12.so.1.0: file
  /usr/lib/python3.12/os.py: file
  /usr/lib/python3.12/encodings/__init__.py: {type: file}
  /usr/lib/python3.12/lib-dynload: dir
  /usr/lib/python3.12/site-packages/x.pth: {content: "/extra2\\n", mode: "644"}
  /usr/lib/python3.12/site-packages/abs: {link: /usr/lib}
  /extra: {type: dir, mode: "755"}
  /locked: {type: dir, mode: "000"}
  /home/me/tool: {type: exec, content: "#!/bin/sh\\n"}
expect:
  prefix: /usr
  executable: /usr/bin/python3
  getpath.warnings: []
  sys.flags.no_user_site: 1
  fatal: null
"""

ALL_KEYS_EMBED = """\
name: embed keys
python: {version: "3.12", prefix: /usr}
invocation: {argv0: /app/bin/app, cwd: /, run: {script: /app/main.py}}
embed:
  home: /usr
  program_name: /app/bin/app
  executable: /app/bin/app
  module_search_paths: [/usr/lib/python3.12, /app/lib]
  pythonpath_env: /pp
  use_environment: true
  site_import: false
  setpath: /usr/lib/python3.12:/app/lib
files:
  /app/bin/app: exec
  /app/main.py: file
  /usr/lib/python3.12/os.py: file
  /usr/lib/python3.12/encodings/__init__.py: file
"""

ALL_KEYS_NT = r"""
name: nt keys
platform: nt
python: {version: "3.12", prefix: 'C:\Python312', winver: "3.12"}
invocation:
  argv0: 'C:\Python312\python.exe'
  executable: 'C:\Python312\python.exe'
  cwd: 'C:\Users\me'
  run: {module: pip}
  env: {PATH: 'C:\Windows', USERPROFILE: 'C:\Users\me', APPDATA: 'C:\Users\me\AppData\Roaming'}
registry:
  'HKLM\Software\Python\PythonCore\3.12\PythonPath\MyApp': 'C:\MyApp\lib'
files:
  'C:\Python312\python.exe': exec
  'C:\Python312\Lib\os.py': file
  'C:\Python312\Lib\encodings\__init__.py': file
  'C:\Python312\DLLs': dir
"""

ALL_KEYS_DARWIN = """\
name: darwin keys
platform: darwin
python: {version: "3.12", prefix: /Library/Frameworks/Python.framework/Versions/3.12, framework: true}
invocation:
  argv0: python3
  executable: /Library/Frameworks/Python.framework/Versions/3.12/bin/python3.12
  cwd: /Users/me
  run: {interactive: true}
  env: {PATH: /usr/bin, HOME: /Users/me}
files:
  /Library/Frameworks/Python.framework/Versions/3.12/bin/python3.12: exec
  /Library/Frameworks/Python.framework/Versions/3.12/lib/python3.12/os.py: file
"""


@test
def test_scenario_all_keys():
    for name, text in (("all-posix.yaml", ALL_KEYS_POSIX), ("all-embed.yaml", ALL_KEYS_EMBED),
                       ("all-nt.yaml", ALL_KEYS_NT), ("all-darwin.yaml", ALL_KEYS_DARWIN)):
        p = write(name, text)
        rc, out, err = run("resolve", "--scenario", p, "--format", "json")
        no_crash(rc, err, name)
        check(rc in (0, 1) and not err, "%s: exit %d, stderr %r" % (name, rc, err))
        check_doc(json.loads(out), name, source="scenario")
        rc, out, err = run("check", p)
        check(rc in (0, 1) and not err, "check %s: exit %d, stderr %r" % (name, rc, err))
    # the expect: block of the posix one holds facts (spec §3 T3 and -s)
    rc, out, err = run("check", os.path.join(TMP, "all-posix.yaml"))
    check(rc == 0, "check all-posix.yaml: %s" % out)


# ---------------------------------------------------------------------------
# bad input of every kind
# ---------------------------------------------------------------------------

BAD_SCENARIOS = [
    # (file name, content, regex the one stderr line must match)
    ("unknown-key.yaml", "name: x\npython: {version: '3.12'}\nzork: 1\n", r":3:1: .*zork"),
    ("unknown-key-nested.yaml", "name: x\npython: {version: '3.12', prefx: /usr}\n",
     r":2:\d+: .*prefx"),
    ("wrong-type-version.yaml", "name: x\npython: {version: [3, 12]}\n", r":2:\d+: "),
    ("wrong-type-flags.yaml", "name: x\npython: {version: '3.12'}\ninvocation: {flags: -s}\n",
     r":3:\d+: "),
    ("wrong-type-env.yaml", "name: x\npython: {version: '3.12'}\ninvocation: {env: [a]}\n",
     r":3:\d+: "),
    ("wrong-type-content.yaml",
     "name: x\npython: {version: '3.12'}\nfiles:\n  /a: {type: file, content: [1]}\n", r":4:\d+: "),
    ("relative-path.yaml", "name: x\npython: {version: '3.12'}\nfiles:\n  usr/bin/python3: exec\n",
     r":4:3: .*usr/bin/python3"),
    ("empty-path.yaml", "name: x\npython: {version: '3.12'}\nfiles:\n  '': file\n", r":4:3: "),
    ("link-loop.yaml", "name: x\npython: {version: '3.12'}\nfiles:\n  /a: {link: b}\n  /b: {link: a}\n",
     r":\d+:\d+: .*(loop|link)"),
    ("self-link.yaml", "name: x\npython: {version: '3.12'}\nfiles:\n  /a: {link: /a}\n",
     r":4:3: .*(loop|link)"),
    ("missing-version.yaml", "name: x\npython: {prefix: /usr}\n", r":\d+:\d+: .*version"),
    ("no-python.yaml", "name: x\n", r":\d+:\d+: .*(python|version)"),
    ("bad-platform.yaml", "name: x\nplatform: vms\npython: {version: '3.12'}\n", r":2:\d+: "),
    ("bad-file-type.yaml", "name: x\npython: {version: '3.12'}\nfiles:\n  /a: banana\n", r":4:\d+: "),
    ("bad-mode.yaml", "name: x\npython: {version: '3.12'}\nfiles:\n  /a: {type: dir, mode: rwx}\n",
     r":4:\d+: "),
    ("bad-flag.yaml", "name: x\npython: {version: '3.12'}\ninvocation: {flags: [-X]}\n", r":3:\d+: "),
    ("two-run-modes.yaml",
     "name: x\npython: {version: '3.12'}\ninvocation: {run: {command: a, module: b}}\n", r":3:\d+: "),
    ("bad-expect-key.yaml", "name: x\npython: {version: '3.12'}\nexpect: {nonsense_key: 1}\n",
     r":3:\d+: "),
    ("duplicate-key.yaml", "name: x\npython: {version: '3.12'}\nname: y\n", r":3:1: .*name"),
    ("syntax.yaml", "name: x\npython: {version: '3.12'\n", r":\d+:\d+: "),
    ("tab-indent.yaml", "name: x\npython:\n\tversion: '3.12'\n", r":3:\d+: "),
    ("top-level-list.yaml", "- a\n- b\n", r":1:1: "),
    ("top-level-scalar.yaml", "hello\n", r":1:1: "),
    ("deep-nesting.yaml", "name: x\npython: {version: '3.12'}\nembed: " + "[" * 5000 + "]" * 5000 + "\n",
     r":3:\d+: "),
    ("empty.yaml", "", r"empty\.yaml(:1:1)?: "),
    ("only-comment.yaml", "# nothing\n", r"only-comment\.yaml(:\d+:\d+)?: "),
]


def bad_file_cases():
    cases = [(n, write(n, c), pat) for n, c, pat in BAD_SCENARIOS]
    garbage = os.path.join(TMP, "garbage.yaml")
    with open(garbage, "wb") as f:
        f.write(bytes(range(256)) * 64 + b"\x00\xff\xfe")
    cases.append(("garbage.yaml", garbage, r"garbage\.yaml(:\d+:\d+)?: "))
    latin1 = os.path.join(TMP, "latin1.yaml")
    with open(latin1, "wb") as f:
        f.write(b"name: caf\xe9\npython: {version: '3.12'}\n")
    cases.append(("latin1.yaml", latin1, r"latin1\.yaml:1:\d+: "))
    huge = os.path.join(TMP, "huge.yaml")
    with open(huge, "wb") as f:   # 200 MB of one scalar: refused, not swapped in
        chunk = b"a" * (1 << 20)
        for _ in range(200):
            f.write(chunk)
    cases.append(("huge.yaml", huge, r"huge\.yaml(:\d+:\d+)?: "))
    cases.append(("missing file", os.path.join(TMP, "does-not-exist.yaml"), r"does-not-exist\.yaml"))
    cases.append(("a directory", TMP, re.escape(os.path.basename(TMP))))
    return cases


@test
def test_bad_scenarios_every_subcommand():
    for name, path, pat in bad_file_cases():
        for sub in (["resolve"], ["explain", "/x"], ["capture"], ["check"]):
            if sub[0] == "check":
                rc, out, err = run("check", path)
            else:
                rc, out, err = run(sub[0], "--scenario", path, *sub[1:])
            one_line_error(rc, out if sub[0] != "check" else "", err, pat,
                           "%s %s" % (sub[0], name))
            if sub[0] != "check":
                check(out == "", "%s %s: stdout should be empty, got %r" % (sub[0], name, out[:200]))
    os.unlink(os.path.join(TMP, "huge.yaml"))


@test
def test_bad_scenario_error_position_is_the_culprit():
    # the line:col named is where the offending text is, so an editor can jump there
    p = write("pos.yaml", "name: x\npython:\n  version: '3.12'\nfiles:\n  /ok: file\n"
                          "  /also/ok: dir\n  rel/path: file\n")
    rc, out, err = run("resolve", "--scenario", p)
    one_line_error(rc, out, err, r"pos\.yaml:7:3: ", "relative path position")


BAD_USAGE = [
    (["--rules"], r"--rules"),
    (["--rules", "abc"], r"rules"),
    (["--rules", "3"], r"rules"),
    (["--rules", "9.9"], r"9\.9"),
    (["--env", "FOO"], r"--env"),
    (["--env", "=x"], r"--env"),
    (["--env"], r"--env"),
    (["--unset"], r"--unset"),
    (["--cwd"], r"--cwd"),
    (["--python"], r"--python"),
    (["--scenario"], r"--scenario"),
    (["--command"], r"--command"),
    (["--script"], r"--script"),
    (["--module"], r"--module"),
    (["--format"], r"--format"),
    (["--format", "xml"], r"xml"),
    (["--bogus"], r"--bogus"),
    (["-Z"], r"-Z"),
    (["-"], r""),
]


@test
def test_bad_usage_every_subcommand():
    for sub, tail in (("resolve", []), ("explain", ["/x"]), ("capture", []), ("verify", [])):
        for args, pat in BAD_USAGE:
            a = [sub, "--scenario", VENV] if sub != "verify" else [sub]
            # an option missing its argument goes last, so nothing follows it
            rc, out, err = run(*a, *tail, *args) if len(args) == 1 else run(*a, *args, *tail)
            one_line_error(rc, out, err, pat, "%s %s" % (sub, " ".join(args)))
    for args, pat in ((["check"], r"scenario"), (["frobnicate"], r"frobnicate"),
                      (["explain", "--scenario", VENV], r"PATH|path"),
                      (["explain", "--scenario", VENV, "/a", "/b"], r""),
                      (["resolve", "--scenario", VENV, "extra"], r"extra"),
                      (["--bogus"], r"--bogus")):
        rc, out, err = run(*args)
        one_line_error(rc, out, err, pat, " ".join(args))


@test
def test_bad_python_real_mode():
    for py, pat in (("/nonexistent/python3", r"nonexistent"), ("/etc/passwd", r"passwd"),
                    ("surely-no-such-python", r"surely-no-such-python")):
        rc, out, err = run("resolve", "--python", py, *real_env())
        one_line_error(rc, out, err, pat, "--python %s" % py)


@test
def test_sanitizer_clean_on_samples():
    # under a SANITIZE=1 build this is the ASan/UBSan pass over normal runs
    for s in (VENV, FATAL, PTH):
        for sub in (["resolve", "-v"], ["resolve", "--format", "yaml"], ["explain", "/usr/lib"],
                    ["capture"]):
            rc, out, err = run(sub[0], "--scenario", s, *sub[1:])
            no_crash(rc, err, "%s %s" % (sub, s))
            check(rc in (0, 1), "%s %s: exit %d" % (sub, s, rc))


@test
def test_explorer_off_terminal():
    rc, out, err = run("--scenario", VENV)
    one_line_error(rc, out, err, r"terminal", "bare command off a terminal")


shutil.rmtree(TMP, ignore_errors=True)
print("RESULT %d %d %d" % (results["passed"], results["failed"], results["skipped"]))
sys.exit(1 if results["failed"] else 0)
