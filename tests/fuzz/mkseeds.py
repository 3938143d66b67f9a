#!/usr/bin/env python3
"""mkseeds.py HARNESS... - writes the hand-made seeds of tests/fuzz/corpus/HARNESS/.

The seeds are committed; this script documents how they were made and
rewrites them (seed-*.bin only: crashers and fuzzer-found inputs are kept).
Input layouts are described at the top of each fuzz_X.c.  Real files
(ELF heads, _sysconfigdata) are copied from the pyenv installs when present,
never written to.
"""
import glob
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEP = b"\n%%%\n"

# The rule rows in the order fuzz_util.h's fz_rules_all lists them.
ROWS = [("2.7", "posix")]
for v in ("3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"):
    ROWS += [(v, "posix"), (v, "darwin"), (v, "nt")]
ROWS += [("3.14", "posix")]


def row(version, platform="posix"):
    return ROWS.index((version, platform))


def write(harness, name, data):
    d = os.path.join(HERE, "corpus", harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name + ".bin"), "wb") as f:
        f.write(data)


def clean(harness):
    for p in glob.glob(os.path.join(HERE, "corpus", harness, "seed-*.bin")):
        os.remove(p)


# ---------------------------------------------------------------- pyvenv

def cfgs(home):
    h = home.encode()
    return {
        "plain": b"home = " + h + b"\ninclude-system-site-packages = false\nversion = 3.12.1\n",
        "nospace": b"home=" + h + b"\n",
        "case": b"Home = " + h + b"\nHOME = /nope\n",
        "spaces": b"  home   =   " + h + b"   \n",
        "tabs": b"home\t=\t" + h + b"\t\n",
        "nonl": b"home = " + h,
        "crlf": b"home = " + h + b"\r\ninclude-system-site-packages = true\r\n",
        "bom": b"\xef\xbb\xbfhome = " + h + b"\n",
        "other": b"home = /opt/py/bin\n" if home.startswith("/") else b"home = D:\\py\n",
        "relative": b"home = ../x/bin\n",
        "empty-home": b"home =\n",
        "no-eq": b"home\n" + b"home " + h + b"\n",
        "only-eq": b"=\n= " + h + b"\n",
        "twice": b"home = /nope\nhome = " + h + b"\n",
        "comment": b"# home = /nope\n;home = /nope\nhome = " + h + b" # trailing\n",
        "section": b"[venv]\nhome = " + h + b"\n",
        "quoted": b"home = \"" + h + b"\"\n",
        "site-true": b"home = " + h + b"\ninclude-system-site-packages = true\n",
        "executable": b"home = " + h + b"\nexecutable = " + h + b"/python3\ncommand = python -m venv x\n",
        "nul": b"home = " + h + b"\x00junk\nversion = 3\n",
        "badutf8": b"home = " + h + b"\nprompt = \xff\xfe(v)\n",
        "latin1-home": b"home = /usr/b\xe9n\n",
        "long": b"home = " + b"/a" * 5000 + b"\nhome = " + h + b"\n",
        "long-line": b"x = " + b"y" * 9000 + b"home = " + h + b"\n",
        "empty": b"",
        "blank-lines": b"\n\n\n \n\t\nhome = " + h + b"\n\n",
        "cr-only": b"home = " + h + b"\rversion = 3\r",
        "many": b"".join(b"key%d = value%d\n" % (i, i) for i in range(300)) + b"home = " + h + b"\n",
    }


def seeds_pyvenv():
    clean("pyvenv")
    picks = [("2.7", "posix"), ("3.6", "posix"), ("3.8", "posix"), ("3.8", "nt"), ("3.9", "darwin"),
             ("3.10", "posix"), ("3.10", "nt"), ("3.11", "posix"), ("3.12", "posix"), ("3.12", "nt"),
             ("3.13", "darwin"), ("3.13", "posix"), ("3.14", "posix")]
    n = 0
    for v, plat in picks:
        home = "C:\\Python" if plat == "nt" else "/usr/bin"
        for i, (name, text) in enumerate(sorted(cfgs(home).items())):
            # every version gets the plain one; the others are spread over the versions
            if name != "plain" and (i + n) % 4:
                continue
            flags = [0, 16, 32, 64, 128, 1, 8, 2 | 4][(i + n) % 8]
            write("pyvenv", "%s-%s-%s" % (v, plat, name), bytes([row(v, plat), flags]) + text)
        n += 1
        home = "C:\\Python" if plat == "nt" else "/usr/bin"
        write("pyvenv", "%s-%s-two" % (v, plat), bytes([row(v, plat), 32]) + b"home = /nope\n" + SEP +
              b"home = " + home.encode() + b"\n")
    write("pyvenv", "3.12-posix-dir-flags", bytes([row("3.12"), 0xff]) + b"home = /usr/bin\n")


# ---------------------------------------------------------------- pth

PTHS = {
    "plain": b"pkg\n",
    "abs": b"/opt/lib\n/home/u\n",
    "missing": b"nope\n/nowhere\n",
    "dup": b"pkg\npkg\n./pkg\npkg/\n",
    "space": b"a b\n  pkg\npkg  \n",
    "import": b"import sys\nimport os; os.environ\nimport\tsys\nimportx\n",
    "comment": b"# pkg\n#\n\n   \npkg\n",
    "bom": b"\xef\xbb\xbfpkg\n",
    "bom-import": b"\xef\xbb\xbfimport sys\n",
    "latin1": b"p\xe9kg\npkg\n",
    "bad-utf8-later": b"pkg\n\xff\xfe\n",
    "utf8": b"p\xc3\xa9kg\npkg\n",
    "crlf": b"pkg\r\n/opt/lib\r\n",
    "cr": b"pkg\r/opt/lib\r",
    "nul": b"pkg\x00\n/opt/lib\n",
    "nonl": b"/opt/lib",
    "dotdot": b"../../..\n..\n.\n",
    "long": b"x" * 5000 + b"\n" + b"pkg\n",
    "many": b"".join(b"d%d\n" % i for i in range(200)) + b"pkg\n",
    "error": b"pkg\x00\x00\nimport \x00\n",
    "tabs": b"\tpkg\n\timport sys\n",
    "empty": b"",
}
PTH_FILES = {
    "plain": b"python312.zip\n.\nLib\n../lib/python3.12\n../lib/python3.13\n../lib/python3.11\n",
    "import-site": b"python312.zip\n.\nLib\n../lib/python3.12\n../lib/python3.13\nimport site\n",
    "other-import": b"import sys\nimport site\n",
    "comment": b"# x\n\nLib\n..\\opt\n",
    "abs": b"/opt/lib\nC:\\opt\n",
    "bom": b"\xef\xbb\xbf.\nimport site\n",
    "empty": b"",
    "crlf": b".\r\nimport site\r\n",
}


def seeds_pth():
    clean("pth")
    picks = [("2.7", "posix"), ("3.6", "posix"), ("3.8", "nt"), ("3.9", "posix"), ("3.10", "posix"),
             ("3.10", "nt"), ("3.11", "posix"), ("3.12", "posix"), ("3.12", "darwin"), ("3.12", "nt"),
             ("3.13", "posix"), ("3.13", "nt"), ("3.14", "posix")]
    names = sorted(PTHS)
    for n, (v, plat) in enumerate(picks):
        for i, name in enumerate(names):
            if name != "plain" and (i + n) % 3:
                continue
            flags = [0, 32, 64, 4, 128, 8, 2, 1][(i + n) % 8]
            write("pth", "%s-%s-%s" % (v, plat, name), bytes([row(v, plat), flags]) + PTHS[name])
        write("pth", "%s-%s-two" % (v, plat), bytes([row(v, plat), 32 | 64]) + PTHS["abs"] + SEP + PTHS["dup"])
    pnames = sorted(PTH_FILES)
    for n, (v, plat) in enumerate(picks):
        if plat != "nt" and tuple(map(int, v.split("."))) < (3, 11):
            continue
        for i, name in enumerate(pnames):
            if (i + n) % 2:
                continue
            write("pth", "%s-%s-_pth-%s" % (v, plat, name),
                  bytes([row(v, plat), 16]) + PTHS["plain"] + SEP + SEP + PTH_FILES[name])


# ---------------------------------------------------------------- detect

PYENV = "/root/.pyenv/versions"
DETECT_VERSIONS = ["2.7.18", "3.6.15", "3.7.16", "3.8.18", "3.9.18", "3.10.13", "3.11.7", "3.12.1",
                   "3.13.0", "3.14.0"]


def real(path, limit=None):
    """Bytes of a real file (read only), or None when it is not here."""
    try:
        with open(path, "rb") as f:
            return f.read(limit) if limit else f.read()
    except OSError:
        return None


def xy(v):
    return ".".join(v.split(".")[:2])


def real_binary(v):
    m = "m" if v in ("3.6.15", "3.7.16") else ""
    return real("%s/%s/bin/python%s%s" % (PYENV, v, xy(v), m)) or real("%s/%s/bin/python%s" % (PYENV, v, xy(v)))


def real_sysconfig(v):
    for p in glob.glob("%s/%s/lib/python%s/_sysconfigdata*.py" % (PYENV, v, xy(v))):
        return real(p)
    return None


def sysconfig_extract(text):
    """The first line and the lines detect.c reads, as a smaller dict."""
    keep = [l for l in text.split(b"\n") if any(k in l for k in (
        b"'prefix'", b"'exec_prefix'", b"'PLATLIBDIR'", b"'VPATH'", b"'ABIFLAGS'", b"'Py_GIL_DISABLED'",
        b"'LIBDIR'", b"'VERSION'"))]
    return b"build_time_vars = {" + b"\n ".join(k.strip() for k in keep) + b"}\n"


def makefile_extract(v):
    for p in glob.glob("%s/%s/lib/python%s/config-*/Makefile" % (PYENV, v, xy(v))):
        text = real(p)
        lines = text.split(b"\n")
        keep = [l for l in lines if l.split(b"=")[0].strip() in (
            b"VERSION", b"LDVERSION", b"prefix", b"exec_prefix", b"PLATLIBDIR", b"VPATH", b"ABIFLAGS",
            b"srcdir", b"LIBDIR", b"BINDIR")]
        return b"\n".join(lines[:20] + keep) + b"\n"
    return None


def elf(bits64=True, big=False, needed=(b"libpython3.12.so.1.0", b"libc.so.6"), rpath=None, runpath=None):
    """A minimal dynamically linked ELF image: one PT_LOAD covering the file, one PT_DYNAMIC."""
    e = ">" if big else "<"
    strtab = b"\0"
    offs = {}
    for s in list(needed) + [x for x in (rpath, runpath) if x]:
        offs[s] = len(strtab)
        strtab += s + b"\0"
    ehsz, phsz = (64, 56) if bits64 else (52, 32)
    dyn_off = ehsz + 2 * phsz
    dyn = [(1, offs[n]) for n in needed]
    if rpath:
        dyn.append((15, offs[rpath]))
    if runpath:
        dyn.append((29, offs[runpath]))
    str_off = dyn_off + (len(dyn) + 3) * (16 if bits64 else 8)
    vaddr = 0x400000
    dyn += [(5, vaddr + str_off), (10, len(strtab)), (0, 0)]
    fmt = e + ("qQ" if bits64 else "iI")
    dynb = b"".join(struct.pack(fmt, t, v) for t, v in dyn)
    total = str_off + len(strtab)
    if bits64:
        hdr = b"\x7fELF" + bytes([2, 2 if big else 1, 1]) + bytes(9)
        hdr += struct.pack(e + "HHIQQQIHHHHHH", 3, 62, 1, 0, ehsz, 0, 0, ehsz, phsz, 2, 64, 0, 0)
        ph = struct.pack(e + "IIQQQQQQ", 1, 5, 0, vaddr, vaddr, total, total, 0x1000)
        ph += struct.pack(e + "IIQQQQQQ", 2, 6, dyn_off, vaddr + dyn_off, vaddr + dyn_off, len(dynb), len(dynb), 8)
    else:
        hdr = b"\x7fELF" + bytes([1, 2 if big else 1, 1]) + bytes(9)
        hdr += struct.pack(e + "HHIIIIIHHHHHH", 3, 3, 1, 0, ehsz, 0, 0, ehsz, phsz, 2, 40, 0, 0)
        ph = struct.pack(e + "IIIIIIII", 1, 0, vaddr, vaddr, total, total, 5, 0x1000)
        ph += struct.pack(e + "IIIIIIII", 2, dyn_off, vaddr + dyn_off, vaddr + dyn_off, len(dynb), len(dynb), 6, 4)
    img = hdr + ph + dynb + strtab
    assert len(img) == total, (len(img), total)
    return img


PYENV_SHIM = b"""#!/usr/bin/env bash
set -e
[ -n "$PYENV_DEBUG" ] && set -x

program="${0##*/}"

export PYENV_ROOT="/root/.pyenv"
exec "/root/.pyenv/libexec/pyenv" exec "$program" "$@"
"""
ASDF_SHIM = b"""#!/usr/bin/env bash
# asdf-plugin: python 3.12.1
exec /root/.asdf/bin/asdf exec "python3" "$@"
"""
CONDA_WRAPPER = b"#!/bin/sh\n. /opt/conda/etc/profile.d/conda.sh\nconda activate base\nexec python3 \"$@\"\n"
SHELL_WRAPPER = b"#!/bin/sh\nexec /usr/bin/python3.11 \"$@\"\n"
PATCHLEVEL = b'#define PY_MAJOR_VERSION 3\n#define PY_VERSION "%s"\n'


def detect_input(b0, b1, secs):
    return bytes([b0, b1]) + SEP.join(secs)


def seeds_detect():
    clean("detect")
    # a real install of each version: real ELF, extracted sysconfigdata and Makefile, real patchlevel.h
    for i, v in enumerate(DETECT_VERSIONS):
        binary = real_binary(v) or elf(needed=(b"libpython%s.so.1.0" % xy(v).encode(), b"libc.so.6"),
                                       runpath=b"%s/%s/lib" % (PYENV.encode(), v.encode()))
        sc = real_sysconfig(v)
        sc = sysconfig_extract(sc) if sc else b"build_time_vars = {'prefix': '%s/%s'}\n" % (PYENV.encode(), v.encode())
        mk = makefile_extract(v) or b"prefix=\t%s/%s\nexec_prefix=\t${prefix}\n" % (PYENV.encode(), v.encode())
        pl = real("%s/%s/include/python%s/patchlevel.h" % (PYENV, v, xy(v))) or PATCHLEVEL % v.encode()
        site = b"# site.py\n" + (b"dist-packages\n" if i % 3 == 0 else b"")
        argv = i % 4
        b0 = argv | 8 | 16 | 128 | (64 if i % 2 else 0) | (4 if i % 5 == 1 else 0)
        write("detect", "install-%s" % v, detect_input(b0, i, [binary, sc, mk, pl, PYENV_SHIM if argv != 3 else ASDF_SHIM,
                                                            (b"python " if argv == 3 else b"") + v.encode() + b"\n", site]))
        # the Makefile only, and the stdlib in lib64
        small = elf(needed=(b"libpython%s%s.so.1.0" % (xy(v).encode(), b"m" if xy(v) in ("3.6", "3.7") else b""), b"libc.so.6"),
                    runpath=b"%s/%s/lib" % (PYENV.encode(), v.encode()))
        write("detect", "makefile-%s" % v, detect_input(1 | 8 | 32 | 128, i, [small, b"", mk, pl]))
    # one full real _sysconfigdata
    full = real_sysconfig("3.8.18")
    if full:
        write("detect", "full-sysconfig-3.8", detect_input(1 | 8 | 16 | 128, 3, [real_binary("3.8.18") or b"", full]))
    # synthetic ELF images: 32/64 bits, both byte orders, RPATH with $ORIGIN, RUNPATH, thread builds
    synth = [
        ("elf64le-rpath-origin", elf(rpath=b"$ORIGIN/../lib")),
        ("elf64le-runpath-brace", elf(runpath=b"${ORIGIN}/../lib:/nowhere")),
        ("elf64be", elf(big=True, rpath=b"/root/.pyenv/versions/3.12.1/lib")),
        ("elf32le", elf(bits64=False, runpath=b"$ORIGIN/../lib")),
        ("elf32be", elf(bits64=False, big=True)),
        ("elf-thread", elf(needed=(b"libpython3.13t.so.1.0",), runpath=b"$ORIGIN/../lib")),
        ("elf-debug-abi", elf(needed=(b"libpython3.12d.so.1.0",))),
        ("elf-many-needed", elf(needed=tuple(b"lib%d.so" % k for k in range(70)) + (b"libpython3.12.so.1.0",))),
        ("elf-no-python", elf(needed=(b"libc.so.6",))),
        ("elf-py2", elf(needed=(b"libpython2.7.so.1.0",))),
    ]
    for name, img in synth:
        b1 = 8 if b"3.13t" in img else 7
        b1 |= 16 if b"3.13t" in img else 0
        write("detect", name, detect_input(1 | 4 | 8 | 16 | 128, b1, [img, b"build_time_vars = {'prefix': '/opt/x', 'Py_GIL_DISABLED': 1}\n"]))
    # broken ELF images: truncated real ones, bad headers
    rb = real_binary("3.12.1")
    if rb:
        for n in (16, 52, 64, 200, 4096, 0x2dc0, 0x2e00):
            write("detect", "elf-truncated-%d" % n, detect_input(1 | 4 | 8 | 16, 7, [rb[:n]]))
        bad = bytearray(rb)
        bad[0x20:0x28] = b"\xff" * 8  # phoff out of the file
        write("detect", "elf-bad-phoff", detect_input(1 | 4 | 8, 7, [bytes(bad)]))
        bad = bytearray(rb)
        bad[0x36:0x38] = b"\x01\x00"  # phentsize too small
        write("detect", "elf-bad-phentsize", detect_input(1 | 4 | 8, 7, [bytes(bad)]))
    img = bytearray(elf(rpath=b"$ORIGIN"))
    img[-30:] = b"\x41" * 30  # string table without its NULs
    write("detect", "elf-strtab-unterminated", detect_input(1 | 4 | 8, 7, [bytes(img)]))
    write("detect", "elf-empty", detect_input(1 | 4, 7, [b""]))
    write("detect", "elf-magic-only", detect_input(1 | 4, 7, [b"\x7fELF\x02\x01\x01"]))
    # launchers
    small = elf(runpath=b"/root/.pyenv/versions/3.12.1/lib")
    for name, text, argv, b1 in [("pyenv-shim", PYENV_SHIM, 2, 7), ("pyenv-env-version", PYENV_SHIM, 2, 7 | 32),
                                  ("asdf-shim", ASDF_SHIM, 3, 7), ("asdf-env", ASDF_SHIM, 3, 7 | 32),
                                  ("conda", CONDA_WRAPPER, 2, 7), ("shell", SHELL_WRAPPER, 3, 7)]:
        for vname, vf in [("plain", b"3.12.1\n"), ("prefix", b"3.12\n"), ("multi", b"3.99 3.12.1\n# c\nsystem\n"),
                          ("system", b"system\n"), ("tool", b"python 3.12.1\nnodejs 20\n"),
                          ("python-prefix", b"python-3.12.1\n")]:
            write("detect", "%s-%s" % (name, vname),
                  detect_input(argv | 8 | 16 | 128, b1, [small, b"build_time_vars = {'prefix': '/root/.pyenv/versions/3.12.1'}\n", b"", b"", text, vf]))
    write("detect", "shim-to-script", detect_input(2, 7, [b"#!/bin/sh\nexec x\n", b"", b"", b"", PYENV_SHIM, b"3.12.1\n"]))
    # odd text
    write("detect", "sysconfig-odd", detect_input(1 | 8 | 16 | 128, 7, [rb or b"",
          b"x = {'prefix':'/a' '/b'\n  \"/c\", 'exec_prefix': None, 'PLATLIBDIR': 'lib64' ,'VPATH':'\\n\\t\\'x', 'ABIFLAGS': 't'}"]))
    write("detect", "sysconfig-unterminated", detect_input(1 | 8 | 16, 7, [rb or b"", b"{'prefix': '/a\\"]))
    write("detect", "makefile-refs", detect_input(1 | 8 | 128, 7, [rb or b"", b"", b"A=/x\nprefix=$(A)/${B}$(C\nexec_prefix= $(prefix) \r\nB=$(A)\nVPATH=$(VPATH)\nPLATLIBDIR=lib64\nABIFLAGS=t\n"]))
    write("detect", "patchlevel-odd", detect_input(1 | 8 | 16 | 128, 7, [rb or b"", b"", b"", b'#define PY_VERSION "3.12.99x"\n#define PY_VERSION "3.1.2"\n']))


# ---------------------------------------------------------------- tree

# fuzz_tree.c's names[], in the same order.
TREE_NAMES = [
    "", ".", "..", "usr", "bin", "lib", "lib64", "local", "home", "u", "v", "opt",
    "python3", "python", "python%V", "python%W.zip", "lib-dynload", "os.py", "site-packages",
    "pyvenv.cfg", "encodings", "__init__.py", "pybuilddir.txt", "Modules", "Setup.local",
    "Setup", "build", "x.pth", "python._pth", "python%V._pth", "Lib", "DLLs", "Scripts",
    "python.exe", "python%W.dll", "python%W._pth", "C:", "Python.framework", "Versions", "%V",
    "Resources", "__main__.py", "script.py", "x.zip", "dist-packages", ".local", "a:b", "a;b",
    "libpython%V.so", "Python", "Applications", "Python.app", "Contents", "MacOS", "build/lib.linux-x86_64-%V",
    "lib.linux-x86_64-%V", " ", "\xc3\xa9", "\xff", "site.py", "sitecustomize.py", "python%Vt", "Library",
    "Frameworks", "me", "python%Vt._pth",
]
F, D, L, X = 0, 1, 2, 3


def tpath(p):
    """'/usr/bin/python%V' -> PATH bytes (absolute when it starts with '/')."""
    absolute = p.startswith("/")
    comps = [c for c in p.strip("/").split("/")] if p.strip("/") else []
    assert len(comps) <= 15, p
    return bytes([(128 if absolute else 0) | len(comps)] + [TREE_NAMES.index(c) for c in comps])


def tnode(kind, path, target=None, mode=None, home=None, pth=None, raw=None):
    k = kind
    out = b""
    if mode is not None:
        k |= 4
        out += bytes([(mode >> 6 & 7) | (mode >> 3 & 7) << 3 | (mode >> 2 & 1) << 6 | (mode & 1) << 7])
    if home is not None:
        k |= 1 << 3
        out += tpath(home)
    elif pth is not None:
        k |= 2 << 3
        out += bytes([len(pth) - 1]) + b"".join(tpath(x) for x in pth)
    elif raw is not None:
        k |= 3 << 3
        out += bytes([len(raw)]) + raw
    out = bytes([k]) + out + tpath(path)
    if kind == L:
        out += tpath(target)
    return out


def tree_input(rows, flags, nodes, argv0, cwd, env=None, run=None, prefix=None, home_unset=False):
    """env: dict of PYTHONHOME/PYTHONPATH(list)/PYTHONPLATLIBDIR(name)/PYTHONEXECUTABLE/PYTHONUSERBASE/__PYVENV_LAUNCHER__."""
    env = env or {}
    order = ["PYTHONHOME", "PYTHONPATH", "PYTHONPLATLIBDIR", "PYTHONEXECUTABLE", "PYTHONUSERBASE", "__PYVENV_LAUNCHER__"]
    ev = sum(1 << i for i, n in enumerate(order) if n in env) | (64 if home_unset else 0) | (128 if prefix else 0)
    kind = {None: 0, "script": 1, "module": 2, "interactive": 3}[run[0] if run else None]
    out = bytes([rows, flags | (kind << 5), ev, len(nodes)]) + b"".join(nodes) + tpath(argv0) + tpath(cwd)
    for n in order:
        if n not in env:
            continue
        if n == "PYTHONPATH":
            out += bytes([len(env[n]) - 1]) + b"".join(tpath(x) for x in env[n])
        elif n == "PYTHONPLATLIBDIR":
            out += bytes([TREE_NAMES.index(env[n])])
        else:
            out += tpath(env[n])
    if kind == 1:
        out += tpath(run[1])
    elif kind == 2:
        out += bytes([TREE_NAMES.index(run[1])])
    if prefix:
        out += tpath(prefix)
    return out


def posix_install(prefix="/usr"):
    return [tnode(X, prefix + "/bin/python%V"), tnode(L, prefix + "/bin/python3", "python%V"),
            tnode(F, prefix + "/lib/python%V/os.py"), tnode(F, prefix + "/lib/python%V/encodings/__init__.py"),
            tnode(D, prefix + "/lib/python%V/lib-dynload"), tnode(D, prefix + "/lib/python%V/site-packages")]


def nt_install():
    return [tnode(X, "/Python/python.exe"), tnode(F, "/Python/Lib/os.py"), tnode(F, "/Python/Lib/encodings/__init__.py"),
            tnode(D, "/Python/DLLs"), tnode(F, "/Python/python%W.dll"), tnode(D, "/Python/Lib/site-packages")]


def seeds_tree():
    clean("tree")
    posix_rows = [r for r in ROWS if r[1] == "posix"]
    for i, (v, plat) in enumerate(ROWS):
        r = row(v, plat)
        if plat == "nt":
            base = nt_install()
            write("tree", "%s-%s-install" % (v, plat), tree_input(r, 0, base, "/Python/python.exe", "/home/u"))
            write("tree", "%s-%s-venv" % (v, plat), tree_input(r, 0, base + [
                tnode(X, "/v/Scripts/python.exe"), tnode(F, "/v/pyvenv.cfg", home="/Python"),
                tnode(D, "/v/Lib/site-packages")], "/v/Scripts/python.exe", "/home/u"))
            write("tree", "%s-%s-pth" % (v, plat), tree_input(r, 4, base + [
                tnode(F, "/Python/python._pth", pth=["python%W.zip", ".", "Lib", "x.zip"])], "/Python/python.exe", "/home/u"))
            write("tree", "%s-%s-env" % (v, plat), tree_input(r, 0, base, "/Python/python.exe", "/home/u", env={
                "PYTHONHOME": "/opt", "PYTHONPATH": ["/opt/lib", "a;b", "."], "__PYVENV_LAUNCHER__": "/v/Scripts/python.exe"},
                run=("script", "x.zip")))
            continue
        if plat == "darwin":
            fw = "/Library/Frameworks/Python.framework/Versions/%V"
            write("tree", "%s-%s-framework" % (v, plat), tree_input(r, 0, [
                tnode(X, fw + "/bin/python%V"), tnode(F, fw + "/lib/python%V/os.py"),
                tnode(F, fw + "/lib/python%V/encodings/__init__.py"),
                tnode(D, fw + "/lib/python%V/lib-dynload"), tnode(F, fw + "/Python"),
                tnode(L, "/usr/local/bin/python3", fw + "/bin/python%V")],
                "python3", "/home/u", env={"PYTHONEXECUTABLE": "/usr/local/bin/python3"}))
        base = posix_install()
        write("tree", "%s-%s-install" % (v, plat), tree_input(r, 0, base, "python3", "/home/u"))
        write("tree", "%s-%s-venv" % (v, plat), tree_input(r, (i % 4) << 2, base + [
            tnode(L, "/home/u/v/bin/python", "/usr/bin/python3"), tnode(F, "/home/u/v/pyvenv.cfg", home="/usr/bin"),
            tnode(D, "/home/u/v/lib/python%V/site-packages"),
            tnode(F, "/home/u/v/lib/python%V/site-packages/x.pth", pth=["/opt", "..", "a:b"])],
            "/home/u/v/bin/python", "/home/u", run=("script", "script.py")))
    for i, (v, plat) in enumerate(posix_rows):
        r = row(v, plat)
        base = posix_install()
        if i % 2 == 0:
            write("tree", "%s-loop" % v, tree_input(r, 0, [tnode(L, "/usr/bin/python3", "python"),
                                                           tnode(L, "/usr/bin/python", "python3")] + base[2:],
                                                    "/usr/bin/python3", "/"))
            write("tree", "%s-env" % v, tree_input(r, 0, base + [tnode(D, "/opt/lib/python%V/lib-dynload"),
                                                                  tnode(F, "/opt/lib/python%V/os.py")],
                                                   "python3", "/home/u", env={
                "PYTHONHOME": "/opt", "PYTHONPATH": ["/opt/lib", "a:b", "", ".."], "PYTHONPLATLIBDIR": "lib64",
                "PYTHONUSERBASE": "/home/u/.local"}, run=("module", "python3")))
        else:
            write("tree", "%s-build" % v, tree_input(r, 0, [
                tnode(X, "/home/u/build/python"), tnode(F, "/home/u/build/Modules/Setup.local"),
                tnode(F, "/home/u/build/Modules/Setup"),
                tnode(F, "/home/u/build/pybuilddir.txt", raw=b"build/lib.linux-x86_64-" + v.encode()),
                tnode(D, "/home/u/build/build/lib.linux-x86_64-%V"),
                tnode(F, "/home/u/build/Lib/os.py"), tnode(F, "/home/u/build/Lib/encodings/__init__.py")],
                "/home/u/build/python", "/home/u/build", run=("interactive",)))
            write("tree", "%s-_pth-modes" % v, tree_input(r, 16, base + [
                tnode(F, "/usr/bin/python%V._pth", pth=["../lib/python%V", "x.zip"], mode=0o600),
                tnode(D, "/usr/lib/python%V/site-packages", mode=0),
                tnode(D, "/home/u/.local", mode=0o111)],
                "/usr/bin/python%V", "/home/u", prefix="/usr", home_unset=True))


# ---------------------------------------------------------------- theme

THEMES = {
    "min": b"name: x\n",
    "one-role": b"name: one\nroles:\n  selected:\n    color256: {fg: 16, bg: 117, attrs: [bold]}\n"
                b"    color8: {fg: black, bg: cyan}\n    mono: [reverse]\n",
    "attr-word": b"roles:\n  title:\n    mono: bold\n    color8: {fg: default, attrs: underline}\n",
    "all-attrs": b"roles:\n  key:\n    mono: [bold, dim, reverse, underline, italic, standout, normal]\n",
    "range-256": b"roles:\n  key:\n    color256: {fg: 256}\n",
    "range-8": b"roles:\n  key:\n    color8: {fg: 8}\n",
    "negative": b"roles:\n  key:\n    color256: {fg: -1, bg: -2}\n",
    "unknown-role": b"roles:\n  nope:\n    mono: [bold]\n",
    "unknown-key": b"roles:\n  key:\n    color16: {fg: 1}\n",
    "unknown-attr": b"roles:\n  key:\n    mono: [blink]\n",
    "unknown-color": b"roles:\n  key:\n    color8: {fg: purple}\n",
    "not-mapping": b"- a\n- b\n",
    "roles-list": b"roles: [a, b]\n",
    "role-scalar": b"roles:\n  key: red\n",
    "long-name": b"name: " + b"n" * 200 + b"\n",
    "empty": b"",
    "bad-yaml": b"roles:\n  key:\n   - [\n",
    "anchors": b"a: &x {fg: 1}\nroles:\n  key:\n    color8: *x\n    color256: *x\n",
    "tabs": b"roles:\n\tkey: {}\n",
    "flow": b"{name: f, roles: {dim: {mono: [], color8: {}, color256: {fg: 0x10, bg: 1e2}}}}\n",
    "dup-keys": b"name: a\nname: b\n",
    "nul": b"name: a\x00b\n",
    "utf8": b"name: th\xc3\xa8me\n",
    "bad-utf8": b"name: \xff\xfe\n",
    "multi-doc": b"name: a\n---\nname: b\n",
    "null-values": b"roles:\n  key:\n    color256: {fg: ~, bg: null}\n    mono: ~\n",
}


def seeds_theme():
    clean("theme")
    for p in sorted(glob.glob(os.path.join(HERE, "..", "..", "themes", "*.yaml"))):
        write("theme", "themes-" + os.path.basename(p)[:-5], real(p))
    for name, text in sorted(THEMES.items()):
        write("theme", name, text)


# ---------------------------------------------------------------- verify

def probe_code():
    """The probe's Python code, read out of engine/verify.c."""
    import ast
    import re
    src = open(os.path.join(HERE, "..", "..", "engine", "verify.c")).read()
    m = re.search(r"static const char probe_code\[\] =(.*?);\n", src, re.S)
    return "".join(ast.literal_eval(x) for x in re.findall(r'^\s*(".*")\s*$', m.group(1), re.M))


def seeds_verify():
    import subprocess
    clean("verify")
    code = probe_code()
    runs = [("3.12", ["/root/.pyenv/versions/3.12.1/bin/python3"]), ("3.12-S", ["/root/.pyenv/versions/3.12.1/bin/python3", "-S", "-s"]),
            ("2.7", ["/root/.pyenv/versions/2.7.18/bin/python"]), ("3.8-I", ["/root/.pyenv/versions/3.8.18/bin/python3", "-I"]),
            ("debian-3.11", ["/usr/bin/python3.11"])]
    outs = {}
    for name, argv in runs:
        if not os.path.exists(argv[0]):
            continue
        # run by full path, in a scratch cwd, so nothing is written anywhere
        out = subprocess.run(argv + ["-c", code], capture_output=True, cwd="/tmp", timeout=60).stdout
        outs[name] = out
    for i, (name, out) in enumerate(sorted(outs.items())):
        write("verify", "probe-" + name, bytes([i % 4]) + out)
    base = outs.get("3.12", b"PATHSCOPE-PROBE-BEGIN\nexecutable =2f\npath =2f\nPATHSCOPE-PROBE-END\n")
    begin, end = b"PATHSCOPE-PROBE-BEGIN\n", b"PATHSCOPE-PROBE-END\n"
    broken = {
        "noise-around": b"hello from sitecustomize\n" + base + b"trailing\n",
        "no-block": b"Fatal Python error: init_fs_encoding\n",
        "no-end": base.replace(end, b""),
        "odd-hex": begin + b"prefix =2f7\n" + end,
        "bad-hex": begin + b"prefix =zz\n" + end,
        "none-missing": begin + b"prefix -\nhome !\nplatlibdir =\n" + end,
        "no-space": begin + b"prefix\n" + end,
        "flags": begin + b"flag isolated 1\nflag no_site -5\nflag nope 3\nflag\nflag x\nflag " + b"n" * 60 + b" 1\n" + end,
        "eus": begin + b"site 1\nenable_user_site True\nenable_user_site Fals\nenable_user_site \n" + end,
        "empty-path": begin + b"path =\npath -\npath !\n" + end,
        "crlf": base.replace(b"\n", b"\r\n"),
        "two-blocks": base + base,
        "end-first": end + begin,
        "nul": begin + b"prefix =2f00\x00\n" + end,
        "flag-at-end": begin + b"flag \n" + end,
        "empty": b"",
    }
    for i, (name, text) in enumerate(sorted(broken.items())):
        write("verify", name, bytes([(i % 4) | (i << 2 & 0xfc)]) + text + (SEP + b"Fatal Python error: x\n" if i % 3 == 0 else b""))


# ---------------------------------------------------------------- main

GENERATORS = {"pyvenv": seeds_pyvenv, "pth": seeds_pth, "detect": seeds_detect, "tree": seeds_tree, "theme": seeds_theme, "verify": seeds_verify}

if __name__ == "__main__":
    for h in sys.argv[1:] or sorted(GENERATORS):
        GENERATORS[h]()
